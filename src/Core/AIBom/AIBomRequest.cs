using OpenModel.Core.Artifacts;
using OpenModel.Core.Facts;
using OpenModel.Core.Hashing;

namespace OpenModel.Core.AIBom;

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
