using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection;

namespace OpenModel.Cli;

/// <summary>SARIF 2.1.0 for code-scanning dashboards: one result per finding, the archive member as a logical location.</summary>
internal static class ScanSarif
{
    public static string Write(IReadOnlyList<InspectionResult> results)
    {
        var ids = results.SelectMany(r => r.Findings).Select(f => f.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        var log = new
        {
            version = "2.1.0",
            schema = "https://json.schemastore.org/sarif-2.1.0.json",
            runs = new[]
            {
                new
                {
                    tool = new
                    {
                        driver = new
                        {
                            name = "openmodel",
                            informationUri = "https://github.com/openmodel-sdk/openmodel-sdk",
                            rules = ids.Select(id => new { id, helpUri = new OpenModelDiagnostic(id, DiagnosticLevel.Info, string.Empty).HelpLink }),
                        },
                    },
                    results = results.SelectMany(r => r.Findings.Select(f => new
                    {
                        ruleId = f.Id,
                        level = f.Level switch { DiagnosticLevel.Error => "error", DiagnosticLevel.Warning => "warning", _ => "note" },
                        message = new { text = f.Message },
                        locations = new[]
                        {
                            new
                            {
                                physicalLocation = new { artifactLocation = new { uri = new Uri(Path.GetFullPath(r.Path)).AbsoluteUri }, region = f.Offset is { } o && f.Member is null ? new { byteOffset = o } : null },
                                logicalLocations = f.Member is null ? null : new[] { new { name = f.Member, kind = "member" } },
                            },
                        },
                    })),
                },
            },
        };
        return JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull })
            .Replace("\"schema\":", "\"$schema\":");
    }
}
