using System.Runtime.InteropServices;
using OpenModel.Core.IO;
using Xunit;

namespace OpenModel.Core.Tests.IO;

public sealed class FileLinksTests : IDisposable
{
    private readonly TestProject _files = new();

    [Fact]
    public void A_hard_linked_file_has_a_link_count_above_one()
    {
        var file = _files.Write("weights.bin", "x");
        Assert.Equal(1, FileLinks.LinkCount(file));

        var link = Path.Combine(_files.Directory, "link.bin");
        Assert.Equal(0, Link(file, link));

        Assert.Equal(2, FileLinks.LinkCount(file));
    }

    /// <summary>The Windows path cannot run here; its struct must still match BY_HANDLE_FILE_INFORMATION's documented layout.</summary>
    [Fact]
    public void The_Windows_file_information_struct_has_the_documented_layout()
    {
        Assert.Equal(52, Marshal.SizeOf<FileLinks.ByHandleFileInformation>());
        Assert.Equal(40, (int)Marshal.OffsetOf<FileLinks.ByHandleFileInformation>(nameof(FileLinks.ByHandleFileInformation.NumberOfLinks)));
    }

    /// <summary>
    /// The macOS path cannot run here either: its struct must match sys/stat.h's __DARWIN_STRUCT_STAT64, the same on
    /// x86_64 and arm64 (st_nlink a uint16 at offset 6, timespecs from offset 32, 144 bytes in all).
    /// </summary>
    [Fact]
    public void The_Darwin_stat_struct_has_the_sys_stat_h_layout()
    {
        Assert.Equal(144, Marshal.SizeOf<FileLinks.DarwinStat>());
        Assert.Equal(
            [6, 8, 24, 32, 96, 112, 124, 128],
            new[]
            {
                nameof(FileLinks.DarwinStat.LinkCount), nameof(FileLinks.DarwinStat.Inode), nameof(FileLinks.DarwinStat.SpecialDevice), nameof(FileLinks.DarwinStat.AccessSeconds),
                nameof(FileLinks.DarwinStat.Size), nameof(FileLinks.DarwinStat.BlockSize), nameof(FileLinks.DarwinStat.SpareLong), nameof(FileLinks.DarwinStat.SpareQuad1),
            }.Select(field => (int)Marshal.OffsetOf<FileLinks.DarwinStat>(field)));
        Assert.Equal(sizeof(ushort), Marshal.SizeOf(typeof(FileLinks.DarwinStat).GetField(nameof(FileLinks.DarwinStat.LinkCount))!.FieldType));
    }

    [Fact]
    public void This_platform_has_its_own_source_and_an_unsupported_one_reports_no_count()
    {
        var file = _files.Write("weights.bin", "x");

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal(FileLinks.LinkCountSource.Linux, FileLinks.CurrentSource);
        }

        Assert.Null(FileLinks.LinkCount(file, FileLinks.LinkCountSource.None));
    }

    public void Dispose() => _files.Dispose();

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Link(string existing, string created);
}
