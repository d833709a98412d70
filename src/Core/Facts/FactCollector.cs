using OpenModel.Core.Artifacts;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Evidence;
using OpenModel.Core.Hashing;
using OpenModel.Core.IO;
using OpenModel.Core.Licensing;
using OpenModel.Core.NuGet;

namespace OpenModel.Core.Facts;

/// <summary>
/// Gathers what the build can know about validated declarations before anything is written: every local artefact
/// hashed (on its own core) and checked against a pinned Sha256, every model file inspected, every model card read, the
/// licence that applies chosen, the NuGet graph and the analyzers' evidence read — with the OM3001–OM3007 and OM4xxx
/// findings about them.
/// </summary>
public sealed class FactCollector(ArtifactFactCache cache, IReadOnlySet<string> knownLicenseRefs, string projectFile, DiagnosticBag diagnostics)
{
    /// <summary>Model cards are text; a far larger file is not one.</summary>
    private const long MaxCardBytes = 16L * 1024 * 1024;

    public BuildFacts Collect(ProjectInfo project, ProjectDeclarations declarations, string? assetsFilePath, string? sarifPath)
    {
        var projectLicense = ParsedLicense.From(project.LicenseExpression);
        if (projectLicense is not null && projectLicense.Problem(knownLicenseRefs) is { } problem)
        {
            diagnostics.Add(BuildRules.InvalidLicenseExpression, $"PackageLicenseExpression '{projectLicense.Text}': {problem}", projectFile);
        }

        var graph = assetsFilePath is { } assets && File.Exists(assets) ? PackageGraphReader.Read(assets, diagnostics) : null;
        var packages = (graph?.Packages ?? []).Select(Package).ToList();

        var local = declarations.Artifacts.ToList();
        var artifacts = new ArtifactFacts[local.Count];
        Parallel.For(0, local.Count, i => artifacts[i] = Artifact(local[i], declarations));

        foreach (var service in declarations.Services)
        {
            if (service.License is { } license && license.Problem(knownLicenseRefs) is { } serviceProblem)
            {
                diagnostics.Add(BuildRules.InvalidLicenseExpression, $"{service.ItemType} '{service.Include}' has licence '{license.Text}': {serviceProblem}", projectFile);
            }
        }

        var evidence = SarifEvidenceReader.Read(sarifPath, diagnostics);
        var facts = new BuildFacts(project, projectLicense, declarations, artifacts, packages, graph?.DirectDependencies ?? [], evidence)
        {
            Sites = DeclarationSites.Read(declarations.All, projectFile),
        };
        InspectDiscovered(facts);
        return facts;
    }

    private PackageFacts Package(PackageComponent package)
    {
        if (!package.IsProject && !package.HasLicense)
        {
            diagnostics.Add(BuildRules.PackageWithoutLicense, $"package {package.Id} {package.Version} declares no licence (no license expression, file or URL in its .nuspec)");
        }

        // A recognised text also gets its SPDX id, so the licence can be classified; the text stays as evidence.
        return new PackageFacts(package, package.LicenseExpression is null && package.LicenseFileText is { } text ? LicenseTextIdentifier.Identify(text) : null);
    }

    private ArtifactFacts Artifact(DeclaredArtifact declared, ProjectDeclarations declarations)
    {
        string? sha256 = null;
        Inspection.InspectionResult? inspection = null;
        if (declared.IsLocal)
        {
            sha256 = Hash(declared);
            if (sha256 is not null && declared is DeclaredModel)
            {
                inspection = Inspect(declared);
            }
        }

        var model = declared as DeclaredModel;
        var card = model is null ? null : ReadCard(model);
        var embedded = inspection?.Metadata.GetValueOrDefault("license");
        var license = declared.License ?? ParsedLicense.From(SpdxIdOf(card?.License) ?? SpdxIdOf(embedded));
        if (license is null)
        {
            if (declared.Kind != ArtifactKind.Component)
            {
                diagnostics.Add(BuildRules.NoLicense, $"{declared.ItemType} '{declared.Include}' has no licence: set LicenseExpression, or a license in its model card", projectFile);
            }
        }
        else if (license.Problem(knownLicenseRefs) is { } problem)
        {
            diagnostics.Add(BuildRules.InvalidLicenseExpression, $"{declared.ItemType} '{declared.Include}' has licence '{license.Text}': {problem}", projectFile);
        }

        if (model is not null)
        {
            CheckCardSections(model, card);
            CheckConflicts(model, card);
        }

        return new ArtifactFacts
        {
            Declared = declared,
            Sha256 = sha256,
            Inspection = inspection,
            Card = card,
            ModelCard = model is null ? null : CardFacts(model, card, declarations),
            License = license,
            LicenseFromFile = license is not null && declared.License is null && card?.License is null,
            BaseModels = model is null ? [] : model.BaseModel is { } declaredBase ? [declaredBase] : card?.BaseModels ?? [],
            ChatTemplates = inspection is null ? [] : ChatTemplates(declared, inspection),
        };
    }

