namespace OpenModel.Core.Release;

/// <summary>Reads release inputs (BOMs, attestations, keys): regular files only, never more than a stated size.</summary>
public static class RegularFile
{
    /// <summary>BOMs of large solutions with licence texts reach tens of megabytes; nothing legitimate is near this.</summary>
    public const long MaxDocumentBytes = 256L * 1024 * 1024;

    /// <exception cref="IOException">Missing, not a regular file, or larger than <paramref name="maxBytes"/>.</exception>
    public static byte[] ReadAllBytes(string path, long maxBytes = MaxDocumentBytes)
    {
        if (Directory.Exists(path))
        {
            throw new IOException($"'{path}' is a folder, not a file");
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);

        // Pipes, sockets and character devices are not seekable; reading them could block or never end.
        if (!stream.CanSeek)
        {
            throw new IOException($"'{path}' is not a regular file");
        }

        if (stream.Length > maxBytes)
        {
            throw new IOException($"'{path}' is {stream.Length} bytes; the limit is {maxBytes}");
        }

        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
