using OpenModel.Core.Artifacts;
using OpenModel.Core.Hashing;

namespace OpenModel.Core.AIBom;

/// <summary>The project as its file describes it.</summary>
public sealed record ProjectInfo
{
    public required string Name { get; init; }

    public required string Directory { get; init; }

    public string Version { get; init; } = "1.0.0";

    public string Type { get; init; } = "library";

    public string? Description { get; init; }

    public string? LicenseExpression { get; init; }

    public string? RepositoryUrl { get; init; }

    public string? RepositoryCommit { get; init; }

    public string? Authors { get; init; }

    /// <summary>PackageTags, split: "open-source" here is an openness claim.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string BomRef => $"pkg:nuget/{Name}@{Version}";
}

/// <summary>Everything the AI-BOM is built from. Paths are absolute.</summary>
public sealed record AIBomRequest
{
    public required ProjectInfo Project { get; init; }

    public IReadOnlyList<ArtifactDeclaration> Artifacts { get; init; } = [];

    public string? AssetsFilePath { get; init; }

    public string? SarifPath { get; init; }

    public string SpecVersion { get; init; } = "1.6";

    /// <summary>SOURCE_DATE_EPOCH: the only way a timestamp enters the BOM, so builds stay reproducible.</summary>
    public string? SourceDateEpoch { get; init; }

    public IReadOnlySet<string> KnownLicenseRefs { get; init; } = new HashSet<string>();

    public ArtifactFactCache Cache { get; init; } = ArtifactFactCache.InMemory();

    public Openness.OpennessOptions Openness { get; init; } = new();

    public string ToolVersion { get; init; } = typeof(AIBomRequest).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
}
