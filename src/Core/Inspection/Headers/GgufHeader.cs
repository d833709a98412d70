using System.Globalization;
using System.Text;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Reads a GGUF header (versions 2 and 3) as ggml's gguf_init reads it: every count × size checked for overflow and
/// against what remains of the file, the alignment a power of two, each tensor 1–4 dimensions of a known type whose
/// row length fits its block size, its offset aligned and offset + bytes(type, shape) inside the data section, no two
/// tensors overlapping or sharing a name. <c>general.*</c> metadata, the parameter count and the chat template (hashed
/// and scanned for sandbox escapes) are collected.
/// </summary>
internal static class GgufHeader
{
    private const int MaxStringLength = 1 << 24;
    private const int MaxNameLength = 64;
    private const int MaxDimensions = 4;
    private const int DefaultAlignment = 32;

    // ggml type → (block size in elements, bytes per block), from ggml's type traits.
    private static readonly Dictionary<uint, (int Block, int Bytes)> Types = new()
    {
        [0] = (1, 4), [1] = (1, 2), [2] = (32, 18), [3] = (32, 20), [6] = (32, 22), [7] = (32, 24), [8] = (32, 34), [9] = (32, 36),
        [10] = (256, 84), [11] = (256, 110), [12] = (256, 144), [13] = (256, 176), [14] = (256, 210), [15] = (256, 292),
        [16] = (256, 66), [17] = (256, 74), [18] = (256, 98), [19] = (256, 50), [20] = (32, 18), [21] = (256, 110), [22] = (256, 82),
        [23] = (256, 136), [24] = (1, 1), [25] = (1, 2), [26] = (1, 4), [27] = (1, 8), [28] = (1, 8), [29] = (256, 56), [30] = (1, 2),
        [34] = (256, 54), [35] = (256, 66), [39] = (32, 17),
    };

    // Smallest encoding of a value of each type, so an array's count is checked against the bytes left.
    private static readonly Dictionary<uint, int> MinimumSizes = new()
    {
        [0] = 1, [1] = 1, [2] = 2, [3] = 2, [4] = 4, [5] = 4, [6] = 4, [7] = 1, [8] = 8, [9] = 12, [10] = 8, [11] = 8, [12] = 8,
    };

