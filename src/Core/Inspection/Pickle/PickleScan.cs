namespace OpenModel.Core.Inspection.Pickle;

/// <summary>A persistent storage a PyTorch pickle references: ('storage', type, key, location, numel).</summary>
public sealed record StorageReference(string Key, string? StorageType, long Elements, long Offset);

/// <summary>A tensor rebuilt from a storage: its offset, size and stride as literals (null when not literal).</summary>
public sealed record TensorRebuild(string StorageKey, long? StorageOffset, IReadOnlyList<long>? Size, IReadOnlyList<long>? Stride, long Offset);

/// <summary>
/// What a pickle scan found: findings, the callables imported, PyTorch's storage references and rebuilds, and for a
/// scan of one pickle among other data, where it ended and the integer it produced (a count torch reads next).
/// </summary>
public sealed record PickleScan(
    IReadOnlyList<InspectionFinding> Findings,
    IReadOnlyList<string> Globals,
    IReadOnlyList<StorageReference> Storages,
    IReadOnlyList<TensorRebuild> Rebuilds,
    long End = 0,
    long? RootNumber = null)
{
    public void Deconstruct(out IReadOnlyList<InspectionFinding> findings, out IReadOnlyList<string> globals)
    {
        findings = Findings;
        globals = Globals;
    }
}
