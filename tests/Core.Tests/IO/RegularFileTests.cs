using System.Diagnostics;
using OpenModel.Core.IO;
using Xunit;

namespace OpenModel.Core.Tests.IO;

public sealed class RegularFileTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("openmodel-io-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public void Probe_of_a_regular_file_agrees_with_FileInfo()
    {
        var path = Path.Combine(_folder.FullName, "weights.bin");
        File.WriteAllBytes(path, new byte[1234]);
        File.SetLastWriteTimeUtc(path, new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc));

        var identity = RegularFile.Probe(path);

        Assert.Equal(FileKind.Regular, identity.Kind);
        Assert.Equal(1234, identity.Length);
        if (!OperatingSystem.IsWindows())
        {
            // Checks the native struct layout against the runtime's own view of the same file.
            Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).ToUnixTimeSeconds() * 1_000_000_000, identity.ModifiedTime);
            Assert.NotEqual(0, identity.Inode);
            Assert.NotEqual(0, identity.ChangeTime);
        }
    }

    [Fact]
    public void A_replaced_file_with_the_same_size_and_mtime_has_another_identity()
    {
        var path = Path.Combine(_folder.FullName, "model.onnx");
        File.WriteAllBytes(path, [1, 2, 3]);
        // DateTime has 100 ns ticks: use a whole second so both files carry exactly the same mtime, as `cp -p` keeps it.
        var mtime = new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, mtime);
        var before = RegularFile.Probe(path);

        var replacement = Path.Combine(_folder.FullName, "other");
        File.WriteAllBytes(replacement, [4, 5, 6]);
        File.SetLastWriteTimeUtc(replacement, mtime);
        File.Move(replacement, path, overwrite: true);

        var after = RegularFile.Probe(path);
        Assert.Equal(before.Length, after.Length);
        Assert.Equal(before.ModifiedTime, after.ModifiedTime);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Missing_directory_and_invalid_paths_are_named()
    {
        Assert.Equal(FileKind.Missing, RegularFile.Probe(Path.Combine(_folder.FullName, "absent")).Kind);
        Assert.Equal(FileKind.Directory, RegularFile.Probe(_folder.FullName).Kind);
        Assert.Equal(FileKind.InvalidPath, RegularFile.Probe("models/a\0b.onnx").Kind);
        Assert.Equal(FileKind.InvalidPath, RegularFile.Probe("").Kind);
        var problem = RegularFile.Problem("models/a\0b.onnx");
        Assert.Contains("a\\u0000b.onnx", problem);
        Assert.False(problem!.Contains('\0'));
    }

    [Fact]
    public void A_fifo_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fifo = Path.Combine(_folder.FullName, "model.onnx");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        Assert.Equal(FileKind.Fifo, RegularFile.Probe(fifo).Kind);
        Assert.False(RegularFile.TryOpenRead(fifo, out var stream, out var problem));
        Assert.Null(stream);
        Assert.Contains("FIFO", problem);
        Assert.Contains(fifo, problem);
    }

    [Fact]
    public void A_device_is_refused()
    {
        if (!File.Exists("/dev/zero") && RegularFile.Probe("/dev/zero").Kind == FileKind.Missing)
        {
            return;
        }

        Assert.Equal(FileKind.CharacterDevice, RegularFile.Probe("/dev/zero").Kind);
        Assert.False(RegularFile.TryReadAllBytes("/dev/zero", 1024, out _, out var problem));
        Assert.Contains("character device", problem);
    }

    [Fact]
    public void Reads_are_bounded()
    {
        var path = Path.Combine(_folder.FullName, "card.md");
        File.WriteAllText(path, new string('x', 100));

        Assert.True(RegularFile.TryReadAllText(path, 100, out var text, out _));
        Assert.Equal(100, text!.Length);
        Assert.False(RegularFile.TryReadAllText(path, 99, out _, out var problem));
        Assert.Contains("larger than 99 bytes", problem);
    }
}
