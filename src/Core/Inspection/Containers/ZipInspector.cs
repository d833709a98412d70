using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Headers;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// A ZIP artefact judged the way its loader reads it: PyTorch archives (data.pkl, storages checked against every
/// tensor rebuild, TorchScript code and layout), NumPy .npz (every member with the NumPy magic, whatever its name), Keras .keras
/// (config.json) and any *.pkl member of any archive.
/// </summary>
internal static class ZipInspector
{
    private static readonly byte[] NumpyMagic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static readonly Dictionary<string, int> StorageElementSizes = new(StringComparer.Ordinal)
    {
        ["torch.FloatStorage"] = 4, ["torch.DoubleStorage"] = 8, ["torch.HalfStorage"] = 2, ["torch.BFloat16Storage"] = 2,
        ["torch.LongStorage"] = 8, ["torch.IntStorage"] = 4, ["torch.ShortStorage"] = 2, ["torch.CharStorage"] = 1,
        ["torch.ByteStorage"] = 1, ["torch.BoolStorage"] = 1, ["torch.ComplexFloatStorage"] = 8, ["torch.ComplexDoubleStorage"] = 16,
        ["torch.QInt8Storage"] = 1, ["torch.QUInt8Storage"] = 1, ["torch.QInt32Storage"] = 4, ["torch.QUInt4x2Storage"] = 1,
        ["torch.storage.UntypedStorage"] = 1, ["torch.UntypedStorage"] = 1,
    };

    private enum Kind
    {
        Pickle,
        Numpy,
        KerasConfig,
        SkopsSchema,
        Bytes,
    }

    public static void Inspect(Stream stream, InspectionWork work)
    {
        var members = ZipArchiveReader.Read(stream, work.Findings);
        var records = members.Where(m => m.Name == "data.pkl" || m.Name.EndsWith("/data.pkl", StringComparison.Ordinal)).ToList();
        var torch = records.Count > 0;
        var torchScript = torch && TorchScriptArchive.IsTorchScript(members);
        var byName = members.Where(m => !m.Hidden).GroupBy(m => m.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var kinds = members.Select(m => (Member: m, Kind: KindOf(stream, m, torch))).ToList();
        work.Metadata["format"] = torchScript ? "torchscript" : torch ? "pytorch-zip"
            : byName.ContainsKey("config.json") ? "keras"
            : byName.ContainsKey("schema.json") ? "skops"
            : kinds.Count > 0 && kinds.All(k => k.Kind == Kind.Numpy) ? "npz"
            : "zip";

        if (records.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count() > 1 || records.Count != records.Select(r => r.Name).Distinct(StringComparer.Ordinal).Count())
        {
            work.Add(BuildRules.UnscannableContainer, $"the archive holds {records.Count} data.pkl records ({string.Join(", ", records.Select(r => r.Name))}): which one torch.load reads is not the one a reader may expect");
        }

        foreach (var member in members.Where(m => UnsafeName(m.Name)))
        {
            work.Add(BuildRules.UnscannableContainer, "the member name is absolute or climbs out of the archive with '..': extracting it writes outside the target folder", member.Name);
        }

        // TorchScript's code is judged first: the classes it defines are what its pickles may name.
        var loaderGlobals = torchScript ? TorchScriptArchive.Inspect(stream, members, records[0].Name[..^"data.pkl".Length], work) : null;

        foreach (var (member, kind) in kinds)
        {
            if ((member.Flags & 1) != 0 || ZipArchiveReader.Open(stream, member, work.Findings) is not { } content)
            {
                continue;
            }

            using (content)
            {
                try
                {
                    InspectMember(member, kind, content, records, byName, loaderGlobals, work);
                }
                catch (InvalidDataException e)
                {
                    // One damaged member costs that member its scan (never safe), not the rest of the archive.
                    work.Add(BuildRules.UnscannableContainer, $"the member cannot be read: {e.Message}", member.Name);
                }
            }
        }
    }

    private static void InspectMember(ZipMember member, Kind? kind, Stream content, List<ZipMember> records, Dictionary<string, ZipMember> byName, Func<string, bool>? loaderGlobals, InspectionWork work)
    {
        switch (kind)
        {
            case Kind.Pickle:
                var constants = member.Name == "constants.pkl" || member.Name.EndsWith("/constants.pkl", StringComparison.Ordinal);
                var isRecord = records.Contains(member) || constants;
                var scan = PickleScanner.Scan(content, member.UncompressedSize, member.Name, persistentIds: isRecord, loaderGlobals);
                work.Findings.AddRange(scan.Findings);
                if (isRecord)
                {
                    // torch.jit.save keeps data.pkl's tensors under data/ and constants.pkl's under constants/.
                    var folder = member.Name[..(member.Name.LastIndexOf('/') + 1)];
                    CheckStorages(scan, folder + (constants ? "constants/" : "data/"), byName, member.Name, work);
                }

                if (loaderGlobals is not null && records.Contains(member))
                {
                    TorchScriptArchive.CheckModule(scan, member.Name, work);
                }

                break;
            case Kind.Numpy:
                NumpyHeader.Inspect(content, member.Name, work);
                break;
            case Kind.KerasConfig:
                KerasInspector.InspectConfig(content, member.Name, work);
                break;
            case Kind.SkopsSchema:
                SkopsSchema.Inspect(content, member.Name, work);
                break;
            case Kind.Bytes:
                KerasInspector.InspectBytes(content, member.Name, work, fileOps: member.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase));
                break;
        }
    }

