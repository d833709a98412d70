using System.Text;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Reads a GGUF header (versions 2 and 3): key/value and tensor counts checked against the file size, every length
/// bounded by what remains, <c>general.*</c> metadata (architecture, name, licence) and the parameter count.
/// </summary>
internal static class GgufHeader
{
    private const int MaxStringLength = 1 << 20;

    public static void Inspect(Stream stream, InspectionWork work)
    {
        work.Metadata["format"] = "gguf";
        stream.Position = 4;
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            var version = reader.ReadUInt32();
            work.Metadata["gguf.version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (version is < 2 or > 3)
            {
                work.Add("OM4008", DiagnosticLevel.Error, $"GGUF version {version} is not supported (2 or 3)");
                return;
            }

            var tensorCount = reader.ReadUInt64();
            var kvCount = reader.ReadUInt64();

            // Each key/value takes at least 13 bytes and each tensor description at least 24: counts beyond that are forged.
            if (tensorCount > (ulong)(stream.Length / 24) || kvCount > (ulong)(stream.Length / 13))
            {
                work.Add("OM4008", DiagnosticLevel.Error, $"the header declares {tensorCount:N0} tensors and {kvCount:N0} keys, more than a {stream.Length:N0}-byte file can hold");
                return;
            }

            for (ulong i = 0; i < kvCount; i++)
            {
                var key = ReadString(reader, stream);
                var value = ReadValue(reader, stream, reader.ReadUInt32(), depth: 0);
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

            long parameters = 0;
            for (ulong i = 0; i < tensorCount; i++)
            {
                ReadString(reader, stream);
                var dimensions = reader.ReadUInt32();
                if (dimensions > 8)
                {
                    throw new InvalidDataException($"tensor {i} has {dimensions} dimensions");
                }

                long elements = 1;
                for (var d = 0; d < dimensions; d++)
                {
                    elements = checked(elements * (long)reader.ReadUInt64());
                }

                reader.ReadUInt32();
                var offset = reader.ReadUInt64();
                if (offset > (ulong)stream.Length)
                {
                    throw new InvalidDataException($"tensor {i} starts at {offset:N0}, past the end of the file");
                }

                parameters = checked(parameters + elements);
            }

            work.Metadata["parameter_count"] = parameters.ToString(System.Globalization.CultureInfo.InvariantCulture);
            work.Metadata["tensor_count"] = tensorCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException or OverflowException)
        {
            work.Add("OM4008", DiagnosticLevel.Error, e is EndOfStreamException ? "the header runs past the end of the file" : e.Message);
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
            case 0: return reader.ReadByte().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 1: return reader.ReadSByte().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 2: return reader.ReadUInt16().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 3: return reader.ReadInt16().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 4: return reader.ReadUInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 5: return reader.ReadInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 6: return reader.ReadSingle().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 7: return reader.ReadBoolean() ? "true" : "false";
            case 8: return ReadString(reader, stream);
            case 10: return reader.ReadUInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 11: return reader.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 12: return reader.ReadDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);
            case 9 when depth < 4:
                var elementType = reader.ReadUInt32();
                var count = reader.ReadUInt64();
                if (count > (ulong)(stream.Length - stream.Position))
                {
                    throw new InvalidDataException($"an array of {count:N0} elements does not fit in the file");
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
