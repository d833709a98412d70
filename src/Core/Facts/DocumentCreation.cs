using System.Globalization;

namespace OpenModel.Core.Facts;

/// <summary>
/// Which tool writes a build's documents, and when: one value for the CycloneDX AI-BOM and its SPDX 3 twin, so the two
/// can never disagree. The timestamp comes from SOURCE_DATE_EPOCH only, so builds stay reproducible; null without it.
/// </summary>
public sealed record DocumentCreation(string ToolVersion, string? Timestamp)
{
    public const string ToolGroup = "OpenModel";

    public const string ToolName = "OpenModel.Sdk";

    public static DocumentCreation From(string toolVersion, string? sourceDateEpoch) =>
        new(toolVersion, long.TryParse(sourceDateEpoch, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : null);
}
