using OpenModel.Core.Artifacts;
using OpenModel.Core.Evidence;
using OpenModel.Core.Inspection;
using OpenModel.Core.Licensing;
using OpenModel.Core.NuGet;

namespace OpenModel.Core.Facts;

/// <summary>
/// A licence as the AI-BOM can state it: <see cref="Spdx"/> is what a consumer can classify (an expression CycloneDX
/// accepts, or the SPDX id a licence text was recognised as), <see cref="Display"/> what the reports quote.
/// </summary>
public sealed record StatedLicense(ParsedLicense? Spdx, string Display)
{
    public LicenseCategory Category => Spdx?.Category ?? LicenseCategory.Unknown;

    /// <summary>A declared or card licence: only a listed SPDX expression is one a consumer can classify.</summary>
    public static StatedLicense? Of(ParsedLicense? license) =>
        license is null ? null : new StatedLicense(license.IsListedSpdx ? license : null, license.Text);
}

/// <summary>A dataset a model names (TrainedOn, its card), resolved to the declared dataset when there is one.</summary>
public sealed record DatasetReference(string Name, DeclaredDataset? Dataset)
{
    public string? Ref => Dataset?.BomRef;
}

/// <summary>What a model's card and declaration say about it, merged: declared metadata first, then the card.</summary>
public sealed record ModelCardFacts
{
    public string? Task { get; init; }

    public string? Architecture { get; init; }

    public IReadOnlyList<DatasetReference> Datasets { get; init; } = [];

    public IReadOnlyList<(string Type, string Value, string? Dataset)> Metrics { get; init; } = [];

    public IReadOnlyList<string> UseCases { get; init; } = [];

    /// <summary>Limitations, then out-of-scope uses as "Out-of-scope use: …".</summary>
    public IReadOnlyList<string> Limitations { get; init; } = [];

    /// <summary>Risks and ethical considerations, once each.</summary>
    public IReadOnlyList<string> EthicalConsiderations { get; init; } = [];

    public const string OutOfScopePrefix = "Out-of-scope use: ";

    public bool HasConsiderations => UseCases.Count > 0 || Limitations.Count > 0 || EthicalConsiderations.Count > 0;

    public bool HasParameters => Task is not null || Architecture is not null || Datasets.Count > 0;

    /// <summary>Whether there is anything for a CycloneDX <c>modelCard</c> to say.</summary>
    public bool HasContent => HasParameters || Metrics.Count > 0 || HasConsiderations;
}

/// <summary>
/// A declared artefact as the build found it: its verified hash, what the inspector read from its bytes, its model card,
/// and the licence that applies (declared, else the card's, else the file's own metadata).
/// </summary>
public sealed record ArtifactFacts
{
    public required DeclaredArtifact Declared { get; init; }

    /// <summary>SHA-256 of the file; null when there was no readable regular file to hash.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The inspector's result for a hashed model file.</summary>
    public InspectionResult? Inspection { get; init; }

    /// <summary>The format the bytes are in ("onnx", "pytorch-zip"); null when not inspected.</summary>
    public string? Format => Inspection is null ? null : Inspection.Metadata.GetValueOrDefault("format") ?? Inspection.Format.ToString().ToLowerInvariant();

    public ModelCardDocument? Card { get; init; }

    /// <summary>Models only: the card facts merged with the declaration.</summary>
    public ModelCardFacts? ModelCard { get; init; }

    public ParsedLicense? License { get; init; }

    /// <summary>The licence came from the file's own metadata (ONNX, safetensors, GGUF), not the project or the card.</summary>
    public bool LicenseFromFile { get; init; }

    /// <summary>Models only: the base models (declared BaseModel, else the card's base_model).</summary>
    public IReadOnlyList<string> BaseModels { get; init; } = [];

    /// <summary>The chat templates of a hashed local model (a template swap changes what the model is told).</summary>
    public IReadOnlyList<ChatTemplateFact> ChatTemplates { get; init; } = [];

