using System.Runtime.InteropServices;
using System.Text;

namespace OpenModel.Core.IO;

/// <summary>What a path names on disk, found without opening it.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
    InvalidPath,
}

/// <summary>
/// The identity of a file as the file system reports it: kind, size, modification and change time (nanoseconds since the
/// Unix epoch, or ticks on Windows), device and inode. Two probes with equal identities name the same, unchanged bytes as
/// far as the platform can tell — a replaced file changes its change time or inode even when size and mtime are kept.
/// </summary>
public readonly record struct FileIdentity(FileKind Kind, long Length, long ModifiedTime, long ChangeTime, long Device, long Inode);

/// <summary>
/// The one way OpenModel opens an input file. Only regular files are opened: a FIFO blocks <c>open()</c> forever and a
/// device such as <c>/dev/zero</c> never ends, so both are refused from a <c>stat</c> before any open. The handle is then
/// checked again with <c>fstat</c> (same device and inode, still regular) so a swap between the two calls cannot slip a
/// special file in. Nothing here throws for a bad path: callers get a problem sentence that names the file.
/// </summary>
public static class RegularFile
{
    /// <summary>What kind of file a path names and its identity; never throws, never opens the file.</summary>
    public static FileIdentity Probe(string path)
    {
        if (!IsValidPath(path))
        {
            return new FileIdentity(FileKind.InvalidPath, 0, 0, 0, 0, 0);
        }

        if (OperatingSystem.IsWindows())
        {
            return ProbeWindows(path);
        }

        try
        {
            return Native.Stat(path, out var status) == 0 ? ToIdentity(status) : new FileIdentity(FileKind.Missing, 0, 0, 0, 0, 0);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return ProbeWindows(path);
        }
    }

    /// <summary>A sentence for a path that is not a readable regular file, or null when it is one.</summary>
    public static string? Problem(string path) => Describe(path, Probe(path).Kind);

    /// <summary>Opens a regular file for reading, or says (naming the file) why it was not opened.</summary>
    public static bool TryOpenRead(string path, out FileStream? stream, out string? problem, FileOptions options = FileOptions.None, int bufferSize = 4096)
    {
        stream = null;
        var before = Probe(path);
        problem = Describe(path, before.Kind);
        if (problem is not null)
        {
            return false;
        }

        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            problem = $"'{path}' cannot be read: {e.Message}";
            return false;
        }

        if (!OperatingSystem.IsWindows() && !SameRegularFile(stream, before))
        {
            stream.Dispose();
            stream = null;
            problem = $"'{path}' changed while it was being opened";
            return false;
        }

