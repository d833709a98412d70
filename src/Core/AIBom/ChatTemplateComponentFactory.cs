using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;
using OpenModel.Core.Inspection;

namespace OpenModel.Core.AIBom;

/// <summary>
/// A chat template is Jinja that runs on every prompt, so each one a model carries is a component of its own: a
/// swapped template changes what the model is told (or, through a sandbox escape, runs code) while the weights stay
/// the same. Each becomes a <c>file</c> component with the SHA-256 of the template text, where it was read, its own
/// scan verdict and findings; the model depends on it.
/// </summary>
internal static class ChatTemplateComponentFactory
{
    public const string BomRefPrefix = ChatTemplateFact.BomRefPrefix;

    /// <summary>The bom-ref of the model the template belongs to.</summary>
    public const string OfProperty = "openmodel:chat-template-of";

    /// <summary>Where the template was read: the file (relative to the project) and the key inside it.</summary>
    public const string SourceProperty = "openmodel:chat-template-source";

    public static bool IsChatTemplate(Component component) =>
        component.BomRef?.StartsWith(BomRefPrefix, StringComparison.Ordinal) == true || component.Properties?.Any(p => p.Name == OfProperty) == true;

    public static List<Component> Create(ArtifactFacts facts)
    {
        var model = facts.Declared;
        var templates = new List<Component>();
        foreach (var template in facts.ChatTemplates)
        {
            var (file, part) = (template.File, template.Part);
            var findings = part.Findings ?? [];
            var verdict = new InspectionResult(file, ArtifactFormat.Config, findings, new Dictionary<string, string>()).Verdict;
            var properties = new List<Property>
            {
                new("openmodel:path", file),
                new(SourceProperty, $"{file}#{part.Name}"),
                new(OfProperty, model.BomRef),
                new("openmodel:scan", verdict.ToString().ToLowerInvariant()),
            };
            properties.AddRange(findings.Select(f => new Property("openmodel:finding", $"{f.Id} {f.Level.ToString().ToLowerInvariant()}: {f.Message}")));
            templates.Add(new Component
            {
                Type = "file",
                BomRef = template.BomRef(model),
                Name = template.Name(model),
                Description = template.Description(model),
                Hashes = [new Hash("SHA-256", part.Sha256)],
                Properties = properties,
            });
        }

        return templates;
    }
}
