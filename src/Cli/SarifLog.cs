using System.Text.Json;
using System.Text.Json.Serialization;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Cli;

/// <summary>The SARIF 2.1.0 envelope every openmodel command writes: one run, the openmodel driver with a rule per ID.</summary>
internal static class SarifLog
{
    public static string Write(IEnumerable<string> ruleIds, IEnumerable<object> results)
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
                            rules = ruleIds.Distinct().Order(StringComparer.Ordinal).Select(id => new { id, helpUri = new OpenModelDiagnostic(id, DiagnosticLevel.Info, string.Empty).HelpLink }),
                        },
                    },
                    results,
                },
            },
        };

        // "$schema" is not a C# identifier, so the property is renamed after serialisation.
        return JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull })
            .Replace("\"schema\":", "\"$schema\":", StringComparison.Ordinal);
    }

    public static string Level(DiagnosticLevel level) => level switch { DiagnosticLevel.Error => "error", DiagnosticLevel.Warning => "warning", _ => "note" };
}