    private static Kind? KindOf(Stream stream, ZipMember member, bool torch)
    {
        // TorchScript's code/*.py.debug_pkl source maps are pickles too.
        if (member.Name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase) || member.Name.EndsWith(".debug_pkl", StringComparison.Ordinal))
        {
            return Kind.Pickle;
        }

        if (torch)
        {
            // torch.load reads the pickles and treats data/ records as raw bytes.
            return null;
        }

        if (member.Name == "config.json")
        {
            return Kind.KerasConfig;
        }

        if (member.Name == "schema.json")
        {
            return Kind.SkopsSchema;
        }

        if (member.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase) || member.Name.EndsWith(".h5", StringComparison.OrdinalIgnoreCase))
        {
            return Kind.Bytes;
        }

        // numpy.load of an .npz reads every member that starts with the NumPy magic as an array, whatever its name.
        if ((member.Flags & 1) == 0 && member.UncompressedSize >= NumpyMagic.Length)
        {
            // Findings of this peek repeat when the member is opened for its scan, which reports them.
            var findings = new List<InspectionFinding>();
            using var content = ZipArchiveReader.Open(stream, member, findings);
            var head = new byte[NumpyMagic.Length];
            try
            {
                if (content is not null && content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length && head.AsSpan().SequenceEqual(NumpyMagic))
                {
                    return Kind.Numpy;
                }
            }
            catch (InvalidDataException)
            {
                // Damaged from its first bytes: judged as an array, so the scan reports it instead of skipping it.
                return Kind.Numpy;
            }
        }

        return member.Name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? Kind.Numpy : null;
    }

    /// <summary>Bytes per element of a torch storage type (torch.FloatStorage → 4), or null when unknown.</summary>
    public static int? ElementSize(string? storageType) =>
        storageType is not null && StorageElementSizes.TryGetValue(storageType, out var size) ? size : null;

    private static bool UnsafeName(string name) =>
        name.StartsWith('/') || name.StartsWith('\\') || (name.Length > 1 && name[1] == ':') || name.Replace('\\', '/').Split('/').Contains("..");

    /// <summary>
    /// Every storage a pickle references must exist as a record big enough for its declared elements, and every tensor
    /// rebuilt from it must stay inside it: offset + Σ (size − 1) × stride + 1 ≤ elements (the CVE-2026-24747 class).
    /// </summary>
    private static void CheckStorages(PickleScan scan, string folder, IReadOnlyDictionary<string, ZipMember> byName, string member, InspectionWork work)
    {
        var elements = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var storage in scan.Storages)
        {
            var record = folder + storage.Key;
            if (!byName.TryGetValue(record, out var data))
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"storage '{storage.Key}' names the record '{record}', which the archive does not hold", member, storage.Offset);
                continue;
            }

            if (ElementSize(storage.StorageType) is not { } size)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"storage '{storage.Key}' has type {storage.StorageType ?? "(not a literal)"}, whose element size is unknown, so its bounds cannot be checked", member, storage.Offset, level: DiagnosticLevel.Warning);
                continue;
            }

            if (storage.Elements < 0 || storage.Elements > data.UncompressedSize / size)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"storage '{storage.Key}' declares {storage.Elements:N0} elements of {size} bytes, but its record holds {data.UncompressedSize:N0} bytes", member, storage.Offset);
                continue;
            }

            if (elements.TryGetValue(storage.Key, out var known) && known != storage.Elements)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"storage '{storage.Key}' is declared with {known:N0} and with {storage.Elements:N0} elements", member, storage.Offset);
                elements[storage.Key] = Math.Min(known, storage.Elements);
            }
            else
            {
                elements[storage.Key] = storage.Elements;
            }
        }

        foreach (var rebuild in scan.Rebuilds)
        {
            if (!elements.TryGetValue(rebuild.StorageKey, out var available))
            {
                continue;
            }

            if (rebuild is not { StorageOffset: { } offset, Size: { } shape, Stride: { } stride })
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"a tensor on storage '{rebuild.StorageKey}' has an offset, size or stride that is not a literal, so its bounds cannot be checked", member, rebuild.Offset, level: DiagnosticLevel.Warning);
                continue;
            }

            if (Extent(offset, shape, stride) is not { } extent)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"a tensor on storage '{rebuild.StorageKey}' has a negative or overflowing offset, size or stride, or {shape.Count} sizes for {stride.Count} strides", member, rebuild.Offset);
            }
            else if (extent > available)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"a tensor reads storage '{rebuild.StorageKey}' up to element {extent:N0}, past its {available:N0} elements (offset {offset}, size [{string.Join(", ", shape)}], stride [{string.Join(", ", stride)}])", member, rebuild.Offset);
            }
        }
    }

    private static long? Extent(long offset, IReadOnlyList<long> shape, IReadOnlyList<long> stride)
    {
        if (offset < 0 || shape.Count != stride.Count || shape.Any(s => s < 0) || stride.Any(s => s < 0))
        {
            return null;
        }

        if (shape.Any(s => s == 0))
        {
            return 0;
        }

        try
        {
            var last = offset;
            for (var i = 0; i < shape.Count; i++)
            {
                last = checked(last + ((shape[i] - 1) * stride[i]));
            }

            return checked(last + 1);
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
