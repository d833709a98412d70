using System.Collections.Concurrent;
using System.Text.Json;
using OpenModel.Core.Inspection;

namespace OpenModel.Core.Hashing;

/// <summary>
/// Remembers what is expensive to learn about an artefact — its SHA-256 and its inspection — keyed on full path, size
/// and last-write time (in obj/), so unchanged weights are never hashed or scanned twice. A missing or unreadable cache
/// is simply rebuilt.
/// </summary>
public sealed class ArtifactFactCache
{
    private readonly string? _path;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private bool _changed;

    private ArtifactFactCache(string? path, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static ArtifactFactCache InMemory() => new(null, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));

    public static ArtifactFactCache Load(string path)
    {
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path));
            return new ArtifactFactCache(path, new ConcurrentDictionary<string, Entry>(entries ?? new(), StringComparer.Ordinal));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ArtifactFactCache(path, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
        }
    }

    /// <summary>The SHA-256 of a file, from the cache when size and time match, hashed (and remembered) otherwise.</summary>
    public string GetSha256(string fullPath) =>
        Get(fullPath, entry => entry.Sha256, (entry, _) => entry with { Sha256 = FileSha256.Compute(fullPath) }).Sha256!;

    /// <summary>The inspection of a file, from the cache when size and time match, inspected (and remembered) otherwise.</summary>
    public InspectionResult GetInspection(string fullPath) =>
        Get(fullPath, entry => entry.Inspection, (entry, _) => entry with { Inspection = ArtifactInspector.Inspect(fullPath) }).Inspection!;

    public void Save()
    {
        if (_path is null || !_changed)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var ordered = _entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);
        File.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(ordered));
        _changed = false;
    }

    private Entry Get(string fullPath, Func<Entry, object?> fact, Func<Entry, string, Entry> learn)
    {
        var info = new FileInfo(fullPath);
        var key = Path.GetFullPath(fullPath);
        var stamp = info.LastWriteTimeUtc.Ticks;
        var entry = _entries.TryGetValue(key, out var known) && known.Size == info.Length && known.LastWriteTicks == stamp
            ? known
            : new Entry(info.Length, stamp, null, null);
        if (fact(entry) is not null)
        {
            return entry;
        }

        var learned = learn(entry, key);
        _entries[key] = learned;
        _changed = true;
        return learned;
    }

    public sealed record Entry(long Size, long LastWriteTicks, string? Sha256, InspectionResult? Inspection);
}
