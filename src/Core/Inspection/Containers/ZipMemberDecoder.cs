using System.Buffers.Binary;
using System.IO.Compression;
using SharpCompress.Compressors.BZip2;
using SharpCompress.Compressors.LZMA;
using SharpCompress.Compressors.ZStandard;
using SharpCompress.Compressors.ZStandard.Unsafe;
using OpenModel.Core.Diagnostics;
using SharpCompressionMode = SharpCompress.Compressors.CompressionMode;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// Decompresses a ZIP member the way Python's zipfile does for numpy.load (deflate, bzip2, LZMA, and since Python 3.14
/// Zstandard), always stopping at the declared size, so a decompression bomb costs no more than the member claims to
/// be, and with a bounded window. PPMd and the other methods zipfile cannot read are reported, never guessed at.
/// A damaged stream surfaces as <see cref="InvalidDataException"/> naming the member, never as a decoder's own exception.
/// </summary>
internal static class ZipMemberDecoder
{
    /// <summary>The largest LZMA window this scan allocates; Python's zipfile writes 8 MiB (preset 6).</summary>
    internal const long MaxLzmaWindow = 64 << 20;

    /// <summary>
    /// The largest Zstandard window this scan allocates, as a power of two (64 MiB, the LZMA bound): libzstd's default
    /// limit, which Python's zipfile keeps, is 2^27, so a frame between the two is loadable but reported, not inspected.
    /// </summary>
    internal const int MaxZstandardWindowLog = 26;

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
            case 12 or 14 or 93:
                try
                {
                    // zipfile feeds one BZ2Decompressor and stops at its end of stream: concatenated streams are not read.
                    decoder = member.Method switch
                    {
                        12 => BZip2Stream.Create(raw, SharpCompressionMode.Decompress, decompressConcatenated: false, leaveOpen: false, tolerateTruncatedStream: false),
                        14 => Lzma(raw, member, findings),
                        _ => Zstandard(raw),
                    };
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // The decoders read their stream header on creation; hostile bytes throw their own exception types.
                    findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the {MethodName(member.Method)} data cannot be decoded ({e.GetType().Name}: {e.Message}), so the member is not inspected", member.Name));
                    decoder = null;
                }

                if (decoder is null)
                {
                    raw.Dispose();
                    return null;
                }

                break;
            case 98:
                // zipfile has no PPMd decompressor: numpy.load fails on the member, and the scan does not guess at its bytes.
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "compression method 98 (PPMd) cannot be read by Python's zipfile, so numpy.load cannot load the member and the scan does not inspect it", member.Name));
                raw.Dispose();
                return null;
            default:
                var name = MethodName(member.Method) is { Length: > 0 } known ? $" ({known})" : string.Empty;
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"compression method {member.Method}{name} cannot be decompressed by this scan so the member is not inspected", member.Name));
                raw.Dispose();
                return null;
        }

        // zipfile stops at the declared size; so does the scan, which also bounds a decompression bomb.
        return new SubStream(new Guarded(decoder, member.Name), 0, member.UncompressedSize, seekable: false);
    }

    private static string MethodName(int method) => method switch
    {
        9 => "deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "Zstandard",
        95 => "xz",
        _ => string.Empty,
    };

    /// <summary>
    /// A Zstandard member is one or more frames; libzstd allocates the window a frame header declares, so the window is
    /// bounded here and a larger one fails the read with a message saying so. zipfile's decompressor stops after the
    /// first frame; reading on costs nothing the declared size does not already bound, and the bytes numpy.load sees are
    /// a prefix of what the scan sees.
    /// </summary>
    private static DecompressionStream Zstandard(Stream raw)
    {
        var decoder = new DecompressionStream(raw, bufferSize: 1 << 17, checkEndOfStream: true, leaveOpen: false);
        decoder.SetParameter(ZSTD_dParameter.ZSTD_d_windowLogMax, MaxZstandardWindowLog);
        return decoder;
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
            catch (ZstdException e) when (e.Code == ZSTD_ErrorCode.ZSTD_error_frameParameter_windowTooLarge)
            {
                throw new InvalidDataException($"member '{member}': the Zstandard frame needs a window larger than the {1 << (MaxZstandardWindowLog - 20)} MiB this scan allocates, so it is not inspected", e);
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
