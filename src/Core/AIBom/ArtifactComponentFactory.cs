using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.AIBom;

/// <summary>
/// Builds the component for a declared model, dataset or other AI component: verified hash, licence, source,
/// model card, and the OM3001–OM3005/OM3007 findings about the declaration.
/// </summary>
internal sealed class ArtifactComponentFactory(AIBomRequest request, DiagnosticBag diagnostics)
{
    private const string PropertyPrefix = "openmodel:";

    public static string BomRefOf(ArtifactDeclaration declaration) => declaration.Kind switch
    {
        ArtifactKind.Model when declaration.IsRemoteService => "service:" + declaration.Include,
        ArtifactKind.Model => "model:" + (declaration.IsLocal ? declaration.RelativePath : declaration.Include),
        ArtifactKind.Dataset => "data:" + (declaration.IsLocal ? declaration.RelativePath : declaration.Include),
        _ => "component:" + (declaration.IsLocal ? declaration.RelativePath : declaration.Include),
    };

    public Component Create(ArtifactDeclaration declaration, string projectFile, Func<string, string?> datasetRef)
    {
        var component = new Component
        {
            Type = declaration.Kind switch
            {
                ArtifactKind.Model => "machine-learning-model",
                ArtifactKind.Dataset => "data",
                _ => "file",
            },
            BomRef = BomRefOf(declaration),
            Name = declaration.Name,
            Version = declaration.Get("Version"),
            Description = declaration.Get("Description"),
            Properties = [],
            ExternalReferences = [],
        };

        string? embeddedLicense = null;
        if (declaration.IsLocal)
        {
            component.Properties.Add(new Property(PropertyPrefix + "path", declaration.RelativePath));
            if (AddHash(component, declaration, projectFile) && declaration.Kind == ArtifactKind.Model)
            {
                embeddedLicense = ArtifactInspection.Apply(declaration, component, request.Cache, diagnostics);
            }
        }
        else if (declaration.IsUrl)
        {
            component.ExternalReferences.Add(new ExternalReference(declaration.Kind == ArtifactKind.Component ? "vcs" : "distribution", declaration.Include));
        }

        var card = declaration.Kind == ArtifactKind.Model ? ReadCard(declaration) : null;
        AddLicense(component, declaration, card, embeddedLicense, projectFile);
        AddSource(component, declaration);
        foreach (var name in new[] { "Kind", "Usage", "Model", "SourceRevision", "TrainedOn", "BaseModel" })
        {
            if (declaration.Get(name) is { } value)
            {
                component.Properties.Add(new Property(PropertyPrefix + char.ToLowerInvariant(name[0]) + name[1..], value));
            }
        }

        foreach (var tag in card?.Tags ?? [])
        {
            component.Properties.Add(new Property(PropertyPrefix + "tag", tag));
        }

        if (declaration.Kind == ArtifactKind.Model)
        {
            component.ModelCard = ModelCardMapper.Map(declaration, card, datasetRef);
            CheckCardSections(declaration, card, projectFile);
            CheckConflicts(declaration, card);
            AddAncestors(component, declaration, card);
        }

        if (declaration.Kind == ArtifactKind.Dataset)
        {
            component.Data = [new ComponentData { Type = "dataset", Name = declaration.Name, Contents = declaration.Get("Source") is { } url && Uri.IsWellFormedUriString(url, UriKind.Absolute) ? new DataContents { Url = url } : null }];
        }

        return component;
    }

