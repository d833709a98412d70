using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection;

namespace OpenModel.Cli;

/// <summary>SARIF 2.1.0 for code-scanning dashboards: one result per finding, the archive member as a logical location.</summary>
internal static class ScanSarif
{
    public static string Write(IReadOnlyList<InspectionResult> results) =>
        SarifLog.Write(
            results.SelectMany(r => r.Findings).Select(f => f.Id),
            results.SelectMany(r => r.Findings.Select(f => (object)new
            {
                ruleId = f.Id,
                level = SarifLog.Level(f.Level),
                message = new { text = f.Message },
                locations = new[]
                {
                    new
                    {
                        physicalLocation = new { artifactLocation = new { uri = new Uri(Path.GetFullPath(r.Path)).AbsoluteUri }, region = f.Offset is { } o && f.Member is null ? new { byteOffset = o } : null },
                        logicalLocations = f.Member is null ? null : new[] { new { name = f.Member, kind = "member" } },
                    },
                },
            })));
}
