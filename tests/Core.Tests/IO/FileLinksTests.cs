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

    public void Dispose() => _files.Dispose();

    [DllImport("libc", EntryPoint = "link", SetLastError = true, CharSet = CharSet.Ansi)]
    private static extern int Link(string existing, string created);
}
