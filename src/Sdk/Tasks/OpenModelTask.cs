using OpenModel.Core.Diagnostics;

namespace OpenModel.Sdk.Tasks;

/// <summary>
/// A task that reports Core findings: each is logged at its rule's level, or at the level the project sets for that rule
/// in OpenModelDiagnosticSeverity (see SeverityOverrides).
/// </summary>
public abstract class OpenModelTask : Microsoft.Build.Utilities.Task
{
    private SeverityOverrides? _overrides;

    /// <summary>$(OpenModelDiagnosticSeverity): <c>OM3003=error;OM5006=none</c>.</summary>
    public string? DiagnosticSeverity { get; set; }

    protected void Report(IEnumerable<OpenModelDiagnostic> diagnostics)
    {
        if (_overrides is null)
        {
            // A mistyped override is an error naming the project, not a rule silently left at its default.
            var problems = new DiagnosticBag();
            _overrides = SeverityOverrides.Parse(DiagnosticSeverity, BuildEngine?.ProjectFileOfTaskNode, problems);
            BuildLog.Write(Log, problems.Items);
        }

        BuildLog.Write(Log, _overrides.Apply(diagnostics));
    }
}
