using OpenModel.Core.Diagnostics;

namespace OpenModel.Cli;

/// <summary>SARIF 2.1.0 for file-level findings (compliance checks): one result per diagnostic, located at its file.</summary>
internal static class DiagnosticSarif
{
    public static string Write(IReadOnlyList<OpenModelDiagnostic> diagnostics) =>
        SarifLog.Write(
            diagnostics.Select(d => d.Id),
            diagnostics.Select(d => (object)new
            {
                ruleId = d.Id,
                level = SarifLog.Level(d.Level),
                message = new { text = d.Message },
                locations = d.File is null ? null : new[] { new { physicalLocation = new { artifactLocation = new { uri = new Uri(Path.GetFullPath(d.File)).AbsoluteUri } } } },
            }));
}
