using System.Buffers;
using System.Security.Cryptography;
using OpenModel.Core.IO;

namespace OpenModel.Core.Hashing;

/// <summary>SHA-256 of a file, streamed in large sequential reads so multi-GB weights never sit in memory.</summary>
public static class FileSha256
{
    private const int BufferSize = 4 * 1024 * 1024;

    /// <summary>Hashes a regular file; a FIFO, a device or a missing file is an <see cref="IOException"/> naming it, never a hang.</summary>
    public static string Compute(string path)
    {
        if (!RegularFile.TryOpenRead(path, out var opened, out var problem, FileOptions.SequentialScan, bufferSize: 0))
        {
            throw new IOException(problem);
        }

        using var stream = opened!;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