    /// <summary>Hashes the file; false when there is no readable regular file to hash (and so nothing to inspect).</summary>
    private bool AddHash(Component component, ArtifactDeclaration declaration, string projectFile)
    {
        var path = declaration.FullPath;
        var kind = RegularFile.Probe(path).Kind;
        if (kind == FileKind.Directory && declaration.Kind == ArtifactKind.Component)
        {
            // Code and documents may be folders; only weights and data are hashed as single files.
            return false;
        }

        var problem = kind switch
        {
            FileKind.Regular => null,
            FileKind.Directory => $"is a directory, not a file; declare the files inside it (Include=\"{declaration.Include.TrimEnd('/', '\\')}/**\")",
            FileKind.Missing => $"was not found at '{path}'",
            _ => RegularFile.Problem(path),
        };
        string? sha256 = null;
        if (problem is null)
        {
            try
            {
                sha256 = request.Cache.GetSha256(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot be read: {e.Message}";
            }
        }

        if (sha256 is null)
        {
            diagnostics.Add(BuildRules.ArtifactNotFound, $"{declaration.ItemType} '{declaration.Include}' {problem}", projectFile);
            return false;
        }

        component.Hashes = [new Hash("SHA-256", sha256)];
        if (declaration.Get("Sha256") is { } declared && !declared.Equals(sha256, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.HashMismatch, $"{declaration.ItemType} '{declaration.Include}' has SHA-256 {sha256}, but the project declares {declared.ToLowerInvariant()}", projectFile);
        }

        return true;
    }

    /// <summary>Model cards are text; a far larger file is not one.</summary>
    private const long MaxCardBytes = 16L * 1024 * 1024;

    private ModelCardDocument? ReadCard(ArtifactDeclaration declaration)
    {
        var cardPath = declaration.Get("ModelCard") is { } declared
            ? declaration.FullPathOf(declared)
            : declaration.IsLocal && declaration.MayUseFolderReadme && Path.GetDirectoryName(declaration.FullPath) is { } folder
                && RegularFile.Probe(Path.Combine(folder, "README.md")).Kind == FileKind.Regular
                ? Path.Combine(folder, "README.md")
                : null;
        if (cardPath is null)
        {
            return null;
        }

        if (!RegularFile.TryReadAllText(cardPath, MaxCardBytes, out var text, out var problem))
        {
            diagnostics.Add(BuildRules.ArtifactNotFound, $"the model card of {declaration.ItemType} '{declaration.Include}': {problem}", cardPath);
            return null;
        }

        try
        {
            return ModelCardDocument.Parse(text!);
        }
        catch (ModelCardException e)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"model card of {declaration.ItemType} '{declaration.Include}': {e.Message}", cardPath, e.Line);
            return null;
        }
    }

    /// <summary>The declared licence, else the model card's, else the one the file itself carries (ONNX, safetensors, GGUF metadata).</summary>
    private void AddLicense(Component component, ArtifactDeclaration declaration, ModelCardDocument? card, string? embeddedLicense, string projectFile)
    {
        var expression = declaration.Get("LicenseExpression") ?? SpdxIdOf(card?.License) ?? SpdxIdOf(embeddedLicense);
        if (expression is null)
        {
            if (declaration.Kind != ArtifactKind.Component)
            {
                diagnostics.Add(BuildRules.NoLicense, $"{declaration.ItemType} '{declaration.Include}' has no licence: set LicenseExpression, or a license in its model card", projectFile);
            }

            return;
        }

        if (declaration.Get("LicenseExpression") is null && card?.License is null)
        {
            component.Properties!.Add(new Property(PropertyPrefix + "license-source", "file-metadata"));
        }

        if (LicenseExpressionCheck.Problem(expression, request.KnownLicenseRefs) is { } problem)
        {
            diagnostics.Add(BuildRules.InvalidLicenseExpression, $"{declaration.ItemType} '{declaration.Include}' has licence '{expression}': {problem}", projectFile);
        }

        component.Licenses = LicenseChoices.FromExpression(expression);
    }

    private static void AddSource(Component component, ArtifactDeclaration declaration)
    {
        var source = declaration.Get("Source");
        if (source is not null && Uri.IsWellFormedUriString(source, UriKind.Absolute))
        {
            component.ExternalReferences!.Add(new ExternalReference("distribution", source, declaration.Get("SourceRevision") is { } revision ? "revision " + revision : null));
            component.Purl = declaration.Kind == ArtifactKind.Model ? HuggingFaceSource.ModelPurl(source, declaration.Get("SourceRevision")) : null;
        }

        if (declaration.Get("ModelCard") is { } card)
        {
            component.ExternalReferences!.Add(new ExternalReference("model-card", card.Replace('\\', '/')));
        }

        if (declaration.Get("Documentation") is { } documentation)
        {
            component.ExternalReferences!.Add(new ExternalReference("documentation", documentation));
        }
    }

    private void CheckCardSections(ArtifactDeclaration declaration, ModelCardDocument? card, string projectFile)
    {
        if (!declaration.IsLocal && !declaration.IsUrl && declaration.Get("ModelCard") is null)
        {
            return;
        }

        if (card is null)
        {
            diagnostics.Add(BuildRules.ModelCardIncomplete, $"{declaration.ItemType} '{declaration.Include}' has no model card (set ModelCard, or put a README.md beside the model)", projectFile);
            return;
        }

        var missing = new[] { (CardSection.IntendedUse, "intended use"), (CardSection.Limitations, "limitations"), (CardSection.Risks, "risks") }
            .Where(s => !card.Has(s.Item1))
            .Select(s => s.Item2)
            .ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(BuildRules.ModelCardIncomplete, $"the model card of {declaration.ItemType} '{declaration.Include}' has no {string.Join(", ", missing)} section", projectFile);
        }
    }

    private void CheckConflicts(ArtifactDeclaration declaration, ModelCardDocument? card)
    {
        if (card is null)
        {
            return;
        }

        var declaredLicense = declaration.Get("LicenseExpression");
        var cardLicense = SpdxIdOf(card.License);
        if (declaredLicense is not null && cardLicense is not null && !declaredLicense.Equals(cardLicense, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declaration.ItemType} '{declaration.Include}' declares licence '{declaredLicense}' but its model card says '{card.License}'", declaration.Get("ModelCard") ?? declaration.Include);
        }

        var declaredBase = declaration.Get("BaseModel");
        if (declaredBase is not null && card.BaseModels.Count > 0 && !card.BaseModels.Contains(declaredBase, StringComparer.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declaration.ItemType} '{declaration.Include}' declares base model '{declaredBase}' but its model card says '{string.Join(", ", card.BaseModels)}'", declaration.Get("ModelCard") ?? declaration.Include);
        }
    }

    private static void AddAncestors(Component component, ArtifactDeclaration declaration, ModelCardDocument? card)
    {
        var bases = (declaration.Get("BaseModel") is { } declared ? [declared] : card?.BaseModels ?? []).ToList();
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

    /// <summary>Hugging Face cards write SPDX ids in lower case ("apache-2.0"); map them back to the list's spelling.</summary>
    private static string? SpdxIdOf(string? cardLicense) =>
        cardLicense is null ? null : SpdxLicenseList.Find(cardLicense)?.Id ?? cardLicense;
}
