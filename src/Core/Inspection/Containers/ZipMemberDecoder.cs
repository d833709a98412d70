using System.Buffers.Binary;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.LZMA;
using OpenModel.Core.Diagnostics;
using SharpCompressionMode = SharpCompress.Compressors.CompressionMode;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// Decompresses a ZIP member the way Python's zipfile does for numpy.load (deflate, bzip2, LZMA), always stopping at
/// the declared size, so a decompression bomb costs no more than the member claims to be, and with a bounded window.
/// A damaged stream surfaces as <see cref="InvalidDataException"/> naming the member, never as a decoder's own exception.
/// </summary>
internal static class ZipMemberDecoder
{
    /// <summary>The largest LZMA window this scan allocates; Python's zipfile writes 8 MiB (preset 6).</summary>
    internal const long MaxLzmaWindow = 64 << 20;

    private const int LzmaPropertiesLength = 5;

    /// <summary>The member's decompressed bytes, or null with a finding naming the reason.</summary>
    public static Stream? Open(Stream raw, ZipMember member, List<InspectionFinding> findings)
    {
        Stream? decoder;
        switch (member.Method)
        {
            case 0:
                return raw;
            case 8:
                decoder = new DeflateStream(raw, CompressionMode.Decompress);
                break;
            case 12 or 14:
                try
                {
                    // zipfile feeds one BZ2Decompressor and stops at its end of stream: concatenated streams are not read.
                    decoder = member.Method == 12
                        ? BZip2Stream.Create(raw, SharpCompressionMode.Decompress, decompressConcatenated: false, leaveOpen: false, tolerateTruncatedStream: false)
                        : Lzma(raw, member, findings);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The decoders read their stream header on creation; hostile bytes throw their own exception types.
                    findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the {(member.Method == 12 ? "bzip2" : "LZMA")} data cannot be decoded ({e.GetType().Name}: {e.Message}), so the member is not inspected", member.Name));
                    decoder = null;
                }

                if (decoder is null)
                {
                    raw.Dispose();
                    return null;
                }

                break;
            default:
                var name = member.Method switch { 93 => " (Zstandard)", 95 => " (xz)", 98 => " (PPMd)", 9 => " (deflate64)", _ => string.Empty };
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"compression method {member.Method}{name} cannot be decompressed by this scan so the member is not inspected", member.Name));
                raw.Dispose();
                return null;
        }

        // zipfile stops at the declared size; so does the scan, which also bounds a decompression bomb.
        return new SubStream(new Guarded(decoder, member.Name), 0, member.UncompressedSize, seekable: false);
    }

    /// <summary>
    /// A ZIP LZMA member starts with a 4-byte header (SDK version, properties length) and the 5 LZMA properties; the
    /// dictionary size in them is capped by the declared output size (a window larger than the output is never used).
    /// </summary>
    private static Stream? Lzma(Stream raw, ZipMember member, List<InspectionFinding> findings)
    {
        var header = new byte[4 + LzmaPropertiesLength];
        if (raw.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) != header.Length
            || BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(2)) != LzmaPropertiesLength
            || header[4] >= 9 * 5 * 5)
        {
            findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "the LZMA member's header is damaged (properties missing or invalid), so the member is not inspected", member.Name));
            return null;
        }

        var properties = header[4..];
        long dictionary = BinaryPrimitives.ReadUInt32LittleEndian(properties.AsSpan(1));
        var window = Math.Max(Math.Min(dictionary, member.UncompressedSize), 1 << 12);
        if (window > MaxLzmaWindow)
        {
            findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the LZMA member needs a {window / (1 << 20):N0} MiB window, more than the {MaxLzmaWindow >> 20} MiB this scan allocates, so it is not inspected", member.Name));
            return null;
        }

        BinaryPrimitives.WriteUInt32LittleEndian(properties.AsSpan(1), (uint)window);
        return LzmaStream.Create(properties, raw, member.CompressedSize - header.Length, member.UncompressedSize, leaveOpen: false);
    }

    /// <summary>Turns whatever a decoder throws on hostile bytes into one exception type that names the member.</summary>
    private sealed class Guarded(Stream inner, string member) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                return inner.Read(buffer, offset, count);
            }
            catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
            {
                throw new InvalidDataException($"member '{member}': the compressed data is damaged ({e.GetType().Name}: {e.Message})", e);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
