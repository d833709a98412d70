using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection;

/// <summary>What one inspection collects while it walks a file and its members.</summary>
internal sealed class InspectionWork
{
    public List<InspectionFinding> Findings { get; } = [];

    public SortedDictionary<string, string> Metadata { get; } = new(StringComparer.Ordinal);

    public List<InspectedPart> Parts { get; } = [];

    public void Add(string id, DiagnosticLevel level, string message, string? member = null, long? offset = null) =>
        Findings.Add(new InspectionFinding(id, level, message, member, offset));
}
