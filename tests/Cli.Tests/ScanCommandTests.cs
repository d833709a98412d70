using System.Text.Json;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

public sealed class ScanCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("openmodel-scan-").FullName;

    private static readonly byte[] Dangerous = [0x80, 0x02, .. "cposix\nsystem\n"u8, (byte)'X', 2, 0, 0, 0, .. "id"u8, 0x85, (byte)'R', (byte)'.'];
    private static readonly byte[] Suspicious = [0x80, 0x02, .. "c__main__\nNet\n"u8, (byte)')', (byte)'R', (byte)'.'];
    private static readonly byte[] Safe = [0x80, 0x02, .. "ccollections\nOrderedDict\n"u8, (byte)')', (byte)'R', (byte)'.'];

    [Fact]
    public void Exit_code_follows_the_worst_verdict()
    {
        var safe = Write("safe.pkl", Safe);
        var suspicious = Write("suspicious.pkl", Suspicious);
        var dangerous = Write("dangerous.pkl", Dangerous);

        Assert.Equal(0, Run("scan", safe).Exit);
        Assert.Equal(1, Run("scan", safe, suspicious).Exit);
        Assert.Equal(2, Run("scan", safe, suspicious, dangerous).Exit);
        Assert.Equal(2, Run("scan", Write("noise.bin", [1, 2, 3, 4, 5, 6, 7, 8, 9])).Exit);
    }

    [Fact]
    public void Text_output_gives_a_verdict_per_file_and_each_finding_with_its_offset()
    {
        Write("models/a/dangerous.pkl", Dangerous);
        Write("models/b/safe.pkl", Safe);

        var (exit, output, _) = Run("scan", Path.Combine(_folder, "models"));

        Assert.Equal(2, exit);
        Assert.Contains($"dangerous  {Path.Combine(_folder, "models", "a", "dangerous.pkl")} (pickle)", output);
        Assert.Contains("  OM4001 error: imports posix.system, which can run code or reach the system [offset 2]", output);
        Assert.Contains($"safe       {Path.Combine(_folder, "models", "b", "safe.pkl")} (pickle)", output);
        Assert.Contains("1 safe, 0 suspicious, 1 dangerous, 0 error", output);
    }

    [Fact]
    public void Json_and_sarif_outputs_are_structured()
    {
        var dangerous = Write("dangerous.pkl", Dangerous);

        var json = JsonDocument.Parse(Run("scan", dangerous, "--format", "json").Output).RootElement.EnumerateArray().Single();
        var sarif = JsonDocument.Parse(Run("scan", dangerous, "--format", "sarif").Output).RootElement;

        Assert.Equal(("dangerous", "OM4001", 2), (json.GetProperty("verdict").GetString(), json.GetProperty("findings")[0].GetProperty("id").GetString(), json.GetProperty("findings")[0].GetProperty("offset").GetInt32()));
        Assert.Equal("2.1.0", sarif.GetProperty("version").GetString());
        var result = sarif.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal(("OM4001", "error"), (result.GetProperty("ruleId").GetString(), result.GetProperty("level").GetString()));
        Assert.Equal(2, result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("byteOffset").GetInt32());
        Assert.Equal("https://github.com/openmodel-sdk/openmodel-sdk/blob/main/docs/rules/OM4001.md", sarif.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("helpUri").GetString());
    }

    [Fact]
    public void Missing_path_is_an_error() => Assert.Equal(2, Run("scan", Path.Combine(_folder, "nope.pt")).Exit);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }
}
