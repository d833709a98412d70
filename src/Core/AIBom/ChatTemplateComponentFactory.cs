using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Hashing;
using OpenModel.Core.Inspection;
using OpenModel.Core.IO;

namespace OpenModel.Core.AIBom;

/// <summary>
/// A chat template is Jinja that runs on every prompt, so each one a model carries is a component of its own: a
/// swapped template changes what the model is told (or, through a sandbox escape, runs code) while the weights stay
/// the same. Templates come from the model file (GGUF <c>tokenizer.chat_template</c> and its named variants) and from
/// the Hugging Face files beside it (<see cref="ModelFileSelection.ChatTemplateFiles"/>). Each becomes a <c>file</c>
/// component with the SHA-256 of the template text, where it was read, its own scan verdict and findings; the model
/// depends on it.
/// </summary>
internal static class ChatTemplateComponentFactory
{
    public const string BomRefPrefix = "chat-template:";

    /// <summary>The bom-ref of the model the template belongs to.</summary>
    public const string OfProperty = "openmodel:chat-template-of";

    /// <summary>Where the template was read: the file (relative to the project) and the key inside it.</summary>
    public const string SourceProperty = "openmodel:chat-template-source";

    public static bool IsChatTemplate(Component component) =>
        component.BomRef?.StartsWith(BomRefPrefix, StringComparison.Ordinal) == true || component.Properties?.Any(p => p.Name == OfProperty) == true;

    /// <summary>The template components of a declared local model that was hashed; findings about templates beside it are diagnostics.</summary>
    public static List<Component> Create(ArtifactDeclaration declaration, Component model, ArtifactFactCache cache, DiagnosticBag diagnostics)
    {
        var templates = new List<Component>();
        if (declaration.Kind != ArtifactKind.Model || !declaration.IsLocal || model.Hashes is null)
        {
            return templates;
        }

        // The model's own findings (a GGUF template included) were reported when the model was inspected.
        Add(templates, model, declaration.RelativePath, declaration.RelativePath, cache.GetInspection(declaration.FullPath));
        if (Path.GetDirectoryName(declaration.FullPath) is not { } folder)
        {
            return templates;
        }

        foreach (var name in ModelFileSelection.ChatTemplateFiles)
        {
            var path = Path.Combine(folder, name);
            if (string.Equals(path, declaration.FullPath, StringComparison.Ordinal) || RegularFile.Probe(path).Kind == FileKind.Missing)
            {
                continue;
            }

            var relative = Path.GetRelativePath(declaration.ProjectDirectory, path).Replace('\\', '/');
            var result = cache.GetInspection(path);
            foreach (var finding in result.Findings)
            {
                var where = finding.Where.Length > 0 ? $" ({finding.Where})" : string.Empty;
                diagnostics.Add(finding.Id, finding.Level, $"{declaration.ItemType} '{declaration.Include}': the chat template file '{relative}'{where}: {finding.Message}", path);
            }

            Add(templates, model, declaration.RelativePath, relative, result);
        }

        return templates;
    }

    private static void Add(List<Component> templates, Component model, string modelFile, string file, InspectionResult result)
    {
        // Two files beside a model may both hold a "chat_template": the file is part of the name when it is not the model.
        var beside = file == modelFile ? null : file;
        foreach (var part in result.Parts?.Where(p => p.Kind == "chat-template") ?? [])
        {
            var findings = part.Findings ?? [];
            var verdict = new InspectionResult(file, ArtifactFormat.Config, findings, new Dictionary<string, string>()).Verdict;
            var properties = new List<Property>
            {
                new("openmodel:path", file),
                new(SourceProperty, $"{file}#{part.Name}"),
                new(OfProperty, model.BomRef!),
                new("openmodel:scan", verdict.ToString().ToLowerInvariant()),
            };
            properties.AddRange(findings.Select(f => new Property("openmodel:finding", $"{f.Id} {f.Level.ToString().ToLowerInvariant()}: {f.Message}")));
            templates.Add(new Component
            {
                Type = "file",
                BomRef = beside is null ? $"{BomRefPrefix}{modelFile}#{part.Name}" : $"{BomRefPrefix}{modelFile}#{beside}#{part.Name}",
                Name = beside is null ? $"{model.Name} {part.Name}" : $"{model.Name} {part.Name} ({Path.GetFileName(beside)})",
                Description = $"Chat template of {model.Name} (Jinja run on every prompt), {part.Name} in {file}, {part.Length:N0} bytes",
                Hashes = [new Hash("SHA-256", part.Sha256)],
                Properties = properties,
            });
        }
    }
}
