using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Facts;
using OpenModel.Core.Licensing;
using OpenModel.Core.Openness;

namespace OpenModel.Core.AIBom;

/// <summary>
/// The AI-BOM of one build, with the typed facts and creation info it was written from: another writer (SPDX 3) writes
/// the same facts, never the finished document.
/// </summary>
public sealed record AIBomResult(Bom Bom, IReadOnlyList<OpenModelDiagnostic> Diagnostics, OpennessResult Openness, BuildFacts Facts, DocumentCreation Creation);

/// <summary>
/// Builds the AI-BOM of one project in one direction: declarations are parsed once into typed facts and validated; the
/// facts are gathered (hashes, inspection, cards, the NuGet graph, the analyzers' evidence); openness is assessed on the
/// facts; and only then is the CycloneDX document written from them. Nothing reads the document back.
/// </summary>
public static class AIBomBuilder
{
    public static readonly IReadOnlyList<string> SupportedSpecVersions = ["1.6", "1.7"];

    /// <summary>Metadata property holding one warning or error this build raised about the AI artefacts: "OM3003 warning App.csproj: …".</summary>
    public const string DiagnosticProperty = "openmodel:diagnostic";

    /// <summary>Metadata property holding one security-analyzer finding as "OM1001 error Program.cs:12".</summary>
    public const string SecurityFindingProperty = "openmodel:security-finding";

    public static AIBomResult Build(AIBomRequest request, string projectFile)
    {
        var diagnostics = new DiagnosticBag();
        if (!SupportedSpecVersions.Contains(request.SpecVersion))
        {
            diagnostics.Add(BuildRules.MalformedInput, $"AIBomSpecVersion '{request.SpecVersion}' is not supported; use {string.Join(" or ", SupportedSpecVersions)}", projectFile);
            request = request with { SpecVersion = "1.6" };
        }

        var declarations = new ProjectDeclarations(DeclarationValidator.Validate(DeclarationReader.Read(request.Artifacts), projectFile, diagnostics));
        var facts = new FactCollector(request.Cache, request.KnownLicenseRefs, projectFile, diagnostics)
            .Collect(request.Project, declarations, request.AssetsFilePath, request.SarifPath);
        var (openness, findings) = OpennessAssessor.Assess(facts, request.Openness, projectFile);
        foreach (var finding in findings)
        {
            diagnostics.Add(finding.Id, finding.Level, finding.Message, finding.File, finding.Line);
        }

        var creation = DocumentCreation.From(request.ToolVersion, request.SourceDateEpoch);
        var bom = Write(facts, openness, request.SpecVersion, creation);
        OpennessBomWriter.Write(bom, openness, findings);

        // The report is rendered from the BOM alone: it must list what this build said about the AI artefacts.
        foreach (var d in diagnostics.Items.Where(d => d.Level != DiagnosticLevel.Info && !findings.Contains(d)))
        {
            bom.Metadata.Properties!.Add(new Property(DiagnosticProperty, $"{d.Id} {d.Level.ToString().ToLowerInvariant()} {(d.File is null ? string.Empty : facts.Relative(d.File))}: {d.Message}"));
        }

        FactCitations.Add(bom, facts, projectFile);
        return new AIBomResult(bom, diagnostics.Items, openness, facts, creation);
    }