    public static void Inspect(Stream stream, InspectionWork work)
    {
        work.Metadata["format"] = "gguf";
        stream.Position = 4;
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var version = reader.ReadUInt32();
            work.Metadata["gguf.version"] = version.ToString(CultureInfo.InvariantCulture);
            if (version is < 2 or > 3)
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"GGUF version {version} is not supported (2 or 3)");
                return;
            }

            var tensorCount = reader.ReadUInt64();
            var kvCount = reader.ReadUInt64();

            // Each key/value takes at least 13 bytes and each tensor description at least 24: counts beyond that are forged.
            if (tensorCount > (ulong)(stream.Length / 24) || kvCount > (ulong)(stream.Length / 13))
            {
                work.Add(BuildRules.InconsistentTensorLayout, $"the header declares {tensorCount:N0} tensors and {kvCount:N0} keys, more than a {stream.Length:N0}-byte file can hold");
                return;
            }

            long alignment = DefaultAlignment;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            for (ulong i = 0; i < kvCount; i++)
            {
                var key = ReadString(reader, stream);
                if (!keys.Add(key))
                {
                    throw new InvalidDataException($"the key '{key}' appears twice (gguf refuses duplicate keys)");
                }

                var type = reader.ReadUInt32();
                var value = ReadValue(reader, stream, type, depth: 0);
                if (key == "general.alignment")
                {
                    alignment = type == 4 && long.TryParse(value, CultureInfo.InvariantCulture, out var a) && a > 0 && (a & (a - 1)) == 0
                        ? a
                        : throw new InvalidDataException($"general.alignment '{value}' is not a power-of-two uint32");
                }

                if (key == "tokenizer.chat_template" || key.StartsWith("tokenizer.chat_template.", StringComparison.Ordinal))
                {
                    if (type != 8 || value is null)
                    {
                        throw new InvalidDataException($"{key} is not a string");
                    }

                    ChatTemplate.Inspect(value, key, null, work);
                }

                if (key.StartsWith("general.", StringComparison.Ordinal) && value is not null)
                {
                    work.Metadata["gguf." + key] = value;
                    switch (key)
                    {
                        case "general.architecture": work.Metadata["architecture"] = value; break;
                        case "general.license": work.Metadata["license"] = value; break;
                        case "general.name": work.Metadata["name"] = value; break;
                    }
                }
            }

            var tensors = new List<(string Name, long Offset, long Bytes)>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            long parameters = 0;
            for (ulong i = 0; i < tensorCount; i++)
            {
                var name = ReadString(reader, stream);
                if (Encoding.UTF8.GetByteCount(name) >= MaxNameLength || !names.Add(name))
                {
                    throw new InvalidDataException($"tensor {i} has a name longer than {MaxNameLength - 1} bytes or used twice");
                }

                var dimensions = reader.ReadUInt32();
                if (dimensions is 0 or > MaxDimensions)
                {
                    throw new InvalidDataException($"tensor '{name}' has {dimensions} dimensions (ggml allows 1 to {MaxDimensions})");
                }

                var shape = new long[dimensions];
                for (var d = 0; d < dimensions; d++)
                {
                    var extent = reader.ReadUInt64();
                    shape[d] = extent <= long.MaxValue ? (long)extent : throw new InvalidDataException($"tensor '{name}' has a dimension of {extent:N0}");
                }

                var type = reader.ReadUInt32();
                if (!Types.TryGetValue(type, out var traits))
                {
                    throw new InvalidDataException($"tensor '{name}' has unknown ggml type {type}");
                }

                var offset = reader.ReadUInt64();
                if (offset > long.MaxValue || (long)offset % alignment != 0)
                {
                    throw new InvalidDataException($"tensor '{name}' starts at {offset:N0}, which is not a multiple of the {alignment}-byte alignment");
                }

                if (shape[0] % traits.Block != 0)
                {
                    throw new InvalidDataException($"tensor '{name}' has rows of {shape[0]:N0} elements, not a multiple of its type's block of {traits.Block}");
                }

                // Overflow-checked: elements and bytes of type × shape.
                var elements = shape.Aggregate(1L, (product, extent) => checked(product * extent));
                var bytes = checked(shape.Skip(1).Aggregate(shape[0] / traits.Block * traits.Bytes, (product, extent) => checked(product * extent)));
                parameters = checked(parameters + elements);
                tensors.Add((name, (long)offset, bytes));
            }

            var dataStart = checked((stream.Position + alignment - 1) / alignment * alignment);
            var dataLength = stream.Length - dataStart;
            foreach (var (name, offset, bytes) in tensors)
            {
                if (checked(offset + bytes) > dataLength)
                {
                    throw new InvalidDataException($"tensor '{name}' needs bytes {offset:N0}–{offset + bytes:N0} of the data section, which holds {Math.Max(0, dataLength):N0}");
                }
            }

            var sorted = tensors.OrderBy(t => t.Offset).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                if (sorted[i].Offset < sorted[i - 1].Offset + sorted[i - 1].Bytes)
                {
                    work.Add(BuildRules.InconsistentTensorLayout, $"tensors '{sorted[i - 1].Name}' and '{sorted[i].Name}' overlap");
                }
            }

            work.Metadata["parameter_count"] = parameters.ToString(CultureInfo.InvariantCulture);
            work.Metadata["tensor_count"] = tensorCount.ToString(CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or OverflowException)
        {
            work.Add(BuildRules.InconsistentTensorLayout, e switch
            {
                EndOfStreamException => "the header runs past the end of the file",
                OverflowException => "a tensor's size overflows 64 bits",
                _ => e.Message,
            });
        }
    }

    private static string ReadString(BinaryReader reader, Stream stream)
    {
        var length = reader.ReadUInt64();
        if (length > MaxStringLength || (long)length > stream.Length - stream.Position)
        {
            throw new InvalidDataException($"a string of {length:N0} bytes does not fit in the file");
        }

        return Encoding.UTF8.GetString(reader.ReadBytes((int)length));
    }

    /// <summary>The value as text for scalars and strings; arrays are skipped (their element count is bounded too).</summary>
    private static string? ReadValue(BinaryReader reader, Stream stream, uint type, int depth)
    {
        switch (type)
        {
            case 0: return reader.ReadByte().ToString(CultureInfo.InvariantCulture);
            case 1: return reader.ReadSByte().ToString(CultureInfo.InvariantCulture);
            case 2: return reader.ReadUInt16().ToString(CultureInfo.InvariantCulture);
            case 3: return reader.ReadInt16().ToString(CultureInfo.InvariantCulture);
            case 4: return reader.ReadUInt32().ToString(CultureInfo.InvariantCulture);
            case 5: return reader.ReadInt32().ToString(CultureInfo.InvariantCulture);
            case 6: return reader.ReadSingle().ToString(CultureInfo.InvariantCulture);
            case 7: return reader.ReadByte() switch { 0 => "false", 1 => "true", var b => throw new InvalidDataException($"a bool with the value {b}") };
            case 8: return ReadString(reader, stream);
            case 10: return reader.ReadUInt64().ToString(CultureInfo.InvariantCulture);
            case 11: return reader.ReadInt64().ToString(CultureInfo.InvariantCulture);
            case 12: return reader.ReadDouble().ToString(CultureInfo.InvariantCulture);
            case 9 when depth < 4:
                var elementType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                if (!MinimumSizes.TryGetValue(elementType, out var minimum))
                {
                    throw new InvalidDataException($"an array of unknown value type {elementType}");
                }

                if (count > (ulong)(stream.Length - stream.Position) / (ulong)minimum)
                {
                    throw new InvalidDataException($"an array of {count:N0} elements does not fit in the file");
                }

                if (elementType is not (8 or 9) && count > 0)
                {
                    // Fixed-size elements: skip them in one step, after the bounds check above.
                    stream.Position += (long)count * minimum;
                    return null;
                }

                for (ulong i = 0; i < count; i++)
                {
                    ReadValue(reader, stream, elementType, depth + 1);
                }

                return null;
            default:
                throw new InvalidDataException($"unknown value type {type}");
        }
    }
}
