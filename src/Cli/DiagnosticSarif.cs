using System.Text.Json;
using System.Text.Json.Serialization;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Cli;

/// <summary>SARIF 2.1.0 for file-level findings (compliance checks): one result per diagnostic, located at its file.</summary>
internal static class DiagnosticSarif
{
    public static string Write(IReadOnlyList<OpenModelDiagnostic> diagnostics)
    {
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
                            rules = diagnostics.Select(d => d.Id).Distinct().Order(StringComparer.Ordinal).Select(id => new { id, helpUri = new OpenModelDiagnostic(id, DiagnosticLevel.Info, string.Empty).HelpLink }),
                        },
                    },
                    results = diagnostics.Select(d => new
                    {
                        ruleId = d.Id,
                        level = d.Level switch { DiagnosticLevel.Error => "error", DiagnosticLevel.Warning => "warning", _ => "note" },
                        message = new { text = d.Message },
                        locations = d.File is null ? null : new[] { new { physicalLocation = new { artifactLocation = new { uri = new Uri(Path.GetFullPath(d.File)).AbsoluteUri } } } },
                    }),
                },
            },
        };
        return JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull })
            .Replace("\"schema\":", "\"$schema\":", StringComparison.Ordinal);
    }
}
