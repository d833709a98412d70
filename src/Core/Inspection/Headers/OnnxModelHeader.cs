using Google.Protobuf;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Walks an ONNX ModelProto (onnx.proto field numbers) with the protobuf wire reader: IR version, producer, opsets,
/// metadata_props, parameter count, and every external-data location, which must stay inside the model's folder.
/// </summary>
internal static class OnnxModelHeader
{
    private const int MaxDepth = 8;

    public static bool LooksLikeOnnx(Stream stream)
    {
        try
        {
            stream.Position = 0;
            var input = new CodedInputStream(stream, leaveOpen: true);
            var sawGraph = false;
            var sawIrVersion = false;
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                var field = WireFormat.GetTagFieldNumber(tag);
                if (field == 1 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
                {
                    sawIrVersion = input.ReadInt64() is > 0 and < 100;
                    continue;
                }

                sawGraph |= field == 7 && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
                input.SkipLastField();
            }

            return sawIrVersion && sawGraph;
        }
        catch (InvalidProtocolBufferException)
        {
            return false;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    public static void Inspect(Stream stream, string path, InspectionWork work)
    {
        var opsets = new List<string>();
        long parameters = 0;
        try
        {
            var input = new CodedInputStream(stream, leaveOpen: true);
            uint tag;
            while ((tag = input.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(tag))
                {
                    case 1:
                        work.Metadata["onnx.ir_version"] = input.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                        break;
                    case 2:
                        work.Metadata["producer"] = input.ReadString();
                        break;
                    case 3:
                        work.Metadata["producer_version"] = input.ReadString();
                        break;
                    case 7:
                        parameters += Graph(input.ReadBytes(), work, 0);
                        break;
                    case 8:
                        opsets.Add(OperatorSet(input.ReadBytes()));
                        break;
                    case 14:
                        var (key, value) = StringPair(input.ReadBytes());
                        work.Metadata["onnx.metadata." + key] = value;
                        if (key.Equals("license", StringComparison.OrdinalIgnoreCase))
                        {
                            work.Metadata["license"] = value;
                        }

                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            work.Add("OM4004", DiagnosticLevel.Warning, $"the ONNX protobuf is malformed: {e.Message}");
        }

        work.Metadata["format"] = "onnx";
        work.Metadata["parameter_count"] = parameters.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (opsets.Count > 0)
        {
            work.Metadata["onnx.opset"] = string.Join(";", opsets);
        }
    }

    private static long Graph(ByteString bytes, InspectionWork work, int depth)
    {
        long parameters = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when depth < MaxDepth:
                    parameters += NodeSubgraphs(input.ReadBytes(), work, depth);
                    break;
                case 5:
                    parameters += Initializer(input.ReadBytes(), work);
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return parameters;
    }

    // If, Loop and Scan nodes carry subgraphs in their attributes, with initializers of their own.
    private static long NodeSubgraphs(ByteString node, InspectionWork work, int depth)
    {
        long parameters = 0;
        var input = node.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) != 5)
            {
                input.SkipLastField();
                continue;
            }

            var attribute = input.ReadBytes().CreateCodedInput();
            uint attributeTag;
            while ((attributeTag = attribute.ReadTag()) != 0)
            {
                if (WireFormat.GetTagFieldNumber(attributeTag) is 6 or 11 && WireFormat.GetTagWireType(attributeTag) == WireFormat.WireType.LengthDelimited)
                {
                    parameters += Graph(attribute.ReadBytes(), work, depth + 1);
                }
                else
                {
                    attribute.SkipLastField();
                }
            }
        }

        return parameters;
    }

    private static long Initializer(ByteString tensor, InspectionWork work)
    {
        long elements = 1;
        string? name = null;
        var input = tensor.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    var packed = input.ReadBytes().CreateCodedInput();
                    while (!packed.IsAtEnd)
                    {
                        elements *= Math.Max(0, packed.ReadInt64());
                    }

                    break;
                case 1:
                    elements *= Math.Max(0, input.ReadInt64());
                    break;
                case 8:
                    name = input.ReadString();
                    break;
                case 13:
                    var (key, value) = StringPair(input.ReadBytes());
                    if (key == "location" && (Path.IsPathRooted(value) || value.Replace('\\', '/').Split('/').Contains("..") || value.Contains(':')))
                    {
                        work.Add("OM4007", DiagnosticLevel.Error, $"initializer '{name}' keeps its data at '{value}', outside the model's folder");
                    }

                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return elements;
    }

    private static string OperatorSet(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var domain = string.Empty;
        long version = 0;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: domain = input.ReadString(); break;
                case 2: version = input.ReadInt64(); break;
                default: input.SkipLastField(); break;
            }
        }

        return $"{(domain.Length == 0 ? "ai.onnx" : domain)}:{version}";
    }

    private static (string Key, string Value) StringPair(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string key = string.Empty, value = string.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: key = input.ReadString(); break;
                case 2: value = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }

        return (key, value);
    }
}
