using System.Buffers.Binary;
using System.Text;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>One member of a ZIP archive as its central directory and local header describe it.</summary>
/// <summary>Hidden is true for an entry only the local headers list (PyTorch does not see it; streaming unzippers do).</summary>
internal sealed record ZipMember(string Name, ushort Flags, ushort Method, long CompressedSize, long UncompressedSize, long LocalHeaderOffset, long DataOffset, bool Hidden = false);

/// <summary>
/// Reads a ZIP archive the way PyTorch's reader does — from the central directory, ZIP64 included — but also checks
/// every local header against it, so name, flag and encryption tricks that make scanners and loaders disagree are reported.
/// When the classic end record, the ZIP64 record, the central directory and the local headers disagree, every member
/// any of them names is returned, so each one is scanned.
/// </summary>
internal static class ZipArchiveReader
{
    private const uint EndOfCentralDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint CentralHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;
    private const int MaxMembers = 1_000_000;

    public static IReadOnlyList<ZipMember> Read(Stream stream, List<InspectionFinding> findings)
    {
        var directories = FindCentralDirectories(stream, findings);
        var members = new List<ZipMember>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<long>();
        foreach (var (directoryOffset, count) in directories)
        {
            // A second directory (ZIP64 disagreeing with the classic record) adds only the members the first did not name.
            ReadDirectory(stream, directoryOffset, count, members, names, members.Count == 0 ? null : seen, findings);
            seen.UnionWith(members.Select(m => m.LocalHeaderOffset));
        }

        if (directories.Count > 0)
        {
            members.AddRange(HiddenLocalEntries(stream, members, findings));
        }

        if (members.Count > 0 && members.Min(m => m.LocalHeaderOffset) is var first and > 0)
        {
            findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"{first:N0} bytes precede the first ZIP member: another format (a pickle, a script) can hide in front of the archive", offset: 0));
        }

        return members;
    }

    private static void ReadDirectory(Stream stream, long directoryOffset, long count, List<ZipMember> members, HashSet<string> names, HashSet<long>? known, List<InspectionFinding> findings)
    {
        var position = directoryOffset;
        var read = 0L;
        for (var i = 0; i < MaxMembers; i++)
        {
            // Entries past the declared count are read too: a loader that trusts the directory over the count sees them.
            if (i >= count && (ReadAt(stream, position, 4) is not { } next || BinaryPrimitives.ReadUInt32LittleEndian(next) != CentralHeader))
            {
                break;
            }

            var header = ReadAt(stream, position, 46);
            if (header is null || BinaryPrimitives.ReadUInt32LittleEndian(header) != CentralHeader)
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"central directory entry {i} is damaged", offset: position));
                break;
            }

            var flags = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
            var method = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(10));
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(20));
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(24));
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(30));
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(32));
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(42));
            var name = Encoding.UTF8.GetString(ReadAt(stream, position + 46, nameLength) ?? []);
            var extra = ReadAt(stream, position + 46 + nameLength, extraLength) ?? [];
            ApplyZip64(extra, ref uncompressed, ref compressed, ref localOffset);
            position += 46 + nameLength + extraLength + commentLength;
            read++;
            if (known?.Contains(localOffset) == true)
            {
                continue;
            }

            var local = ReadAt(stream, localOffset, 30);
            if (local is null || BinaryPrimitives.ReadUInt32LittleEndian(local) != LocalHeader)
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "the central directory points at no local header", name, localOffset));
                continue;
            }

            var localNameLength = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26));
            var localName = Encoding.UTF8.GetString(ReadAt(stream, localOffset + 30, localNameLength) ?? []);
            if (localName != name)
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the local header names this member '{localName}': tools disagree about what the archive holds", name, localOffset));
            }

            var localFlags = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(6));
            if ((localFlags & ~8) != (flags & ~8))
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"general-purpose flags differ between the local header (0x{localFlags:x4}) and the central directory (0x{flags:x4})", name));
            }

            if ((flags & 1) != 0 || (localFlags & 1) != 0)
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "encrypted member: it cannot be scanned", name));
            }

            var localMethod = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(8));
            long localCompressed = BinaryPrimitives.ReadUInt32LittleEndian(local.AsSpan(18));
            if (localMethod != method || ((localFlags & 8) == 0 && localCompressed != uint.MaxValue && localCompressed != compressed))
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the local header gives compression method {localMethod} and {localCompressed:N0} bytes, the central directory method {method} and {compressed:N0} bytes: readers disagree about the member's content", name, localOffset));
            }

            var dataOffset = localOffset + 30 + localNameLength + BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
            if (dataOffset + compressed > stream.Length)
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "member data runs past the end of the file (truncated)", name));
                continue;
            }

            if (!names.Add(name))
            {
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "the archive holds this name twice; loaders may pick a different copy than scanners", name));
            }

            members.Add(new ZipMember(name, flags, method, compressed, uncompressed, localOffset, dataOffset));
        }

        if (read != count)
        {
            findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the end record declares {count:N0} members, the central directory holds {read:N0}", offset: directoryOffset));
        }
    }

    /// <summary>
    /// Walks the local headers from the start of the file: an entry the central directory does not list is invisible to
    /// PyTorch but not to streaming unzippers, so two tools would see two different archives.
    /// </summary>
    private static List<ZipMember> HiddenLocalEntries(Stream stream, IReadOnlyList<ZipMember> members, List<InspectionFinding> findings)
    {
        var hidden = new List<ZipMember>();
        var known = members.GroupBy(m => m.LocalHeaderOffset).ToDictionary(g => g.Key, g => g.First());
        long position = 0;
        for (var i = 0; i < MaxMembers && ReadAt(stream, position, 30) is { } local && BinaryPrimitives.ReadUInt32LittleEndian(local) == LocalHeader; i++)
        {
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(26));
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(28));
            if (known.TryGetValue(position, out var member))
            {
                position = member.DataOffset + member.CompressedSize;
            }
            else
            {
                var name = Encoding.UTF8.GetString(ReadAt(stream, position + 30, nameLength) ?? []);
                findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "a local entry that the central directory does not list: loaders and unzippers disagree about the archive", name, position));
                var flags = BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(6));
                if ((flags & 8) != 0)
                {
                    findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "the hidden entry's size is in a data descriptor, so it cannot be scanned", name, position));
                    return hidden;
                }

                long size = BinaryPrimitives.ReadUInt32LittleEndian(local.AsSpan(18));
                var dataOffset = position + 30 + nameLength + extraLength;
                if (dataOffset + size <= stream.Length)
                {
                    hidden.Add(new ZipMember(name, flags, BinaryPrimitives.ReadUInt16LittleEndian(local.AsSpan(8)), size, BinaryPrimitives.ReadUInt32LittleEndian(local.AsSpan(22)), position, dataOffset, Hidden: true));
                }

                position = dataOffset + size;
            }

            // A data descriptor may follow the data: skip its optional signature and fields.
            if (ReadAt(stream, position, 4) is { } next && BinaryPrimitives.ReadUInt32LittleEndian(next) == 0x08074b50)
            {
                position += 16;
            }
        }

        return hidden;
    }

    /// <summary>The member's bytes, decompressed; null (with a finding) when its compression cannot be read.</summary>
    public static Stream? Open(Stream archive, ZipMember member, List<InspectionFinding> findings) =>
        ZipMemberDecoder.Open(new SubStream(archive, member.DataOffset, member.CompressedSize), member, findings);

    /// <summary>The central directory the classic end record names and, when it disagrees, the one the ZIP64 record names.</summary>
    private static List<(long Offset, long Count)> FindCentralDirectories(Stream stream, List<InspectionFinding> findings)
    {
        var tailLength = (int)Math.Min(stream.Length, 65_557);
        var tail = ReadAt(stream, stream.Length - tailLength, tailLength) ?? [];
        for (var i = tail.Length - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) != EndOfCentralDirectory)
            {
                continue;
            }

            long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 10));
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i + 16));
            var eocdPosition = stream.Length - tailLength + i;
            var directories = new List<(long, long)>();
            if (offset >= 0 && offset < stream.Length && offset != uint.MaxValue)
            {
                directories.Add((offset, count));
            }

            if (eocdPosition >= 20
                && ReadAt(stream, eocdPosition - 20, 20) is { } locator && BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64Locator
                && ReadAt(stream, BinaryPrimitives.ReadInt64LittleEndian(locator.AsSpan(8)), 56) is { } zip64)
            {
                var count64 = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(32));
                var offset64 = BinaryPrimitives.ReadInt64LittleEndian(zip64.AsSpan(48));
                var classicDefers = offset == uint.MaxValue || count == ushort.MaxValue;
                if (!classicDefers && (count64 != count || offset64 != offset))
                {
                    findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, $"the classic end record ({count:N0} members at {offset:N0}) and the ZIP64 record ({count64:N0} members at {offset64:N0}) disagree: every member either names is scanned", offset: eocdPosition));
                }

                if (offset64 >= 0 && offset64 < stream.Length && (classicDefers || offset64 != offset || count64 != count))
                {
                    directories.RemoveAll(d => classicDefers);
                    directories.Add((offset64, count64));
                }
            }

            if (directories.Count > 0)
            {
                return directories;
            }

            break;
        }

        findings.Add(new InspectionFinding(BuildRules.UnscannableContainer, "the ZIP archive has no readable central directory (truncated or damaged)"));
        return [];
    }

    private static void ApplyZip64(byte[] extra, ref long uncompressed, ref long compressed, ref long localOffset)
    {
        for (var i = 0; i + 4 <= extra.Length;)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(i));
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra.AsSpan(i + 2));
            if (id == 1)
            {
                var field = i + 4;
                if (uncompressed == uint.MaxValue && field + 8 <= extra.Length) { uncompressed = BinaryPrimitives.ReadInt64LittleEndian(extra.AsSpan(field)); field += 8; }
                if (compressed == uint.MaxValue && field + 8 <= extra.Length) { compressed = BinaryPrimitives.ReadInt64LittleEndian(extra.AsSpan(field)); field += 8; }
                if (localOffset == uint.MaxValue && field + 8 <= extra.Length) { localOffset = BinaryPrimitives.ReadInt64LittleEndian(extra.AsSpan(field)); }
            }

            i += 4 + size;
        }
    }

    internal static byte[]? ReadAt(Stream stream, long offset, int count)
    {
        if (offset < 0 || offset + count > stream.Length)
        {
            return null;
        }

        stream.Position = offset;
        var buffer = new byte[count];
        return stream.ReadAtLeast(buffer, count, throwOnEndOfStream: false) == count ? buffer : null;
    }
}
