using System.Buffers.Binary;
using System.Text.Json;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Checks a safetensors header against the file: header length bounds, every tensor's dtype × shape against its
/// offsets, offsets inside the data, no overlap; reads <c>__metadata__</c> and the parameter count.
/// </summary>
internal static class SafetensorsHeader
{
    private const long MaxHeaderLength = 100 * 1024 * 1024;

    private static readonly Dictionary<string, int> DtypeSizes = new(StringComparer.Ordinal)
    {
        ["BOOL"] = 1, ["U8"] = 1, ["I8"] = 1, ["F8_E4M3"] = 1, ["F8_E5M2"] = 1, ["F8_E8M0"] = 1, ["I16"] = 2, ["U16"] = 2, ["F16"] = 2, ["BF16"] = 2,
        ["I32"] = 4, ["U32"] = 4, ["F32"] = 4, ["I64"] = 8, ["U64"] = 8, ["F64"] = 8, ["C64"] = 8,
    };

    public static void Inspect(Stream stream, InspectionWork work)
    {
        work.Metadata["format"] = "safetensors";
        var prefix = new byte[8];
        stream.Position = 0;
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            work.Add(BuildRules.InconsistentTensorLayout, "the file is shorter than the 8-byte header length");
            return;
        }

        var headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength > (ulong)Math.Min(MaxHeaderLength, stream.Length - 8))
        {
            work.Add(BuildRules.InconsistentTensorLayout, $"the header claims {headerLength:N0} bytes; the file has {stream.Length - 8:N0} after the length (limit 100 MB)");
            return;
        }

        var header = new byte[headerLength];
        stream.ReadExactly(header);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            work.Add(BuildRules.InconsistentTensorLayout, $"the header is not valid JSON: {e.Message}");
            return;
        }

        using (document)
        {
            var dataLength = stream.Length - 8 - (long)headerLength;
            var ranges = new List<(long Begin, long End, string Name)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            long parameters = 0;
            foreach (var tensor in document.RootElement.EnumerateObject())
            {
                if (!names.Add(tensor.Name))
                {
                    work.Add(BuildRules.InconsistentTensorLayout, $"'{tensor.Name}' appears twice in the header: readers disagree about which entry counts");
                    continue;
                }

                if (tensor.Name == "__metadata__")
                {
                    Metadata(tensor.Value, work);
                    continue;
                }

                var problem = Check(tensor, dataLength, out var begin, out var end, out var elements);
                if (problem is not null)
                {
                    work.Add(BuildRules.InconsistentTensorLayout, $"tensor '{tensor.Name}': {problem}");
                    continue;
                }

                parameters += elements;
                ranges.Add((begin, end, tensor.Name));
            }

            // The safetensors loader requires the tensors to tile the data exactly: no overlap, no gap, nothing after.
            var sorted = ranges.OrderBy(r => r.Begin).ThenBy(r => r.End).ToList();
            long expected = 0;
            var previous = "the start of the data";
            foreach (var (begin, end, name) in sorted)
            {
                if (begin < expected)
                {
                    work.Add(BuildRules.InconsistentTensorLayout, $"tensors '{previous}' and '{name}' overlap");
                }
                else if (begin > expected)
                {
                    work.Add(BuildRules.InconsistentTensorLayout, $"{begin - expected:N0} bytes between {(previous.StartsWith("the ", StringComparison.Ordinal) ? previous : $"'{previous}'")} and '{name}' belong to no tensor (the loader refuses gaps)");
                }

                expected = Math.Max(expected, end);
                previous = name;
            }

            if (ranges.Count == names.Count - (names.Contains("__metadata__") ? 1 : 0) && expected < dataLength)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"{dataLength - expected:N0} bytes follow the last tensor and belong to none (the loader refuses them; data can hide there)");
            }

            work.Metadata["parameter_count"] = parameters.ToString(System.Globalization.CultureInfo.InvariantCulture);
            work.Metadata["tensor_count"] = ranges.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>__metadata__ must be an object of strings (the format's Dict[str, str]); anything else is refused.</summary>
    private static void Metadata(JsonElement metadata, InspectionWork work)
    {
        if (metadata.ValueKind != JsonValueKind.Object)
        {
            work.Add(BuildRules.InconsistentTensorLayout, $"__metadata__ is a JSON {metadata.ValueKind.ToString().ToLowerInvariant()}, not an object of strings");
            return;
        }

        foreach (var entry in metadata.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"__metadata__ '{entry.Name}' is a JSON {entry.Value.ValueKind.ToString().ToLowerInvariant()}, not a string");
                continue;
            }

            work.Metadata["safetensors.metadata." + entry.Name] = entry.Value.GetString()!;
            if (entry.Name.Equals("license", StringComparison.OrdinalIgnoreCase))
            {
                work.Metadata["license"] = entry.Value.GetString()!;
            }
        }
    }

    private static string? Check(JsonProperty tensor, long dataLength, out long begin, out long end, out long elements)
    {
        begin = end = elements = 0;
        if (tensor.Value.ValueKind != JsonValueKind.Object
            || !tensor.Value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
            || !tensor.Value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array
            || !tensor.Value.TryGetProperty("data_offsets", out var offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            return "needs dtype, shape and two data_offsets";
        }

        if (!DtypeSizes.TryGetValue(dtype.GetString()!, out var size))
        {
            return $"unknown dtype '{dtype.GetString()}'";
        }

        elements = 1;
        long bytes = size;
        foreach (var dimension in shape.EnumerateArray())
        {
            if (!dimension.TryGetInt64(out var d) || d < 0)
            {
                return "shape has an invalid dimension";
            }

            try
            {
                elements = checked(elements * d);
                bytes = checked(bytes * d);
            }
            catch (OverflowException)
            {
                return "shape × dtype size overflows 64 bits";
            }
        }

        if (!offsets[0].TryGetInt64(out begin) || !offsets[1].TryGetInt64(out end) || begin < 0 || end < begin)
        {
            return "data_offsets are not an ordered pair of offsets";
        }

        if (end > dataLength)
        {
            return $"data ends at {end:N0}, past the {dataLength:N0} bytes of data";
        }

        return end - begin != bytes ? $"{dtype.GetString()} × [{string.Join(", ", shape.EnumerateArray())}] needs {bytes:N0} bytes, offsets give {end - begin:N0}" : null;
    }
}
