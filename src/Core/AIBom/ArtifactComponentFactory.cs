using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;

namespace OpenModel.Core.AIBom;

/// <summary>
/// Writes the component of a declared model, dataset or other AI component from its facts: verified hash, what the
/// inspector found, licence, source, model card and pedigree. Findings were raised when the facts were gathered.
/// </summary>
internal static class ArtifactComponentFactory
{
    private const string PropertyPrefix = "openmodel:";

    public static Component Create(ArtifactFacts facts)
    {
        var declared = facts.Declared;
        var component = new Component
        {
            Type = declared.Kind switch
            {
                ArtifactKind.Model => "machine-learning-model",
                ArtifactKind.Dataset => "data",
                _ => "file",
            },
            BomRef = declared.BomRef,
            Name = declared.Name,
            Version = declared.Version,
            Description = declared.Description,
            Properties = [],
            ExternalReferences = [],
        };

        if (declared.IsLocal)
        {
            component.Properties.Add(new Property(PropertyPrefix + "path", declared.RelativePath));
            if (facts.Sha256 is { } sha256)
            {
                component.Hashes = [new Hash("SHA-256", sha256)];
            }

            if (facts.Inspection is { } inspection && facts.Format is { } format)
            {
                component.Properties.Add(new Property(PropertyPrefix + "format", format));
                component.Properties.Add(new Property(PropertyPrefix + "scan", inspection.Verdict.ToString().ToLowerInvariant()));
                foreach (var key in new[] { "architecture", "parameter_count", "tensor_count", "producer", "onnx.opset" })
                {
                    if (inspection.Metadata.TryGetValue(key, out var value))
                    {
                        component.Properties.Add(new Property(PropertyPrefix + key.Replace('_', '-'), value));
                    }
                }
            }
        }
        else if (declared.IsUrl)
        {
            component.ExternalReferences.Add(new ExternalReference(declared.Kind == ArtifactKind.Component ? "vcs" : "distribution", declared.Include));
        }

        if (facts.License is { } license)
        {
            if (facts.LicenseFromFile)
            {
                component.Properties.Add(new Property(PropertyPrefix + "license-source", "file-metadata"));
            }

            component.Licenses = LicenseChoices.From(license);
        }

        AddSource(component, declared);
        foreach (var (name, value) in EchoedMetadata(declared))
        {
            if (value is not null)
            {
                component.Properties.Add(new Property(PropertyPrefix + name, value));
            }
        }

        foreach (var tag in facts.Tags)
        {
            component.Properties.Add(new Property(PropertyPrefix + "tag", tag));
        }

        if (facts.ModelCard is { } card)
        {
            component.ModelCard = ModelCardMapper.Map(card);
            AddAncestors(component, facts.BaseModels);
        }

        if (declared is DeclaredDataset)
        {
            component.Data = [new ComponentData { Type = "dataset", Name = declared.Name, Contents = declared.SourceUrl is { } url ? new DataContents { Url = url } : null }];
        }

        return component;
    }

    /// <summary>Declared metadata recorded verbatim, in this order, as "openmodel:kind", "openmodel:usage", ….</summary>
    private static IEnumerable<(string Name, string? Value)> EchoedMetadata(DeclaredArtifact declared) =>
    [
        ("kind", (declared as DeclaredComponent)?.ComponentKind),
        ("usage", (declared as DeclaredDataset)?.Usage is { IsEmpty: false } usage ? usage.Text : null),
        ("model", (declared as DeclaredComponent)?.Model),
        ("sourceRevision", declared.SourceRevision),
        ("trainedOn", (declared as DeclaredModel)?.TrainedOn is { IsEmpty: false } trainedOn ? trainedOn.Text : null),
        ("baseModel", (declared as DeclaredModel)?.BaseModel),
    ];

    private static void AddSource(Component component, DeclaredArtifact declared)
    {
        if (declared.SourceUrl is { } source)
        {
            component.ExternalReferences!.Add(new ExternalReference("distribution", source, declared.SourceRevision is { } revision ? "revision " + revision : null));
            component.Purl = declared.Kind == ArtifactKind.Model ? HuggingFaceSource.ModelPurl(source, declared.SourceRevision) : null;
        }

        if ((declared as DeclaredModel)?.ModelCard is { } card)
        {
            component.ExternalReferences!.Add(new ExternalReference("model-card", card.Replace('\\', '/')));
        }

        if (declared.Documentation is { } documentation)
        {
            component.ExternalReferences!.Add(new ExternalReference("documentation", documentation));
        }
    }

    private static void AddAncestors(Component component, IReadOnlyList<string> bases)
    {
        if (bases.Count == 0)
        {
            return;
        }

        component.Pedigree = new Pedigree
        {
            Ancestors = bases.Select(name => new Component
            {
                Type = "machine-learning-model",
                BomRef = "base-model:" + name,
                Name = name,
                Purl = HuggingFaceSource.ModelPurl(HuggingFaceSource.HubUrl(name), null),
                ExternalReferences = HuggingFaceSource.HubUrl(name) is { } url ? [new ExternalReference("distribution", url)] : null,
            }).ToList(),
        };
    }
}
