using System.Buffers.Binary;
using System.Formats.Tar;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// torch.save's tar format (PyTorch before 0.4), read as torch/serialization.py's legacy_load reads it: "sys_info" and
/// "pickle" are pickles; "storages" is a count pickle, then per storage a (key, location, type) pickle, an int64 element
/// count and the raw elements; "tensors" is a count pickle, then per tensor a (key, storage id, type) pickle, an int32
/// ndim, 4 bytes, ndim int64 sizes, ndim int64 strides and an int64 offset. Every one of those pickles is scanned.
/// </summary>
internal static class LegacyTorchTar
{
    private const int MaxRecords = 1_000_000;

    public static void Inspect(Stream stream, InspectionWork work)
    {
        work.Metadata["format"] = "pytorch-tar";
        using var reader = new TarReader(stream, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is not { } data)
            {
                continue;
            }

            switch (entry.Name)
            {
                case "sys_info":
                    work.Findings.AddRange(PickleScanner.Scan(data, entry.Length, entry.Name).Findings);
                    break;
                case "pickle":
                    work.Findings.AddRange(PickleScanner.Scan(data, entry.Length, entry.Name, persistentIds: true).Findings);
                    break;
                case "storages" or "tensors" when data.CanSeek:
                    Records(data, entry.Length, entry.Name, work);
                    break;
                case "storages" or "tensors":
                    work.Add(BuildRules.UnscannableContainer, "the member cannot be read back to follow its records", entry.Name);
                    break;
            }
        }
    }

    private static void Records(Stream data, long length, string member, InspectionWork work)
    {
        var start = data.Position;
        var count = ScanPickle(data, start, length, member, work, out var position);
        if (count is null)
        {
            return;
        }

        if (count < 0 || count > MaxRecords || count > length)
        {
            work.Add(BuildRules.PickleEvadesAnalysis, $"the record count {count} does not fit the member", member);
            return;
        }

        for (var i = 0; i < count; i++)
        {
            var before = work.Findings.Count;
            var globals = new List<string>();
            if (ScanPickle(data, start + position, length - position, member, work, out var used, globals) is null && work.Findings.Count > before)
            {
                return;
            }

            position += used;
            var skip = member == "storages" ? StorageBytes(data, start + position, globals) : TensorHeaderBytes(data, start + position);
            if (skip is null || position + skip > length)
            {
                work.Add(BuildRules.PickleEvadesAnalysis, $"record {i} runs past the end of the member (truncated or forged size)", member, position);
                return;
            }

            position += skip.Value;
        }
    }

    private static long? ScanPickle(Stream data, long at, long length, string member, InspectionWork work, out long used, List<string>? globals = null)
    {
        data.Position = at;
        var scan = PickleScanner.ScanFirst(data, length, member);
        work.Findings.AddRange(scan.Findings);
        globals?.AddRange(scan.Globals);
        used = scan.End;
        return scan.Findings.Any(f => f.Level == DiagnosticLevel.Error) ? null : scan.RootNumber ?? 0;
    }

    /// <summary>An int64 element count and the elements, sized by the storage type the record's pickle named.</summary>
    private static long? StorageBytes(Stream data, long at, List<string> globals)
    {
        var size = globals.Select(ZipInspector.ElementSize).FirstOrDefault(s => s is not null) ?? 1;
        return ReadInt64(data, at) is { } elements and >= 0 && elements <= long.MaxValue / 8 / size ? 8 + (elements * size) : null;
    }

    private static long? TensorHeaderBytes(Stream data, long at)
    {
        data.Position = at;
        var head = new byte[4];
        if (data.ReadAtLeast(head, 4, throwOnEndOfStream: false) < 4)
        {
            return null;
        }

        var dimensions = BinaryPrimitives.ReadInt32LittleEndian(head);
        return dimensions is >= 0 and <= 64 ? 4 + 4 + (16L * dimensions) + 8 : null;
    }

    private static long? ReadInt64(Stream data, long at)
    {
        data.Position = at;
        var bytes = new byte[8];
        return data.ReadAtLeast(bytes, 8, throwOnEndOfStream: false) == 8 ? BinaryPrimitives.ReadInt64LittleEndian(bytes) : null;
    }
}
