using OpenModel.Analyzers;

namespace OpenModel.Core.Diagnostics;

/// <summary>
/// The user's severities for build rules, from the <c>OpenModelDiagnosticSeverity</c> property:
/// <c>OM3003=error;OM5006=none</c>. The values are .editorconfig's (<c>error</c>, <c>warning</c>, <c>suggestion</c> or
/// <c>info</c>, <c>silent</c> or <c>none</c>, <c>default</c>), so a build rule is configured like an analyzer rule. An
/// override replaces the level of every finding of that rule, graded ones included, as .editorconfig does; it is applied
/// where findings are reported, so it changes the build's outcome, never the facts in the AI-BOM.
/// </summary>
public sealed class SeverityOverrides
{
    public const string PropertyName = "OpenModelDiagnosticSeverity";

    public static readonly SeverityOverrides None = new(new Dictionary<string, DiagnosticLevel?>());

    private static readonly HashSet<string> AnalyzerIds = typeof(RuleIdentifiers)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rule ID → its level, or null for "not reported".</summary>
    private readonly IReadOnlyDictionary<string, DiagnosticLevel?> _levels;

    private SeverityOverrides(IReadOnlyDictionary<string, DiagnosticLevel?> levels) => _levels = levels;

    /// <summary>Parses the property; every entry that is not <c>ID=severity</c> for a build rule is an OM3008 in <paramref name="problems"/>.</summary>
    public static SeverityOverrides Parse(string? text, string? projectFile, DiagnosticBag problems)
    {
        var levels = new Dictionary<string, DiagnosticLevel?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in (text ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0)
            {
                problems.Add(BuildRules.MalformedInput, $"{PropertyName}: '{entry}' is not ID=severity (for example OM3003=error)", projectFile);
                continue;
            }

            var (id, value) = (parts[0], parts[1]);
            if (BuildRules.Find(id) is not { } rule)
            {
                problems.Add(BuildRules.MalformedInput, AnalyzerIds.Contains(id)
                    ? $"{PropertyName}: {id.ToUpperInvariant()} is an analyzer rule; set dotnet_diagnostic.{id.ToUpperInvariant()}.severity in .editorconfig"
                    : $"{PropertyName}: '{id}' is not an OpenModel build rule (see docs/rules/README.md)", projectFile);
                continue;
            }

            switch (value.ToLowerInvariant())
            {
                case "error":
                    levels[rule.Id] = DiagnosticLevel.Error;
                    break;
                case "warning":
                    levels[rule.Id] = DiagnosticLevel.Warning;
                    break;
                case "suggestion" or "info":
                    levels[rule.Id] = DiagnosticLevel.Info;
                    break;
                case "silent" or "none":
                    levels[rule.Id] = null;
                    break;
                case "default":
                    levels.Remove(rule.Id);
                    break;
                default:
                    problems.Add(BuildRules.MalformedInput, $"{PropertyName}: '{value}' for {rule.Id} is not a severity; use error, warning, suggestion, none or default", projectFile);
                    break;
            }
        }

        return levels.Count == 0 ? None : new SeverityOverrides(levels);
    }

    /// <summary>The findings as the user wants them reported: re-levelled, and those set to none left out.</summary>
    public IEnumerable<OpenModelDiagnostic> Apply(IEnumerable<OpenModelDiagnostic> diagnostics)
    {
        foreach (var diagnostic in diagnostics)
        {
            if (!_levels.TryGetValue(diagnostic.Id, out var level))
            {
                yield return diagnostic;
            }
            else if (level is { } configured)
            {
                yield return diagnostic with { Level = configured };
            }
        }
    }
}
