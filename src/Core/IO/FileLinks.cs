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

    /// <summary>
    /// The hard-link count of a file: on Linux from statx (not following a final symlink), on Windows from
    /// GetFileInformationByHandle's nNumberOfLinks. Null where the platform does not say — macOS, whose
    /// libSystem.Native FileStatus carries no link count and whose libc stat layout differs by architecture, or a libc
    /// without statx — so callers report the check as not made.
    /// </summary>
    public static long? LinkCount(string path)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                return WindowsLinkCount(path);
            }

            if (!OperatingSystem.IsLinux())
            {
                return null;
            }

            var buffer = new byte[StatxSize];
            return Native.Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxNlink, buffer) == 0 && (BitConverter.ToUInt32(buffer, 0) & StatxNlink) != 0
                ? BitConverter.ToUInt32(buffer, StatxNlinkOffset)
                : null;
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
}
