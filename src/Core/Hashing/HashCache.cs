using System.Collections.Concurrent;
using System.Text.Json;

namespace OpenModel.Core.Hashing;

/// <summary>
/// Remembers file hashes keyed on full path, size and last-write time (in obj/), so unchanged weights are never
/// hashed twice. A missing or unreadable cache is simply rebuilt.
/// </summary>
public sealed class HashCache
{
    private readonly string? _path;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private bool _changed;

    private HashCache(string? path, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _entries = entries;
    }

    public static HashCache InMemory() => new(null, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));

    public static HashCache Load(string path)
    {
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path));
            return new HashCache(path, new ConcurrentDictionary<string, Entry>(entries ?? new(), StringComparer.Ordinal));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new HashCache(path, new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal));
        }
    }

    /// <summary>The SHA-256 of a file, from the cache when size and time match, hashed (and remembered) otherwise.</summary>
    public string GetSha256(string fullPath)
    {
        var info = new FileInfo(fullPath);
        var key = Path.GetFullPath(fullPath);
        var stamp = info.LastWriteTimeUtc.Ticks;
        if (_entries.TryGetValue(key, out var entry) && entry.Size == info.Length && entry.LastWriteTicks == stamp)
        {
            return entry.Sha256;
        }

        var sha256 = FileSha256.Compute(fullPath);
        _entries[key] = new Entry(info.Length, stamp, sha256);
        _changed = true;
        return sha256;
    }

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

    public sealed record Entry(long Size, long LastWriteTicks, string Sha256);
}