    /// <summary>The CycloneDX document of the facts: the project, its packages, its artefacts and services, and the code evidence.</summary>
    private static Bom Write(BuildFacts facts, OpennessResult openness, string specVersion, DocumentCreation creation)
    {
        var root = ProjectComponent(facts);
        var bom = new Bom
        {
            SpecVersion = specVersion,
            Metadata = new BomMetadata
            {
                Timestamp = creation.Timestamp,
                Tools = new ToolChoice { Components = [new Component { Type = "application", Name = DocumentCreation.ToolName, Version = creation.ToolVersion, Group = DocumentCreation.ToolGroup }] },
                Component = root,
                Properties = [],
            },
            Components = [],
            Services = [],
            Dependencies = [],
        };
        var rootDependencies = new List<string>();
        foreach (var package in facts.Packages)
        {
            bom.Components.Add(WithLicenseCategory(PackageComponentFactory.Create(package), openness));
            bom.Dependencies.Add(new Dependency { Ref = package.Package.BomRef, DependsOn = [.. package.Package.DependsOn] });
        }

        rootDependencies.AddRange(facts.DirectDependencies);
        var occurrences = Occurrences(facts);
        foreach (var artifact in facts.Artifacts)
        {
            var component = ArtifactComponentFactory.Create(artifact);
            if (occurrences.TryGetValue((artifact.Declared.ItemType, artifact.Declared.Include), out var sites))
            {
                component.Evidence = new ComponentEvidence { Occurrences = sites };
            }

            bom.Components.Add(WithLicenseCategory(component, openness));
            rootDependencies.Add(component.BomRef!);
            var templates = ChatTemplateComponentFactory.Create(artifact);
            bom.Components.AddRange(templates);
            var edges = (artifact.ModelCard?.Datasets ?? []).Where(d => d.Ref is not null).Select(d => d.Ref!)
                .Concat(component.Pedigree?.Ancestors?.Select(a => a.BomRef!) ?? [])
                .Concat(templates.Select(t => t.BomRef!))
                .ToList();
            if (edges.Count > 0)
            {
                bom.Dependencies.Add(new Dependency { Ref = component.BomRef!, DependsOn = edges });
            }
        }

        foreach (var remote in facts.Declarations.Services)
        {
            var service = RemoteServiceFactory.Create(remote);
            if (occurrences.TryGetValue((remote.ItemType, remote.Include), out var sites))
            {
                service.Properties!.AddRange(sites.Select(s => new Property("openmodel:occurrence", $"{s.Location}:{s.Line}")));
            }

            if (openness.LicenseCategories.TryGetValue(service.BomRef!, out var category))
            {
                service.Properties!.Add(new Property(OpennessBomWriter.LicenseCategoryProperty, category.Label()));
            }

            bom.Services.Add(service);
            rootDependencies.Add(service.BomRef!);
        }

        bom.Compositions =
        [
            new Composition
            {
                Aggregate = facts.Composition,
                Assemblies = bom.Components.Where(c => c.Type is "machine-learning-model" or "data").Select(c => c.BomRef!).Concat(bom.Services.Select(s => s.BomRef!)).ToList(),
            },
        ];
        foreach (var unmatched in facts.Evidence.Unmatched)
        {
            bom.Metadata.Properties.Add(new Property("openmodel:unmatched-load", $"{unmatched.Id} {facts.Relative(unmatched.File)}:{unmatched.Line}"));
        }

        bom.Metadata.Properties.AddRange(facts.SecurityFindings.Select(f => new Property(SecurityFindingProperty, f)));
        bom.Dependencies.Add(new Dependency { Ref = root.BomRef!, DependsOn = rootDependencies });
        bom.Metadata.Properties.Add(new Property("openmodel:packages", facts.Packages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return bom;
    }

    /// <summary>The openness stage classified the component's licence; the property goes last, after the component's own.</summary>
    private static Component WithLicenseCategory(Component component, OpennessResult openness)
    {
        if (openness.LicenseCategories.TryGetValue(component.BomRef!, out var category))
        {
            (component.Properties ??= []).Add(new Property(OpennessBomWriter.LicenseCategoryProperty, category.Label()));
        }

        return component;
    }

    private static Dictionary<(string ItemType, string Include), List<Occurrence>> Occurrences(BuildFacts facts) =>
        facts.Evidence.Sites
            .GroupBy(s => (s.ItemType, s.Include))
            .ToDictionary(g => g.Key, g => g.Select(s => new Occurrence { Location = facts.Relative(s.File), Line = s.Line > 0 ? s.Line : null }).ToList());

    private static Component ProjectComponent(BuildFacts facts)
    {
        var project = facts.Project;
        return new Component
        {
            Type = project.Type,
            BomRef = project.BomRef,
            Name = project.Name,
            Version = project.Version,
            Description = project.Description,
            Purl = project.BomRef,
            Licenses = facts.ProjectLicense is { } license ? LicenseChoices.From(license) : null,
            ExternalReferences = project.RepositoryUrl is { } url ? [new ExternalReference("vcs", url, project.RepositoryCommit is { } commit ? "revision " + commit : null)] : null,
            Properties = project.RepositoryCommit is { } revision ? [new Property("openmodel:vcs-revision", revision)] : null,
        };
    }
}