    /// <summary>
    /// The chat templates of an inspected model: those in the file itself (its findings were reported with the file's)
    /// and those in the Hugging Face files beside it, whose findings are reported here, naming that file.
    /// </summary>
    private List<ChatTemplateFact> ChatTemplates(DeclaredArtifact declared, Inspection.InspectionResult inspection)
    {
        var templates = Templates(declared.RelativePath, besideModel: false, inspection).ToList();
        if (Path.GetDirectoryName(declared.FullPath) is not { } folder)
        {
            return templates;
        }

        foreach (var name in Inspection.ModelFileSelection.ChatTemplateFiles)
        {
            var path = Path.Combine(folder, name);
            if (string.Equals(path, declared.FullPath, StringComparison.Ordinal) || RegularFile.Probe(path).Kind == FileKind.Missing)
            {
                continue;
            }

            var relative = Path.GetRelativePath(declared.ProjectDirectory, path).Replace('\\', '/');
            var result = cache.GetInspection(path);
            ReportFindings(result, $"{declared.ItemType} '{declared.Include}': the chat template file '{relative}'", path);

            templates.AddRange(Templates(relative, besideModel: true, result));
        }

        return templates;
    }

    private static IEnumerable<ChatTemplateFact> Templates(string file, bool besideModel, Inspection.InspectionResult result) =>
        (result.Parts ?? []).Where(p => p.Kind == "chat-template").Select(p => new ChatTemplateFact(file, besideModel, p));

