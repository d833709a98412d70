using System.Buffers.Binary;

namespace OpenModel.Core.Inspection;

/// <summary>Recognises a model file by its bytes, never by its extension.</summary>
public static class FormatDetector
{
    // Byte arrays, not u8 string literals: "\x93" in a C# string is U+0093, which UTF-8 encodes as two bytes.
    private static readonly byte[] NumpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private static readonly byte[] Hdf5Magic = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0d, 0x0a, 0x1a, 0x0a];

    private static readonly HashSet<byte> TextPickleStarts = [.. "(]})cldNIJKLMFGSVXUTq"u8.ToArray()];

    /// <summary>
    /// The format by unambiguous magic only (ZIP, NumPy, HDF5, GGUF, tar, safetensors, binary pickle, ONNX), without the
    /// text-pickle heuristic that a README ending in a full stop could trip.
    /// </summary>
    public static ArtifactFormat DetectByMagic(Stream stream) => Detect(stream, textPickles: false);

    public static ArtifactFormat Detect(Stream stream) => Detect(stream, textPickles: true);

    private static ArtifactFormat Detect(Stream stream, bool textPickles)
    {
        var head = new byte[512];
        stream.Position = 0;
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var span = head.AsSpan(0, read);
        stream.Position = 0;

        if (span.StartsWith("PK\x03\x04"u8) || span.StartsWith("PK\x05\x06"u8))
        {
            return ArtifactFormat.Zip;
        }

        if (span.StartsWith(NumpyMagic))
        {
            return ArtifactFormat.Numpy;
        }

        if (span.StartsWith(Hdf5Magic))
        {
            return ArtifactFormat.Hdf5;
        }

        if (span.StartsWith("GGUF"u8))
        {
            return ArtifactFormat.Gguf;
        }

        if (read >= 262 && span[257..262].SequenceEqual("ustar"u8))
        {
            return ArtifactFormat.Tar;
        }

        if (read >= 9 && span[8] == (byte)'{' && BinaryPrimitives.ReadUInt64LittleEndian(span) is var headerLength && headerLength > 1 && (long)headerLength <= stream.Length - 8)
        {
            return ArtifactFormat.Safetensors;
        }

        if (read >= 2 && span[0] == 0x80 && span[1] <= 5)
        {
            return ArtifactFormat.Pickle;
        }

        if (textPickles && read >= 1 && TextPickleStarts.Contains(span[0]) && EndsWithStop(stream))
        {
            return ArtifactFormat.Pickle;
        }

        if (Headers.OnnxModelHeader.LooksLikeOnnx(stream))
        {
            return ArtifactFormat.Onnx;
        }

        // zipfile.is_zipfile (Keras, skops) looks for the end record, not the first bytes: data can be prepended.
        return HasZipEndRecord(stream) ? ArtifactFormat.Zip : ArtifactFormat.Unknown;
    }

    private static bool HasZipEndRecord(Stream stream)
    {
        var length = (int)Math.Min(stream.Length, 65_557);
        var tail = new byte[length];
        stream.Position = stream.Length - length;
        stream.ReadExactly(tail);
        stream.Position = 0;
        return tail.Length >= 22 && tail.AsSpan().LastIndexOf("PK\x05\x06"u8) is var at && at >= 0 && at <= tail.Length - 22;
    }

    /// <summary>What an extension promises; null when it promises nothing in particular (.bin).</summary>
    public static IReadOnlySet<ArtifactFormat>? Expected(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".onnx" or ".ort" => new HashSet<ArtifactFormat> { ArtifactFormat.Onnx },
        ".safetensors" => new HashSet<ArtifactFormat> { ArtifactFormat.Safetensors },
        ".gguf" => new HashSet<ArtifactFormat> { ArtifactFormat.Gguf },
        ".npy" => new HashSet<ArtifactFormat> { ArtifactFormat.Numpy },
        ".npz" or ".keras" or ".zip" or ".mlnet" => new HashSet<ArtifactFormat> { ArtifactFormat.Zip },
        ".h5" or ".hdf5" => new HashSet<ArtifactFormat> { ArtifactFormat.Hdf5 },
        ".pt" or ".pth" or ".ckpt" => new HashSet<ArtifactFormat> { ArtifactFormat.Zip, ArtifactFormat.Pickle, ArtifactFormat.Tar },
        ".pkl" or ".pickle" or ".joblib" => new HashSet<ArtifactFormat> { ArtifactFormat.Pickle },
        _ => null,
    };

    private static bool EndsWithStop(Stream stream)
    {
        var length = (int)Math.Min(stream.Length, 16);
        stream.Position = stream.Length - length;
        var tail = new byte[length];
        stream.ReadExactly(tail);
        stream.Position = 0;
        var end = tail.AsSpan().TrimEnd("\r\n "u8);
        return end.Length > 0 && end[^1] == (byte)'.';
    }
}