        return true;
    }

    /// <summary>Reads a whole regular file of at most <paramref name="maxBytes"/> bytes.</summary>
    public static bool TryReadAllBytes(string path, long maxBytes, out byte[]? bytes, out string? problem)
    {
        bytes = null;
        if (!TryOpenRead(path, out var stream, out problem))
        {
            return false;
        }

        using (stream)
        {
            try
            {
                // Read one byte past the limit, whatever the file claims its length is (procfs files say 0).
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = stream!.Read(chunk, 0, (int)Math.Min(chunk.Length, maxBytes + 1 - buffer.Length))) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    if (buffer.Length > maxBytes)
                    {
                        problem = $"'{path}' is larger than {maxBytes} bytes, the most OpenModel reads of such a file";
                        return false;
                    }
                }

                bytes = buffer.ToArray();
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"'{path}' cannot be read: {e.Message}";
                return false;
            }
        }
    }

    /// <summary>Release documents (BOMs, attestations, keys): tens of megabytes at most; nothing legitimate is near this.</summary>
    public const long MaxDocumentBytes = 256L * 1024 * 1024;

    /// <summary>
    /// <see cref="TryReadAllBytes"/> for callers that report failures as exceptions.
    /// </summary>
    /// <exception cref="IOException">Missing, not a regular file, unreadable or larger than <paramref name="maxBytes"/>; the message names the file.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes = MaxDocumentBytes) =>
        TryReadAllBytes(path, maxBytes, out var bytes, out var problem) ? bytes! : throw new IOException(problem);

    /// <summary>Reads a whole UTF-8 (BOM-aware) text file of at most <paramref name="maxBytes"/> bytes.</summary>
    public static bool TryReadAllText(string path, long maxBytes, out string? text, out string? problem)
    {
        text = null;
        if (!TryReadAllBytes(path, maxBytes, out var bytes, out problem))
        {
            return false;
        }

        using var reader = new StreamReader(new MemoryStream(bytes!), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        text = reader.ReadToEnd();
        return true;
    }

    /// <summary>False for a path the platform cannot name: empty, a NUL or another invalid path character.</summary>
    public static bool IsValidPath(string? path) =>
        !string.IsNullOrEmpty(path) && path.IndexOfAny(Path.GetInvalidPathChars()) < 0;

    private static string? Describe(string path, FileKind kind) => kind switch
    {
        FileKind.Regular => null,
        FileKind.Missing => $"'{path}' does not exist",
        FileKind.Directory => $"'{path}' is a directory, not a file",
        FileKind.Fifo => $"'{path}' is a FIFO (named pipe), not a regular file; it is not read",
        FileKind.CharacterDevice => $"'{path}' is a character device, not a regular file; it is not read",
        FileKind.BlockDevice => $"'{path}' is a block device, not a regular file; it is not read",
        FileKind.Socket => $"'{path}' is a socket, not a regular file; it is not read",
        FileKind.InvalidPath => $"'{Printable(path)}' is not a valid path (empty, or holds a NUL or another invalid character)",
        _ => $"'{path}' is not a regular file; it is not read",
    };

    /// <summary>A path with control characters made visible, so a diagnostic never carries a raw NUL.</summary>
    public static string Printable(string path)
    {
        var builder = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }

    private static bool SameRegularFile(FileStream stream, FileIdentity before)
    {
        try
        {
            if (Native.FStat(stream.SafeFileHandle, out var status) != 0)
            {
                return false;
            }

            var after = ToIdentity(status);
            return after.Kind == FileKind.Regular && after.Device == before.Device && after.Inode == before.Inode;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return true;
        }
    }

    private static FileIdentity ProbeWindows(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (info.Exists)
            {
                // Windows has no FIFOs in the file namespace; devices (\\.\, CON, NUL) do not report as existing files.
                return new FileIdentity(FileKind.Regular, info.Length, info.LastWriteTimeUtc.Ticks, info.CreationTimeUtc.Ticks, 0, 0);
            }

            return Directory.Exists(path)
                ? new FileIdentity(FileKind.Directory, 0, 0, 0, 0, 0)
                : new FileIdentity(FileKind.Missing, 0, 0, 0, 0, 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new FileIdentity(FileKind.InvalidPath, 0, 0, 0, 0, 0);
        }
    }

    private static FileIdentity ToIdentity(Native.FileStatus status)
    {
        var kind = (status.Mode & Native.S_IFMT) switch
        {
            Native.S_IFREG => FileKind.Regular,
            Native.S_IFDIR => FileKind.Directory,
            Native.S_IFIFO => FileKind.Fifo,
            Native.S_IFCHR => FileKind.CharacterDevice,
            Native.S_IFBLK => FileKind.BlockDevice,
            Native.S_IFSOCK => FileKind.Socket,
            _ => FileKind.Other,
        };
        return new FileIdentity(
            kind,
            status.Size,
            (status.MTime * 1_000_000_000) + status.MTimeNsec,
            (status.CTime * 1_000_000_000) + status.CTimeNsec,
            status.Dev,
            status.Ino);
    }

    /// <summary>
    /// The .NET runtime's own portable stat (libSystem.Native ships with every .NET on Unix), so the struct layout is the
    /// runtime's, not one per libc and CPU. This is the layout of .NET 8 and later (with RDev), as the .NET SDK itself
    /// declares it; a test checks it against <see cref="FileInfo"/> on this runtime.
    /// </summary>
    private static class Native
    {
        internal const int S_IFMT = 0xF000;
        internal const int S_IFIFO = 0x1000;
        internal const int S_IFCHR = 0x2000;
        internal const int S_IFDIR = 0x4000;
        internal const int S_IFBLK = 0x6000;
        internal const int S_IFREG = 0x8000;
        internal const int S_IFSOCK = 0xC000;

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi)]
        internal static extern int Stat(string path, out FileStatus output);

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_FStat", SetLastError = true)]
        internal static extern int FStat(Microsoft.Win32.SafeHandles.SafeFileHandle fd, out FileStatus output);

        [StructLayout(LayoutKind.Sequential)]
        internal struct FileStatus
        {
            internal int Flags;
            internal int Mode;
            internal uint Uid;
            internal uint Gid;
            internal long Size;
            internal long ATime;
            internal long ATimeNsec;
            internal long MTime;
            internal long MTimeNsec;
            internal long CTime;
            internal long CTimeNsec;
            internal long BirthTime;
            internal long BirthTimeNsec;
            internal long Dev;
            internal long RDev;
            internal long Ino;
            internal uint UserFlags;
        }
    }
}
