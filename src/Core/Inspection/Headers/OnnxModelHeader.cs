using Google.Protobuf;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Walks an ONNX ModelProto (onnx.proto field numbers) with the protobuf wire reader: IR version, producer, opsets,
/// metadata_props, parameter count, and the external data of every TensorProto — initializers, sparse initializers,
/// Constant-node and other tensor attributes, subgraphs, functions and training graphs — which must be a regular file
/// inside the model's folder, reached through no symlink and with no other hard link; each one is hashed as a part.
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
        var external = new ExternalData(Path.GetDirectoryName(Path.GetFullPath(path))!, work);
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
                        parameters += Graph(input.ReadBytes(), external, 0);
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
                    case 20: // training_info: initialization (1) and algorithm (2) graphs
                        Fields(input.ReadBytes(), (field, bytes) => field is 1 or 2 ? Graph(bytes, external, 1) : 0);
                        break;
                    case 25: // functions: their nodes' attributes can hold tensors too
                        Fields(input.ReadBytes(), (field, bytes) => field == 7 ? Node(bytes, external, 1) : 0);
                        break;
                    default:
                        input.SkipLastField();
                        break;
                }
            }
        }
        catch (InvalidProtocolBufferException e)
        {
            work.Add(BuildRules.UnscannableContainer, $"the ONNX protobuf is malformed: {e.Message}");
        }

        work.Metadata["format"] = "onnx";
        work.Metadata["parameter_count"] = parameters.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (opsets.Count > 0)
        {
            work.Metadata["onnx.opset"] = string.Join(";", opsets);
        }
    }

    /// <summary>A graph: nodes (1), initializers (5, counted as parameters) and sparse initializers (15).</summary>
    private static long Graph(ByteString bytes, ExternalData external, int depth) => depth > MaxDepth ? external.TooDeep(MaxDepth) : Fields(bytes, (field, value) => field switch
    {
        1 => Node(value, external, depth),
        5 => Tensor(value, "initializer", external),
        15 => Sparse(value, "sparse initializer", external),
        _ => 0,
    });

    /// <summary>A node's attributes (5): t (5), g (6), tensors (10), graphs (11), sparse_tensor (22), sparse_tensors (23).</summary>
    private static long Node(ByteString node, ExternalData external, int depth) =>
        Fields(node, (field, attribute) => field == 5 ? Fields(attribute, (kind, value) => Attribute(kind, value, external, depth)) : 0);

    /// <summary>Subgraph initializers count as parameters; attribute tensors (Constant values) are checked, not counted.</summary>
    private static long Attribute(int kind, ByteString value, ExternalData external, int depth)
    {
        switch (kind)
        {
            case 5 or 10:
                Tensor(value, "attribute tensor", external);
                return 0;
            case 22 or 23:
                Sparse(value, "sparse attribute tensor", external);
                return 0;
            case 6 or 11:
                return Graph(value, external, depth + 1);
            default:
                return 0;
        }
    }

    /// <summary>A SparseTensorProto's values (1) and indices (2): checked, not counted as parameters.</summary>
    private static long Sparse(ByteString sparse, string role, ExternalData external)
    {
        Fields(sparse, (field, tensor) => field is 1 or 2 ? Tensor(tensor, role, external) : 0);
        return 0;
    }

    /// <summary>Calls <paramref name="visit"/> for every length-delimited field and sums what it returns.</summary>
    private static long Fields(ByteString bytes, Func<int, ByteString, long> visit)
    {
        long total = 0;
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                total += visit(WireFormat.GetTagFieldNumber(tag), input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        }

        return total;
    }

    /// <summary>A TensorProto: its element count, and its external data (13) checked wherever the tensor sits.</summary>
    private static long Tensor(ByteString tensor, string role, ExternalData external)
    {
        long elements = 1;
        string? name = null;
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
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
                    entries[key] = value;
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        if (entries.TryGetValue("location", out var location))
        {
            external.Check($"{role} '{name}'", location, entries);
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
