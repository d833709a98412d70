namespace OpenModel.Core.Diagnostics;

public enum DiagnosticLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>A build or CLI finding with its catalogue ID, naming the file it is about.</summary>
public sealed record OpenModelDiagnostic(string Id, DiagnosticLevel Level, string Message, string? File = null, int Line = 0)
{
    /// <summary>
    /// A finding of <paramref name="rule"/> at its default level. <paramref name="level"/> is for a site that grades its
    /// findings (an Error where the content reaches a known code-execution path, say); the rule's page says which.
    /// </summary>
    public OpenModelDiagnostic(BuildRule rule, string message, string? file = null, int line = 0, DiagnosticLevel? level = null)
        : this(rule.Id, level ?? rule.DefaultLevel, message, file, line)
    {
    }

    public string HelpLink => OpenModel.Analyzers.RuleIdentifiers.HelpLink(Id);

    /// <summary>MSBuild's canonical form, which every .NET tool and CI log understands.</summary>
    public override string ToString() =>
        $"{(File is null ? "openmodel" : Line > 0 ? $"{File}({Line})" : File)}: {Level.ToString().ToLowerInvariant()} {Id}: {Message}";
}

/// <summary>Collects findings; thread-safe because hashing runs in parallel.</summary>
public sealed class DiagnosticBag
{
    private readonly List<OpenModelDiagnostic> _items = new();

    public IReadOnlyList<OpenModelDiagnostic> Items
    {
        get
        {
            lock (_items)
            {
                return _items
                    .OrderBy(d => d.File, StringComparer.Ordinal)
                    .ThenBy(d => d.Line)
                    .ThenBy(d => d.Id, StringComparer.Ordinal)
                    .ThenBy(d => d.Message, StringComparer.Ordinal)
                    .ToList();
            }
        }
    }

    public bool HasErrors => Items.Any(d => d.Level == DiagnosticLevel.Error);

    /// <summary>A finding of <paramref name="rule"/> at its default level, unless the site grades it (<paramref name="level"/>).</summary>
    public void Add(BuildRule rule, string message, string? file = null, int line = 0, DiagnosticLevel? level = null) =>
        Add(rule.Id, level ?? rule.DefaultLevel, message, file, line);

    /// <summary>Forwards a finding that already has its ID and level (an inspection finding, a cached one).</summary>
    public void Add(string id, DiagnosticLevel level, string message, string? file = null, int line = 0)
    {
        lock (_items)
        {
            _items.Add(new OpenModelDiagnostic(id, level, message, file, line));
        }
    }
}
