using System.Runtime.InteropServices;

namespace OpenModel.Core.IO;

/// <summary>
/// Links that let a file inside a folder name bytes outside it: symbolic links (and Windows reparse points) on any
/// path component, and hard links (a link count above one). <see cref="RegularFile"/> follows links by design; this
/// is for the places that must refuse them, such as ONNX external data.
/// </summary>
public static class FileLinks
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxNlink = 0x4;
    private const int StatxSize = 256;
    private const int StatxNlinkOffset = 16;

    /// <summary>The first component of <paramref name="path"/> below <paramref name="root"/> that is a link, or null.</summary>
    public static string? FirstLinkBelow(string root, string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Path.GetFullPath(root), full);
        var current = Path.GetFullPath(root);
        foreach (var part in relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
                if (info.LinkTarget is not null || (info.Exists && (info.Attributes & FileAttributes.ReparsePoint) != 0))
                {
                    return current;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>Where <see cref="LinkCount(string)"/> gets a link count from: one source per platform, or none.</summary>
    internal enum LinkCountSource
    {
        /// <summary>A platform this does not know how to ask (FreeBSD, other Unixes): the count is unknown.</summary>
        None,
        Linux,
        Windows,
        DarwinX64,
        DarwinArm64,
    }

    /// <summary>This process's source: the OS, and on macOS the architecture, whose libc exports the 64-bit-inode lstat under a different name.</summary>
    internal static LinkCountSource CurrentSource { get; } =
        OperatingSystem.IsLinux() ? LinkCountSource.Linux
        : OperatingSystem.IsWindows() ? LinkCountSource.Windows
        : OperatingSystem.IsMacOS() ? RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => LinkCountSource.DarwinX64,
            Architecture.Arm64 => LinkCountSource.DarwinArm64,
            _ => LinkCountSource.None,
        }
        : LinkCountSource.None;

    /// <summary>
    /// The hard-link count of a file, not following a final symlink: on Linux from statx, on Windows from
    /// GetFileInformationByHandle's nNumberOfLinks, on macOS from lstat's 64-bit-inode struct. Null where the platform
    /// does not say (FreeBSD and other Unixes, a libc without statx, a call that fails), so callers report the count as
    /// unknown rather than as one.
    /// </summary>
    public static long? LinkCount(string path) => LinkCount(path, CurrentSource);

    internal static long? LinkCount(string path, LinkCountSource source)
    {
        try
        {
            switch (source)
            {
                case LinkCountSource.Linux:
                    var buffer = new byte[StatxSize];
                    return Native.Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxNlink, buffer) == 0 && (BitConverter.ToUInt32(buffer, 0) & StatxNlink) != 0
                        ? BitConverter.ToUInt32(buffer, StatxNlinkOffset)
                        : null;
                case LinkCountSource.Windows:
                    return WindowsLinkCount(path);
                case LinkCountSource.DarwinX64 or LinkCountSource.DarwinArm64:
                    // Untested on macOS itself (these builds run on Linux): the struct is pinned to sys/stat.h by a test.
                    var status = default(DarwinStat);
                    var result = source == LinkCountSource.DarwinX64 ? Native.DarwinLstatX64(path, ref status) : Native.DarwinLstatArm64(path, ref status);
                    return result == 0 ? status.LinkCount : null;
                default:
                    return null;
            }
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Not testable on the Linux machines this is built on: the struct layout is Windows' documented, fixed one.</summary>
    private static long? WindowsLinkCount(string path)
    {
        try
        {
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            return Native.GetFileInformationByHandle(handle, out var information) ? information.NumberOfLinks : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static class Native
    {
        /// <summary>statx(2): its struct layout is the same on every Linux architecture (x86_64, arm64…), unlike stat's.</summary>
        [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi)]
        internal static extern int Statx(int directory, string path, int flags, uint mask, byte[] buffer);

        /// <summary>
        /// macOS x86_64 keeps the old 32-bit-inode struct under lstat for binary compatibility; the 64-bit-inode one
        /// (<see cref="DarwinStat"/>) is lstat$INODE64. On arm64 there is only the 64-bit-inode struct, named lstat.
        /// </summary>
        [DllImport("libc", EntryPoint = "lstat$INODE64", SetLastError = true)]
        internal static extern int DarwinLstatX64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref DarwinStat status);

        [DllImport("libc", EntryPoint = "lstat", SetLastError = true)]
        internal static extern int DarwinLstatArm64([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref DarwinStat status);

        [DllImport("kernel32", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
        [return: MarshalAs(UnmanagedType.Bool)]
        internal static extern bool GetFileInformationByHandle(Microsoft.Win32.SafeHandles.SafeFileHandle file, out ByHandleFileInformation information);
    }

    /// <summary>BY_HANDLE_FILE_INFORMATION (fileapi.h): 52 bytes, FILETIMEs 4-byte aligned, nNumberOfLinks at offset 40.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct ByHandleFileInformation
    {
        public uint FileAttributes;
        public long CreationTime;
        public long LastAccessTime;
        public long LastWriteTime;
        public uint VolumeSerialNumber;
        public uint FileSizeHigh;
        public uint FileSizeLow;
        public uint NumberOfLinks;
        public uint FileIndexHigh;
        public uint FileIndexLow;
    }

    /// <summary>
    /// Darwin's struct stat with _DARWIN_FEATURE_64_BIT_INODE (__DARWIN_STRUCT_STAT64 in sys/stat.h), identical on x86_64
    /// and arm64: 144 bytes, st_nlink a uint16 at offset 6, 4 bytes of padding before the 8-byte-aligned timespecs.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct DarwinStat
    {
        public int Device;
        public ushort Mode;
        public ushort LinkCount;
        public ulong Inode;
        public uint UserId;
        public uint GroupId;
        public int SpecialDevice;
        public long AccessSeconds;
        public long AccessNanoseconds;
        public long ModificationSeconds;
        public long ModificationNanoseconds;
        public long ChangeSeconds;
        public long ChangeNanoseconds;
        public long BirthSeconds;
        public long BirthNanoseconds;
        public long Size;
        public long Blocks;
        public int BlockSize;
        public uint Flags;
        public uint Generation;
        public int SpareLong;
        public long SpareQuad1;
        public long SpareQuad2;
    }
}
