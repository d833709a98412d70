using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Evidence;
using OpenModel.Core.IO;
using OpenModel.Core.Licensing;
using OpenModel.Core.NuGet;
using OpenModel.Core.Openness;

namespace OpenModel.Core.AIBom;

public sealed record AIBomResult(Bom Bom, IReadOnlyList<OpenModelDiagnostic> Diagnostics, OpennessResult Openness);

/// <summary>
/// Builds the AI-BOM of one project: the project, its NuGet graph, its declared models, datasets and model services,
/// and the code evidence of where each is loaded.
/// </summary>
public static class AIBomBuilder
{
    public static readonly IReadOnlyList<string> SupportedSpecVersions = ["1.6", "1.7"];

    public static AIBomResult Build(AIBomRequest request, string projectFile)
    {
        var diagnostics = new DiagnosticBag();
        if (!SupportedSpecVersions.Contains(request.SpecVersion))
        {
            diagnostics.Add(BuildRules.MalformedInput, $"AIBomSpecVersion '{request.SpecVersion}' is not supported; use {string.Join(" or ", SupportedSpecVersions)}", projectFile);
            request = request with { SpecVersion = "1.6" };
        }

        request = request with { Artifacts = DeclarationValidator.Validate(request.Artifacts, projectFile, diagnostics) };
        var root = ProjectComponent(request, projectFile, diagnostics);
        var bom = new Bom
        {
            SpecVersion = request.SpecVersion,
            Metadata = new BomMetadata
            {
                Timestamp = Timestamp(request.SourceDateEpoch),
                Tools = new ToolChoice { Components = [new Component { Type = "application", Name = "OpenModel.Sdk", Version = request.ToolVersion, Group = "OpenModel" }] },
                Component = root,
                Properties = [],
            },
            Components = [],
            Services = [],
            Dependencies = [],
        };
        var rootDependencies = new List<string>();

        var graph = request.AssetsFilePath is { } assets && File.Exists(assets) ? PackageGraphReader.Read(assets, diagnostics) : null;
        foreach (var package in graph?.Packages ?? [])
        {
            bom.Components.Add(PackageComponentFactory.Create(package, diagnostics));
            bom.Dependencies.Add(new Dependency { Ref = package.BomRef, DependsOn = [.. package.DependsOn] });
        }

        rootDependencies.AddRange(graph?.DirectDependencies ?? []);
        AddArtifacts(request, projectFile, bom, rootDependencies, diagnostics);
        bom.Dependencies.Add(new Dependency { Ref = root.BomRef!, DependsOn = rootDependencies });
        bom.Metadata.Properties.Add(new Property("openmodel:packages", (graph?.Packages.Count ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var (openness, findings) = OpennessAssessor.Assess(request, bom, projectFile);
        OpennessBomWriter.Write(bom, openness, findings);
        foreach (var finding in findings)
        {
            diagnostics.Add(finding.Id, finding.Level, finding.Message, finding.File, finding.Line);
        }

        // The report is rendered from the BOM alone: it must list what this build said about the AI artefacts.
        foreach (var d in diagnostics.Items.Where(d => d.Level != DiagnosticLevel.Info && !findings.Contains(d)))
        {
            bom.Metadata.Properties.Add(new Property(DiagnosticProperty, $"{d.Id} {d.Level.ToString().ToLowerInvariant()} {(d.File is null ? string.Empty : Relative(d.File, request))}: {d.Message}"));
        }

        return new AIBomResult(bom, diagnostics.Items, openness);
    }

    /// <summary>Metadata property holding one warning or error this build raised about the AI artefacts: "OM3003 warning App.csproj: …".</summary>
    public const string DiagnosticProperty = "openmodel:diagnostic";

    /// <summary>Metadata property holding one security-analyzer finding as "OM1001 error Program.cs:12".</summary>
    public const string SecurityFindingProperty = "openmodel:security-finding";

    private static void AddArtifacts(AIBomRequest request, string projectFile, Bom bom, List<string> rootDependencies, DiagnosticBag diagnostics)
    {
        var datasets = request.Artifacts.Where(a => a.Kind == ArtifactKind.Dataset).ToList();
        string? DatasetRef(string name) =>
            datasets.FirstOrDefault(d => d.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || d.Include.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } dataset
                ? ArtifactComponentFactory.BomRefOf(dataset)
                : null;

        // Hashing dominates: every local artefact is hashed on its own core.
        var factory = new ArtifactComponentFactory(request, diagnostics);
        var local = request.Artifacts.Where(a => !a.IsRemoteService).ToList();
        var components = new Component[local.Count];
        Parallel.For(0, local.Count, i => components[i] = factory.Create(local[i], projectFile, DatasetRef));

        var evidence = SarifEvidenceReader.Read(request.SarifPath, diagnostics);
        var occurrences = Occurrences(evidence, request);
        for (var i = 0; i < local.Count; i++)
        {
            var component = components[i];
            if (occurrences.TryGetValue((local[i].ItemType, local[i].Include), out var sites))
            {
                component.Evidence = new ComponentEvidence { Occurrences = sites };
            }

            bom.Components!.Add(component);
            rootDependencies.Add(component.BomRef!);
            var edges = (component.ModelCard?.ModelParameters?.Datasets ?? []).Where(d => d.Ref is not null).Select(d => d.Ref!)
                .Concat(component.Pedigree?.Ancestors?.Select(a => a.BomRef!) ?? [])
                .ToList();
            if (edges.Count > 0)
            {
                bom.Dependencies!.Add(new Dependency { Ref = component.BomRef!, DependsOn = edges });
            }
        }

        foreach (var remote in request.Artifacts.Where(a => a.IsRemoteService))
        {
            var service = RemoteServiceFactory.Create(remote);
            if (remote.Get("LicenseExpression") is { } serviceLicense && LicenseExpressionCheck.Problem(serviceLicense, request.KnownLicenseRefs) is { } problem)
            {
                diagnostics.Add(BuildRules.InvalidLicenseExpression, $"{remote.ItemType} '{remote.Include}' has licence '{serviceLicense}': {problem}", projectFile);
            }

            if (occurrences.TryGetValue((remote.ItemType, remote.Include), out var sites))
            {
                service.Properties!.AddRange(sites.Select(s => new Property("openmodel:occurrence", $"{s.Location}:{s.Line}")));
            }

            bom.Services!.Add(service);
            rootDependencies.Add(service.BomRef!);
        }

        bom.Compositions = [Composition(evidence, bom, request)];
        foreach (var unmatched in evidence.Unmatched)
        {
            bom.Metadata.Properties!.Add(new Property("openmodel:unmatched-load", $"{unmatched.Id} {Relative(unmatched.File, request)}:{unmatched.Line}"));
        }

        // The compiler's log order varies from build to build; the openness reasons listing these must not.
        foreach (var finding in evidence.SecurityFindings.OrderBy(f => Relative(f.File, request), StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal))
        {
            bom.Metadata.Properties!.Add(new Property(SecurityFindingProperty, $"{finding.Id} {finding.Level} {Relative(finding.File, request)}:{finding.Line}"));
        }

        InspectDiscovered(evidence, request, diagnostics);
    }

    /// <summary>A model the code loads without declaring it is inspected too, when the analyzer resolved it to a regular file here.</summary>
    private static void InspectDiscovered(CodeEvidence evidence, AIBomRequest request, DiagnosticBag diagnostics)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var load in evidence.Unmatched.Where(u => u.Id == OpenModel.Analyzers.RuleIdentifiers.ModelNotDeclared && u.Include is not null))
        {
            if (!RegularFile.IsValidPath(load.Include))
            {
                diagnostics.Add(BuildRules.MalformedInput, $"the code loads '{RegularFile.Printable(load.Include!)}', which is not a valid path (it holds a NUL or another invalid character); nothing was inspected", load.File.Length > 0 ? load.File : null, load.Line, level: DiagnosticLevel.Warning);
                continue;
            }

            var file = Path.GetFullPath(Path.Combine(request.Project.Directory, load.Include!));
            if (RegularFile.Probe(file).Kind == FileKind.Regular)
            {
                files.Add(file);
            }
        }

        foreach (var file in files)
        {
            foreach (var finding in request.Cache.GetInspection(file).Findings)
            {
                var where = finding.Where.Length > 0 ? $" ({finding.Where})" : string.Empty;
                diagnostics.Add(finding.Id, finding.Level, $"undeclared model '{Relative(file, request)}'{where}: {finding.Message}", file);
            }
        }
    }

    /// <summary>Complete only when the analyzers ran and matched every load to a declaration.</summary>
    private static Composition Composition(CodeEvidence evidence, Bom bom, AIBomRequest request) => new()
    {
        Aggregate = !evidence.Available ? "unknown" : evidence.Unmatched.Count > 0 ? "incomplete" : "complete",
        Assemblies = bom.Components!.Where(c => c.Type is "machine-learning-model" or "data").Select(c => c.BomRef!)
            .Concat(bom.Services!.Select(s => s.BomRef!))
            .ToList(),
    };

    private static Dictionary<(string ItemType, string Include), List<Occurrence>> Occurrences(CodeEvidence evidence, AIBomRequest request) =>
        evidence.Sites
            .GroupBy(s => (s.ItemType, s.Include))
            .ToDictionary(g => g.Key, g => g.Select(s => new Occurrence { Location = Relative(s.File, request), Line = s.Line > 0 ? s.Line : null }).ToList());

    private static string Relative(string file, AIBomRequest request) =>
        file.Length == 0 ? file : !RegularFile.IsValidPath(file) ? RegularFile.Printable(file) : Path.GetRelativePath(request.Project.Directory, file).Replace('\\', '/');

    private static Component ProjectComponent(AIBomRequest request, string projectFile, DiagnosticBag diagnostics)
    {
        var project = request.Project;
        if (project.LicenseExpression is { } expression && LicenseExpressionCheck.Problem(expression, request.KnownLicenseRefs) is { } problem)
        {
            diagnostics.Add(BuildRules.InvalidLicenseExpression, $"PackageLicenseExpression '{expression}': {problem}", projectFile);
        }

        var component = new Component
        {
            Type = project.Type,
            BomRef = project.BomRef,
            Name = project.Name,
            Version = project.Version,
            Description = project.Description,
            Purl = project.BomRef,
            Licenses = LicenseChoices.FromExpression(project.LicenseExpression),
            ExternalReferences = project.RepositoryUrl is { } url ? [new ExternalReference("vcs", url, project.RepositoryCommit is { } commit ? "revision " + commit : null)] : null,
            Properties = project.RepositoryCommit is { } revision ? [new Property("openmodel:vcs-revision", revision)] : null,
        };
        return component;
    }

    private static string? Timestamp(string? sourceDateEpoch) =>
        long.TryParse(sourceDateEpoch, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)
            : null;
}
