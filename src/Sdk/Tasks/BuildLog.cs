using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Sdk.Tasks;

/// <summary>Logs Core findings as MSBuild errors, warnings and messages with their ID, file, line and help link.</summary>
internal static class BuildLog
{
    public static void Write(TaskLoggingHelper log, IEnumerable<OpenModelDiagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            switch (d.Level)
            {
                case DiagnosticLevel.Error:
                    log.LogError(null, d.Id, null, d.HelpLink, d.File, d.Line, 0, 0, 0, d.Message);
                    break;
                case DiagnosticLevel.Warning:
                    log.LogWarning(null, d.Id, null, d.HelpLink, d.File, d.Line, 0, 0, 0, d.Message);
                    break;
                default:
                    log.LogMessage(null, d.Id, null, d.File, d.Line, 0, 0, 0, MessageImportance.Normal, d.Message);
                    break;
            }
        }
    }

    /// <summary>
    /// A failure that stops the task (nothing is written): always an error, whatever OpenModelDiagnosticSeverity says,
    /// because the task then returns false and MSBuild requires an error to explain it.
    /// </summary>
    public static void Fatal(TaskLoggingHelper log, BuildRule rule, string? file, string message) =>
        log.LogError(null, rule.Id, null, rule.HelpLink, file, 0, 0, 0, 0, message);
}
