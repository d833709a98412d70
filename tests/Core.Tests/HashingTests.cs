using System.Security.Cryptography;
using OpenModel.Core.Hashing;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests;

public sealed class HashingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("openmodel-hash-").FullName;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4 * 1024 * 1024 + 17)]
    public void Streamed_hash_equals_a_one_shot_hash(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        var path = Path.Combine(_folder, "weights.bin");
        File.WriteAllBytes(path, bytes);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), FileSha256.Compute(path));
    }

    [Fact]
    public void Cache_serves_an_unchanged_file_and_rehashes_a_touched_one()
    {
        var path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "first");
        var cachePath = Path.Combine(_folder, "obj", "cache.json");
        var cache = ArtifactFactCache.Load(cachePath);
        var original = cache.GetSha256(path);
        cache.Save();
        Assert.Equal(original, ArtifactFactCache.Load(cachePath).GetSha256(path));

        File.SetLastWriteTimeUtc(path, File.GetLastWriteTimeUtc(path).AddSeconds(5));
        File.WriteAllText(path, "second");
        Assert.Equal(FileSha256.Compute(path), ArtifactFactCache.Load(cachePath).GetSha256(path));
    }

    [Fact]
    public void Integrity_a_file_replaced_by_other_bytes_of_the_same_size_and_mtime_is_hashed_again()
    {
        // What cp -p, rsync -a and tar x do: new bytes, same size, modification time kept.
        var (path, cachePath) = HashedOnce("first");
        var stamp = File.GetLastWriteTimeUtc(path);

        var replacement = Path.Combine(_folder, "replacement.onnx");
        File.WriteAllText(replacement, "other");
        File.SetLastWriteTimeUtc(replacement, stamp);
        File.Move(replacement, path, overwrite: true);
        Assert.Equal((5L, stamp), (new FileInfo(path).Length, File.GetLastWriteTimeUtc(path)));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("other"u8)), ArtifactFactCache.Load(cachePath).GetSha256(path));
    }

    [Fact]
    public void Integrity_an_in_place_rewrite_with_the_mtime_restored_is_hashed_again()
    {
        var (path, cachePath) = HashedOnce("first");
        var stamp = File.GetLastWriteTimeUtc(path);
        Thread.Sleep(20);

        File.WriteAllText(path, "other");
        File.SetLastWriteTimeUtc(path, stamp);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("other"u8)), ArtifactFactCache.Load(cachePath).GetSha256(path));
    }

    [Fact]
    public void Integrity_a_cache_written_by_another_tool_version_is_not_trusted()
    {
        var (path, cachePath) = HashedOnce("weights");
        var forged = File.ReadAllText(cachePath).Replace(FileSha256.Compute(path), new string('0', 64));
        File.WriteAllText(cachePath, forged);
        Assert.Equal(new string('0', 64), ArtifactFactCache.Load(cachePath).GetSha256(path));

        var older = System.Text.Json.Nodes.JsonNode.Parse(forged)!;
        Assert.Equal(ArtifactFactCache.CurrentToolVersion, (string?)older["ToolVersion"]);
        older["ToolVersion"] = "0.0.1-older";
        File.WriteAllText(cachePath, older.ToJsonString());

        Assert.Equal(FileSha256.Compute(path), ArtifactFactCache.Load(cachePath).GetSha256(path));
    }

    [Fact]
    public void A_cached_inspection_keeps_its_chat_templates_and_their_findings()
    {
        var path = Path.Combine(_folder, "tokenizer_config.json");
        File.WriteAllText(path, """{ "chat_template": "{{ cycler.__init__.__globals__ }}" }""");
        var cachePath = Path.Combine(_folder, "cache.json");
        var fresh = ArtifactFactCache.Load(cachePath);
        var first = Assert.Single(fresh.GetInspection(path).Parts!);
        fresh.Save();

        var cached = Assert.Single(ArtifactFactCache.Load(cachePath).GetInspection(path).Parts!);

        Assert.Equal((first.Kind, first.Name, first.Sha256, first.Length), (cached.Kind, cached.Name, cached.Sha256, cached.Length));
        Assert.Equal("OM4006", Assert.Single(cached.Findings!).Id);
    }

    [Fact]
    public void Integrity_a_verdict_from_another_inspector_rule_set_is_recomputed()
    {
        var path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "not a model");
        var cachePath = Path.Combine(_folder, "cache.json");
        var cache = ArtifactFactCache.Load(cachePath);
        Assert.Equal(ArtifactInspector.RuleSetVersion, cache.GetInspection(path).RuleSetVersion);
        cache.Save();

        // A verdict that claims an older rule set under the current tool version: it must not be served.
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(cachePath))!;
        var inspection = json["Entries"]!.AsObject().Single().Value!["Inspection"]!;
        inspection["RuleSetVersion"] = "om4-older";
        File.WriteAllText(cachePath, json.ToJsonString());

        var again = ArtifactFactCache.Load(cachePath).GetInspection(path);
        Assert.Equal(ArtifactInspector.RuleSetVersion, again.RuleSetVersion);
    }

    [Fact]
    public void Integrity_rehash_mode_ignores_the_cache()
    {
        var (path, cachePath) = HashedOnce("weights");
        File.WriteAllText(cachePath, File.ReadAllText(cachePath).Replace(FileSha256.Compute(path), new string('0', 64)));

        Assert.Equal(FileSha256.Compute(path), ArtifactFactCache.Load(cachePath, rehash: true).GetSha256(path));
    }

    [Fact]
    public void Integrity_a_fifo_is_never_opened_for_hashing()
    {
        var fifo = Path.Combine(_folder, "model.onnx");
        IntegrityTests.MakeFifo(fifo);

        var error = Assert.Throws<IOException>(() => ArtifactFactCache.InMemory().GetSha256(fifo));
        Assert.Contains("FIFO", error.Message);
        Assert.Contains(fifo, error.Message);
    }

    [Fact]
    public void Inspection_is_cached_with_the_hash_and_redone_when_the_file_changes()
    {
        var path = Path.Combine(_folder, "model.pkl");
        File.WriteAllBytes(path, [0x80, 0x02, .. "cos\nsystem\n"u8, (byte)')', (byte)'R', (byte)'.']);
        var stamp = File.GetLastWriteTimeUtc(path);
        var cachePath = Path.Combine(_folder, "obj", "cache.json");
        var cache = ArtifactFactCache.Load(cachePath);
        Assert.Equal(OpenModel.Core.Inspection.Verdict.Dangerous, cache.GetInspection(path).Verdict);
        cache.GetSha256(path);
        cache.Save();

        // Same size and time: the remembered verdict stands, read back from disk with its findings.
        File.WriteAllBytes(path, [0x80, 0x02, .. "cos\nsystem\n"u8, (byte)')', (byte)'R', (byte)'.']);
        File.SetLastWriteTimeUtc(path, stamp);
        var reloaded = ArtifactFactCache.Load(cachePath);
        Assert.Equal("OM4001", Assert.Single(reloaded.GetInspection(path).Findings).Id);

        File.WriteAllBytes(path, [0x80, 0x02, .. "ccollections\nOrderedDict\n"u8, (byte)')', (byte)'R', (byte)'.']);
        Assert.Equal(OpenModel.Core.Inspection.Verdict.Safe, ArtifactFactCache.Load(cachePath).GetInspection(path).Verdict);
    }

    [Fact]
    public void Corrupt_cache_is_rebuilt()
    {
        var path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, "weights");
        var cachePath = Path.Combine(_folder, "cache.json");
        File.WriteAllText(cachePath, "{ not json");

        Assert.Equal(FileSha256.Compute(path), ArtifactFactCache.Load(cachePath).GetSha256(path));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A model file whose hash a saved cache remembers.</summary>
    private (string Path, string CachePath) HashedOnce(string content)
    {
        var path = Path.Combine(_folder, "model.onnx");
        File.WriteAllText(path, content);
        var cachePath = Path.Combine(_folder, "obj", "cache.json");
        var cache = ArtifactFactCache.Load(cachePath);
        cache.GetSha256(path);
        cache.Save();
        return (path, cachePath);
    }
}
