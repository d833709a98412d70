using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using OpenModel.Core.Inspection;
using OpenModel.Core.IO;

namespace OpenModel.Core.Hashing;

/// <summary>
/// Remembers what is expensive to learn about an artefact — its SHA-256 and its inspection — in obj/, so unchanged
/// weights are never hashed or scanned twice. An entry is trusted only while the file's whole identity is unchanged:
/// size, modification time, change time, device and inode. <c>cp -p</c>, <c>rsync -a</c> and <c>tar x</c> keep size and
/// modification time but not the change time or inode, so a swapped file is always hashed again. The cache also belongs
/// to one tool version: a newer OpenModel (new inspection rules) starts afresh. A missing or unreadable cache is rebuilt.
/// </summary>
public sealed class ArtifactFactCache
{
    /// <summary>
    /// The OpenModel.Core build the cached facts were learnt with (its informational version, commit included) and the
    /// inspector's rule-set version, so new inspection rules void old verdicts even in a build that keeps the version.
    /// </summary>
    public static readonly string CurrentToolVersion =
        (typeof(ArtifactFactCache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ArtifactFactCache).Assembly.GetName().Version?.ToString()
        ?? "unknown") + "/" + ArtifactInspector.RuleSetVersion;

    private readonly string? _path;
    private readonly string _toolVersion;
    private readonly bool _rehash;
    private readonly ConcurrentDictionary<string, Entry> _entries;
    private readonly ConcurrentDictionary<string, bool> _hashedThisRun = new(StringComparer.Ordinal);
    private bool _changed;

    private ArtifactFactCache(string? path, string toolVersion, bool rehash, ConcurrentDictionary<string, Entry> entries)
    {
        _path = path;
        _toolVersion = toolVersion;
        _rehash = rehash;
        _entries = entries;
    }

    public static ArtifactFactCache InMemory() => new(null, CurrentToolVersion, rehash: false, NewEntries());

    /// <summary>
    /// Loads the cache at <paramref name="path"/>. With <paramref name="rehash"/> (CI builds, AIBomRehash=true) every
    /// SHA-256 is computed afresh once per run, whatever the cache says.
    /// </summary>
    public static ArtifactFactCache Load(string path, bool rehash = false, string? toolVersion = null)
    {
        toolVersion ??= CurrentToolVersion;
        if (!RegularFile.TryReadAllBytes(path, MaxCacheBytes, out var bytes, out _))
        {
            return new ArtifactFactCache(path, toolVersion, rehash, NewEntries());
        }

        try
        {
            var file = JsonSerializer.Deserialize<CacheFile>(bytes);
            var entries = file is { Entries: { } known } && file.ToolVersion == toolVersion
                ? new ConcurrentDictionary<string, Entry>(known, StringComparer.Ordinal)
                : NewEntries();
            return new ArtifactFactCache(path, toolVersion, rehash, entries);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            return new ArtifactFactCache(path, toolVersion, rehash, NewEntries());
        }
    }

    /// <summary>
    /// The SHA-256 of a file, from the cache when its identity is unchanged, hashed (and remembered) otherwise.
    /// Throws <see cref="IOException"/> naming the file when it is not a readable regular file.
    /// </summary>
    public string GetSha256(string fullPath)
    {
        var key = Path.GetFullPath(fullPath);
        var entry = Current(key);
        if (entry.Sha256 is not null && !(_rehash && !_hashedThisRun.ContainsKey(key)))
        {
            return entry.Sha256;
        }

        var sha256 = FileSha256.Compute(key);
        _hashedThisRun[key] = true;

        // Different bytes under an unchanged identity: whatever else was learnt about the old bytes is void too.
        var learned = entry.Sha256 == sha256 ? entry : entry with { Sha256 = sha256, Inspection = entry.Sha256 is null ? entry.Inspection : null };
        Remember(key, learned);
        return sha256;
    }

    /// <summary>The inspection of a file, from the cache when its identity is unchanged, inspected (and remembered) otherwise.</summary>
    public InspectionResult GetInspection(string fullPath)
    {
        var key = Path.GetFullPath(fullPath);
        var entry = Current(key);
        if (entry.Inspection is { } known && known.RuleSetVersion == ArtifactInspector.RuleSetVersion)
        {
            return known;
        }

        var learned = entry with { Inspection = ArtifactInspector.Inspect(key) };
        Remember(key, learned);
        return learned.Inspection!;
    }

    public void Save()
    {
        if (_path is null || !_changed)
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(_path))!);
        var ordered = _entries.OrderBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value);
        File.WriteAllBytes(_path, JsonSerializer.SerializeToUtf8Bytes(new CacheFile(_toolVersion, ordered)));
        _changed = false;
    }

    // A cache of a few thousand entries is a few MB; anything far larger is not ours.
    private const long MaxCacheBytes = 256L * 1024 * 1024;

    private static ConcurrentDictionary<string, Entry> NewEntries() => new(StringComparer.Ordinal);

    /// <summary>The known entry when the file's identity still matches it, else an empty one for the file as it is now.</summary>
    private Entry Current(string key)
    {
        var identity = RegularFile.Probe(key);
        var now = new Entry(identity.Length, identity.ModifiedTime, identity.ChangeTime, identity.Device, identity.Inode, null, null);
        return _entries.TryGetValue(key, out var known) && known with { Sha256 = null, Inspection = null } == now ? known : now;
    }

    private void Remember(string key, Entry entry)
    {
        _entries[key] = entry;
        _changed = true;
    }

    public sealed record Entry(long Size, long ModifiedTime, long ChangeTime, long Device, long Inode, string? Sha256, InspectionResult? Inspection);

    private sealed record CacheFile(string? ToolVersion, Dictionary<string, Entry>? Entries);
}
