using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection;

/// <summary>What one inspection collects while it walks a file and its members.</summary>
internal sealed class InspectionWork
{
    public List<InspectionFinding> Findings { get; } = [];

    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public List<InspectedPart> Parts { get; } = [];

    /// <summary>A finding of <paramref name="rule"/> at its default level, unless the site grades it (<paramref name="level"/>).</summary>
    public void Add(BuildRule rule, string message, string? member = null, long? offset = null, DiagnosticLevel? level = null) =>
        Findings.Add(new InspectionFinding(rule, message, member, offset, level));
}