    /// <summary>The verified hash; null when there is no readable regular file to hash (and so nothing to inspect).</summary>
    private string? Hash(DeclaredArtifact declared)
    {
        var path = declared.FullPath;
        var kind = RegularFile.Probe(path).Kind;
        if (kind == FileKind.Directory && declared.Kind == ArtifactKind.Component)
        {
            // Code and documents may be folders; only weights and data are hashed as single files.
            return null;
        }

        var problem = kind switch
        {
            FileKind.Regular => null,
            FileKind.Directory => $"is a directory, not a file; declare the files inside it (Include=\"{declared.Include.TrimEnd('/', '\\')}/**\")",
            FileKind.Missing => $"was not found at '{path}'",
            _ => RegularFile.Problem(path),
        };
        string? sha256 = null;
        if (problem is null)
        {
            try
            {
                sha256 = cache.GetSha256(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"cannot be read: {e.Message}";
            }
        }

        if (sha256 is null)
        {
            diagnostics.Add(BuildRules.ArtifactNotFound, $"{declared.ItemType} '{declared.Include}' {problem}", projectFile);
            return null;
        }

        if (declared.Sha256 is { } pinned && !pinned.Equals(sha256, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.HashMismatch, $"{declared.ItemType} '{declared.Include}' has SHA-256 {sha256}, but the project declares {pinned.ToLowerInvariant()}", projectFile);
        }

        return sha256;
    }

    /// <summary>
    /// Runs the artefact inspector on a declared model file: its findings become build diagnostics naming the file, and
    /// disagreements with the declaration are OM3007.
    /// </summary>
    private Inspection.InspectionResult Inspect(DeclaredArtifact declared)
    {
        var result = cache.GetInspection(declared.FullPath);
        ReportFindings(result, $"{declared.ItemType} '{declared.Include}'", declared.FullPath);

        if (declared.License is { } license && result.Metadata.TryGetValue("license", out var embedded)
            && !string.Equals(license.Text, SpdxLicenseList.Find(embedded)?.Id ?? embedded, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declared.ItemType} '{declared.Include}' declares licence '{license.Text}' but the file's own metadata says '{embedded}'", declared.FullPath);
        }

        if (declared is DeclaredModel { Architecture: { } architecture } && result.Metadata.TryGetValue("architecture", out var actual)
            && !string.Equals(architecture, actual, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declared.ItemType} '{declared.Include}' declares architecture '{architecture}' but the file says '{actual}'", declared.FullPath);
        }

        return result;
    }

    /// <summary>Each inspection finding as a build diagnostic naming the file: "subject (where): message".</summary>
    private void ReportFindings(Inspection.InspectionResult result, string subject, string file)
    {
        foreach (var finding in result.Findings)
        {
            var where = finding.Where.Length > 0 ? $" ({finding.Where})" : string.Empty;
            diagnostics.Add(finding.Id, finding.Level, $"{subject}{where}: {finding.Message}", file);
        }
    }

    private ModelCardDocument? ReadCard(DeclaredModel model)
    {
        var cardPath = model.ModelCard is { } declared
            ? model.Item.FullPathOf(declared)
            : model.IsLocal && model.MayUseFolderReadme && Path.GetDirectoryName(model.FullPath) is { } folder
                && RegularFile.Probe(Path.Combine(folder, "README.md")).Kind == FileKind.Regular
                ? Path.Combine(folder, "README.md")
                : null;
        if (cardPath is null)
        {
            return null;
        }

        if (!RegularFile.TryReadAllText(cardPath, MaxCardBytes, out var text, out var problem))
        {
            diagnostics.Add(BuildRules.ArtifactNotFound, $"the model card of {model.ItemType} '{model.Include}': {problem}", cardPath);
            return null;
        }

        try
        {
            return ModelCardDocument.Parse(text!);
        }
        catch (ModelCardException e)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"model card of {model.ItemType} '{model.Include}': {e.Message}", cardPath, e.Line);
            return null;
        }
    }

    private void CheckCardSections(DeclaredModel model, ModelCardDocument? card)
    {
        if (!model.IsLocal && !model.IsUrl && model.ModelCard is null)
        {
            return;
        }

        if (card is null)
        {
            diagnostics.Add(BuildRules.ModelCardIncomplete, $"{model.ItemType} '{model.Include}' has no model card (set ModelCard, or put a README.md beside the model)", projectFile);
            return;
        }

        var missing = new[] { (CardSection.IntendedUse, "intended use"), (CardSection.Limitations, "limitations"), (CardSection.Risks, "risks") }
            .Where(s => !card.Has(s.Item1))
            .Select(s => s.Item2)
            .ToList();
        if (missing.Count > 0)
        {
            diagnostics.Add(BuildRules.ModelCardIncomplete, $"the model card of {model.ItemType} '{model.Include}' has no {string.Join(", ", missing)} section", projectFile);
        }
    }

    private void CheckConflicts(DeclaredModel model, ModelCardDocument? card)
    {
        if (card is null)
        {
            return;
        }

        var cardLicense = SpdxIdOf(card.License);
        if (model.License is { } declared && cardLicense is not null && !declared.Text.Equals(cardLicense, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{model.ItemType} '{model.Include}' declares licence '{declared.Text}' but its model card says '{card.License}'", model.ModelCard ?? model.Include);
        }

        if (model.BaseModel is { } declaredBase && card.BaseModels.Count > 0 && !card.BaseModels.Contains(declaredBase, StringComparer.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{model.ItemType} '{model.Include}' declares base model '{declaredBase}' but its model card says '{string.Join(", ", card.BaseModels)}'", model.ModelCard ?? model.Include);
        }
    }

    /// <summary>The card merged with the declaration: declared Task, Architecture and TrainedOn first.</summary>
    private static ModelCardFacts CardFacts(DeclaredModel model, ModelCardDocument? card, ProjectDeclarations declarations)
    {
        var datasets = model.TrainedOn.Items
            .Concat(card?.Datasets ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => new DatasetReference(name, declarations.FindDataset(name)))
            .DistinctBy(d => d.Ref ?? d.Name)
            .ToList();
        List<string> Texts(CardSection section) => card is not null && card.Sections.TryGetValue(section, out var text) ? [text] : [];
        return new ModelCardFacts
        {
            Task = model.Task ?? card?.PipelineTag,
            Architecture = model.Architecture ?? card?.Architecture,
            Datasets = datasets,
            Metrics = card?.Metrics ?? [],
            UseCases = Texts(CardSection.IntendedUse),
            Limitations = Texts(CardSection.Limitations).Concat(Texts(CardSection.OutOfScopeUse).Select(t => ModelCardFacts.OutOfScopePrefix + t)).ToList(),
            EthicalConsiderations = Texts(CardSection.Risks).Concat(Texts(CardSection.EthicalConsiderations)).Distinct(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>A model the code loads without declaring it is inspected too, when the analyzer resolved it to a regular file here.</summary>
    private void InspectDiscovered(BuildFacts facts)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var load in facts.Evidence.Unmatched.Where(u => u.Id == OpenModel.Analyzers.RuleIdentifiers.ModelNotDeclared && u.Include is not null))
        {
            if (!RegularFile.IsValidPath(load.Include))
            {
                diagnostics.Add(BuildRules.MalformedInput, $"the code loads '{RegularFile.Printable(load.Include!)}', which is not a valid path (it holds a NUL or another invalid character); nothing was inspected", load.File.Length > 0 ? load.File : null, load.Line, level: DiagnosticLevel.Warning);
                continue;
            }

            var file = Path.GetFullPath(Path.Combine(facts.Project.Directory, load.Include!));
            if (RegularFile.Probe(file).Kind == FileKind.Regular)
            {
                files.Add(file);
            }
        }

        foreach (var file in files)
        {
            ReportFindings(cache.GetInspection(file), $"undeclared model '{facts.Relative(file)}'", file);
        }
    }

    /// <summary>Hugging Face cards write SPDX ids in lower case ("apache-2.0"); map them back to the list's spelling.</summary>
    private static string? SpdxIdOf(string? cardLicense) =>
        cardLicense is null ? null : SpdxLicenseList.Find(cardLicense)?.Id ?? cardLicense;
}
