using Google.Protobuf;

namespace SentimentService.Trainer;

/// <summary>
/// Writes a logistic-regression ONNX model (MatMul → Add → Sigmoid, opset 13) as protobuf, field by field from
/// onnx.proto, so the sample needs neither Python nor a model hub.
/// </summary>
public static class OnnxModelWriter
{
    private const int FloatType = 1;

    public static byte[] Write(float[] weights, float bias, IReadOnlyDictionary<string, string> metadata)
    {
        var graph = Message(g =>
        {
            g.Bytes(1, Node("MatMul", new[] { "features", "weights" }, "logit_raw"));
            g.Bytes(1, Node("Add", new[] { "logit_raw", "bias" }, "logit"));
            g.Bytes(1, Node("Sigmoid", new[] { "logit" }, "probability"));
            g.String(2, "sentiment");
            g.Bytes(5, Tensor("weights", new long[] { weights.Length, 1 }, weights));
            g.Bytes(5, Tensor("bias", new long[] { 1 }, new[] { bias }));
            g.Bytes(11, ValueInfo("features", weights.Length));
            g.Bytes(12, ValueInfo("probability", 1));
        });

        return Message(m =>
        {
            m.Int64(1, 8); // ir_version
            m.String(2, "OpenModel.Samples.Trainer");
            m.String(3, "1.0.0");
            m.Int64(5, 1);
            m.String(6, "Bag-of-words logistic regression for English product-review sentiment.");
            m.Bytes(7, graph);
            m.Bytes(8, Message(o => { o.String(1, string.Empty); o.Int64(2, 13); }));
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                m.Bytes(14, Message(e => { e.String(1, key); e.String(2, value); }));
            }
        });
    }

    private static byte[] Node(string opType, string[] inputs, string output) => Message(n =>
    {
        foreach (var input in inputs)
        {
            n.String(1, input);
        }

        n.String(2, output);
        n.String(3, opType.ToLowerInvariant());
        n.String(4, opType);
    });

    private static byte[] Tensor(string name, long[] dims, float[] values) => Message(t =>
    {
        foreach (var dim in dims)
        {
            t.Int64(1, dim);
        }

        t.Int64(2, FloatType);
        t.String(8, name);
        var raw = new byte[values.Length * sizeof(float)];
        Buffer.BlockCopy(values, 0, raw, 0, raw.Length);
        t.Bytes(9, raw);
    });

    // A [1, width] float tensor: ValueInfoProto { name, TypeProto { tensor_type { elem_type, shape } } }.
    private static byte[] ValueInfo(string name, long width) => Message(v =>
    {
        v.String(1, name);
        v.Bytes(2, Message(type => type.Bytes(1, Message(tensor =>
        {
            tensor.Int64(1, FloatType);
            tensor.Bytes(2, Message(shape =>
            {
                shape.Bytes(1, Message(d => d.Int64(1, 1)));
                shape.Bytes(1, Message(d => d.Int64(1, width)));
            }));
        }))));
    });

    private static byte[] Message(Action<FieldWriter> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(new FieldWriter(output));
        output.Flush();
        return buffer.ToArray();
    }

    private sealed class FieldWriter(CodedOutputStream output)
    {
        public void Int64(int field, long value)
        {
            output.WriteTag(field, WireFormat.WireType.Varint);
            output.WriteInt64(value);
        }

        public void String(int field, string value)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteString(value);
        }

        public void Bytes(int field, byte[] value)
        {
            output.WriteTag(field, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(value));
        }
    }
}