    /// <summary>The card's tags: an "open-source" tag is an openness claim.</summary>
    public IReadOnlyList<string> Tags => Card?.Tags ?? [];

    public StatedLicense? StatedLicense => Facts.StatedLicense.Of(License);
}

/// <summary>A NuGet package with the licence its .nuspec states (a licence file recognised as an SPDX id when it can be).</summary>
public sealed class PackageFacts
{
    public PackageFacts(PackageComponent package, string? licenseFileId)
    {
        Package = package;
        LicenseFileId = licenseFileId;
        Expression = ParsedLicense.From(package.LicenseExpression);
        License = Expression is not null ? StatedLicense.Of(Expression)
            : package.LicenseFileText is not null ? new StatedLicense(ParsedLicense.From(licenseFileId), licenseFileId ?? $"{package.Id} licence ({package.LicenseFileName})")
            : package.LicenseUrl is not null ? new StatedLicense(null, $"{package.Id} licence")
            : null;
    }

    public PackageComponent Package { get; }

    /// <summary>The SPDX id the package's licence file was recognised as.</summary>
    public string? LicenseFileId { get; }

    /// <summary>The .nuspec's license expression, parsed.</summary>
    public ParsedLicense? Expression { get; }

    public StatedLicense? License { get; }

    public bool IsRequired => !Package.IsExcluded;
}

/// <summary>Everything one build knows about a project, gathered before anything is written.</summary>
public sealed class BuildFacts
{
    private readonly Dictionary<DeclaredArtifact, ArtifactFacts> _byArtifact;

    public BuildFacts(ProjectInfo project, ParsedLicense? projectLicense, ProjectDeclarations declarations, IReadOnlyList<ArtifactFacts> artifacts, IReadOnlyList<PackageFacts> packages, IReadOnlyList<string> directDependencies, CodeEvidence evidence)
    {
        Project = project;
        ProjectLicense = projectLicense;
        Declarations = declarations;
        Artifacts = artifacts;
        Packages = packages;
        DirectDependencies = directDependencies;
        Evidence = evidence;
        _byArtifact = artifacts.ToDictionary(a => a.Declared, a => a, (IEqualityComparer<DeclaredArtifact>)ReferenceEqualityComparer.Instance);
        SecurityFindings = evidence.SecurityFindings
            .OrderBy(f => Relative(f.File), StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal)
            .Select(f => $"{f.Id} {f.Level} {Relative(f.File)}:{f.Line}")
            .ToList();
    }

    public ProjectInfo Project { get; }

    /// <summary>PackageLicenseExpression, parsed.</summary>
    public ParsedLicense? ProjectLicense { get; }

    public ProjectDeclarations Declarations { get; }

    /// <summary>One per artefact that becomes a component (<see cref="ProjectDeclarations.Artifacts"/>), in that order.</summary>
    public IReadOnlyList<ArtifactFacts> Artifacts { get; }

    public IReadOnlyList<PackageFacts> Packages { get; }

    public IReadOnlyList<string> DirectDependencies { get; }

    public CodeEvidence Evidence { get; }

    /// <summary>The lines of the project file where the declarations (and project properties) are written.</summary>
    public DeclarationSites Sites { get; init; } = DeclarationSites.None;

    /// <summary>Unsuppressed security findings as "OM1001 error Program.cs:12", in a stable order (the compiler's is not).</summary>
    public IReadOnlyList<string> SecurityFindings { get; }

    /// <summary>Complete only when the analyzers ran and matched every load to a declaration.</summary>
    public string Composition => !Evidence.Available ? "unknown" : Evidence.Unmatched.Count > 0 ? "incomplete" : "complete";

    public ArtifactFacts? FactsOf(DeclaredArtifact artifact) => _byArtifact.GetValueOrDefault(artifact);

    /// <summary>A project-relative path with forward slashes; an unnameable path printably.</summary>
    public string Relative(string file) =>
        file.Length == 0 ? file : !IO.RegularFile.IsValidPath(file) ? IO.RegularFile.Printable(file) : Path.GetRelativePath(Project.Directory, file).Replace('\\', '/');
}
