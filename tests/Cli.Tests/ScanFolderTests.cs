using System.Diagnostics;
using System.Text;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

/// <summary>Folder scans finish, judge every model file on its own, and skip what is not a model (issue 9).</summary>
public sealed class ScanFolderTests : IDisposable
{
    private static readonly byte[] Dangerous = [0x80, 0x02, .. "cposix\nsystem\n"u8, (byte)'X', 2, 0, 0, 0, .. "id"u8, 0x85, (byte)'R', (byte)'.'];

    private readonly string _folder = Directory.CreateTempSubdirectory("openmodel-scan-folder-").FullName;

    [Fact]
    public void A_folder_holding_a_FIFO_finishes_and_still_reports_the_malicious_pickle_beside_it()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Write("models/evil.pkl", Dangerous);
        var fifo = MakeFifo("models/pipe.pt");

        var (exit, output, error) = Run("scan", Path.Combine(_folder, "models"));

        Assert.Equal(2, exit);
        Assert.Contains($"dangerous  {Path.Combine(_folder, "models", "evil.pkl")} (pickle)", output);
        Assert.Contains($"error      {fifo} (unknown)", output);
        Assert.Contains("is a FIFO (named pipe), not a regular file; it is not read", output);
        Assert.DoesNotContain("   at ", output + error);
    }

    [Fact]
    public void Scanning_a_FIFO_or_a_device_by_name_is_an_error_line_never_a_stack_trace()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = MakeFifo("data.pkl");
        var (exit, output, error) = Run("scan", fifo);
        var (deviceExit, deviceOutput, deviceError) = Run("scan", "/dev/zero");

        Assert.Equal((2, 2), (exit, deviceExit));
        Assert.Contains("FIFO", output);
        Assert.Contains("character device", deviceOutput);
        Assert.DoesNotContain("   at ", output + error + deviceOutput + deviceError);
    }

    [Fact]
    public void A_symlink_to_a_device_inside_a_folder_is_reported_as_not_read()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/zero"))
        {
            return;
        }

        var link = Path.Combine(_folder, "weights.bin");
        File.CreateSymbolicLink(link, "/dev/zero");
        Write("ok.safetensors", Safetensors());

        var (exit, output, _) = Run("scan", _folder);

        Assert.Equal(2, exit);
        Assert.Contains("character device", output);
        Assert.Contains($"safe       {Path.Combine(_folder, "ok.safetensors")} (safetensors)", output);
    }

    [Fact]
    public void A_clean_Hugging_Face_folder_is_safe_and_its_README_licence_and_configs_are_skipped()
    {
        Write("hf/config.json", "{\"architectures\": [\"BertModel\"], \"model_type\": \"bert\"}"u8.ToArray());
        Write("hf/README.md", "---\nlicense: mit\n---\n# A model.\n"u8.ToArray());
        Write("hf/tokenizer.json", "{\"version\": \"1.0\", \"model\": {\"type\": \"WordPiece\"}}"u8.ToArray());
        Write("hf/LICENSE", "MIT License\n\nPermission is hereby granted.\n"u8.ToArray());
        Write("hf/model.safetensors", Safetensors());

        var (exit, output, _) = Run("scan", Path.Combine(_folder, "hf"));
        var (allExit, allOutput, _) = Run("scan", Path.Combine(_folder, "hf"), "--all-files");

        Assert.Equal(0, exit);
        Assert.Contains($"safe       {Path.Combine(_folder, "hf", "model.safetensors")} (safetensors)", output);
        Assert.Contains("1 safe, 0 suspicious, 0 dangerous, 0 error; 4 files skipped", output);
        Assert.DoesNotContain("README.md", output);
        Assert.Equal(2, allExit);
        Assert.Contains("README.md", allOutput);
    }

    [Fact]
    public void A_pickle_disguised_as_a_text_file_in_a_folder_is_still_judged()
    {
        Write("m/notes.txt", Dangerous);
        Write("m/README.md", "# notes\n"u8.ToArray());

        var (exit, output, _) = Run("scan", Path.Combine(_folder, "m"));

        Assert.Equal(2, exit);
        Assert.Contains("dangerous", output);
        Assert.Contains("1 file skipped", output);
    }

    [Fact]
    public void The_README_scan_example_is_true()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var start = readme.IndexOf("dotnet run --project src/Cli -- scan samples/SentimentService/models", StringComparison.Ordinal);
        Assert.True(start >= 0, "the README's scan example is missing");
        var block = readme[start..readme.IndexOf("```", start, StringComparison.Ordinal)];
        var expected = block.Split('\n').Skip(1).Where(l => l.StartsWith("# ", StringComparison.Ordinal)).Select(l => l[2..]).ToList();

        var (exit, output, _) = Run("scan", Path.Combine(root, "samples", "SentimentService", "models"));

        Assert.Equal(0, exit);
        var actual = output.Replace(root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal).Replace('\\', '/').TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(expected, actual);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Safetensors()
    {
        var header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}");
        return [.. BitConverter.GetBytes((ulong)header.Length), .. header, .. new byte[8]];
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenModelSdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory!.FullName;
    }

    private string MakeFifo(string relativePath)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return path;
    }

    private void Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }
}
