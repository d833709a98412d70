using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Google.Protobuf;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>Small, real model files built by the tests: PyTorch archives, safetensors, GGUF, ONNX, NumPy, Keras.</summary>
internal static class ArtifactFiles
{
    public static byte[] TorchZip(CompressionLevel level = CompressionLevel.NoCompression, params (string Name, byte[] Content)[] extra) =>
        TorchZip(PickleBuilder.StateDict(), level, extra);

    public static byte[] TorchZip(byte[] dataPickle, CompressionLevel level = CompressionLevel.NoCompression, params (string Name, byte[] Content)[] extra)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in new[] { ("archive/data.pkl", dataPickle), ("archive/data/0", new byte[64]), ("archive/data/1", new byte[64]), ("archive/version", "3\n"u8.ToArray()) }.Concat(extra))
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] TorchTar(byte[] pickle) =>
        Tar(TarEntryFormat.Ustar, ("sys_info", new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes), ("pickle", pickle), ("storages", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes));

    /// <summary>A tar archive of the given members (ustar like legacy torch.save, or GNU like Python's tarfile).</summary>
    public static byte[] Tar(TarEntryFormat format, params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, format, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                TarEntry entry = format == TarEntryFormat.Gnu ? new GnuTarEntry(TarEntryType.RegularFile, name) : new UstarTarEntry(TarEntryType.RegularFile, name);
                entry.DataStream = new MemoryStream(content);
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }

    public static byte[] Safetensors(string header, int dataLength)
    {
        var json = Encoding.UTF8.GetBytes(header);
        return [.. BitConverter.GetBytes((ulong)json.Length), .. json, .. new byte[dataLength]];
    }

    public static byte[] Gguf(ulong? forgedKeyCount = null, string license = "mit")
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write(1UL);
        writer.Write(forgedKeyCount ?? 3UL);
        void Text(string text)
        {
            writer.Write((ulong)Encoding.UTF8.GetByteCount(text));
            writer.Write(Encoding.UTF8.GetBytes(text));
        }

        Text("general.architecture"); writer.Write(8u); Text("llama");
        Text("general.license"); writer.Write(8u); Text(license);
        Text("llama.context_length"); writer.Write(4u); writer.Write(2048u);
        Text("w"); writer.Write(2u); writer.Write(4UL); writer.Write(4UL); writer.Write(0u); writer.Write(0UL);
        while (buffer.Length % 32 != 0)
        {
            writer.Write((byte)0);
        }

        writer.Write(new byte[64]);
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>A GGUF v3 file with the given string metadata and tensors (name, dims, ggml type, offset), then the data.</summary>
    public static byte[] GgufWith((string Key, string Value)[] strings, (string Name, ulong[] Dims, uint Type, ulong Offset)[] tensors, int dataBytes, uint? alignment = null)
    {
        using var buffer = new MemoryStream();
        using var writer = new BinaryWriter(buffer);
        void Text(string text)
        {
            writer.Write((ulong)Encoding.UTF8.GetByteCount(text));
            writer.Write(Encoding.UTF8.GetBytes(text));
        }

        writer.Write("GGUF"u8);
        writer.Write(3u);
        writer.Write((ulong)tensors.Length);
        writer.Write((ulong)(strings.Length + (alignment is null ? 0 : 1)));
        foreach (var (key, value) in strings)
        {
            Text(key); writer.Write(8u); Text(value);
        }

        if (alignment is { } a)
        {
            Text("general.alignment"); writer.Write(4u); writer.Write(a);
        }

        foreach (var (name, dims, type, offset) in tensors)
        {
            Text(name);
            writer.Write((uint)dims.Length);
            foreach (var d in dims)
            {
                writer.Write(d);
            }

            writer.Write(type);
            writer.Write(offset);
        }

        while (buffer.Length % (alignment ?? 32) != 0)
        {
            writer.Write((byte)0);
        }

        writer.Write(new byte[dataBytes]);
        writer.Flush();
        return buffer.ToArray();
    }

    /// <summary>An ONNX model with one initializer whose data lives in an external file.</summary>
    public static byte[] OnnxWithExternalData(string location)
    {
        var tensor = Message(t =>
        {
            t.WriteTag(1, WireFormat.WireType.Varint); t.WriteInt64(4);
            t.WriteTag(2, WireFormat.WireType.Varint); t.WriteInt32(1);
            t.WriteTag(8, WireFormat.WireType.LengthDelimited); t.WriteString("W");
            t.WriteTag(13, WireFormat.WireType.LengthDelimited);
            t.WriteBytes(Message(e => { e.WriteTag(1, WireFormat.WireType.LengthDelimited); e.WriteString("location"); e.WriteTag(2, WireFormat.WireType.LengthDelimited); e.WriteString(location); }));
            t.WriteTag(14, WireFormat.WireType.Varint); t.WriteInt32(1);
        });
        var graph = Message(g => { g.WriteTag(5, WireFormat.WireType.LengthDelimited); g.WriteBytes(tensor); });
        return Message(m =>
        {
            m.WriteTag(1, WireFormat.WireType.Varint); m.WriteInt64(8);
            m.WriteTag(7, WireFormat.WireType.LengthDelimited); m.WriteBytes(graph);
        }).ToByteArray();
    }

    /// <summary>A TensorProto named <paramref name="name"/> whose data lives in <paramref name="location"/> (offset/length optional).</summary>
    public static ByteString ExternalTensor(string name, string location, long? offset = null, long? length = null) => Message(t =>
    {
        t.WriteTag(1, WireFormat.WireType.Varint); t.WriteInt64(4);
        t.WriteTag(2, WireFormat.WireType.Varint); t.WriteInt32(1);
        t.WriteTag(8, WireFormat.WireType.LengthDelimited); t.WriteString(name);
        foreach (var (key, value) in new[] { ("location", location), ("offset", offset?.ToString()), ("length", length?.ToString()) })
        {
            if (value is not null)
            {
                t.WriteTag(13, WireFormat.WireType.LengthDelimited);
                t.WriteBytes(Message(e => { e.WriteTag(1, WireFormat.WireType.LengthDelimited); e.WriteString(key); e.WriteTag(2, WireFormat.WireType.LengthDelimited); e.WriteString(value); }));
            }
        }

        t.WriteTag(14, WireFormat.WireType.Varint); t.WriteInt32(1);
    });

    /// <summary>An ONNX model whose graph is built by <paramref name="graph"/>, with optional extra model fields.</summary>
    public static byte[] Onnx(Action<CodedOutputStream> graph, Action<CodedOutputStream>? model = null) => Message(m =>
    {
        m.WriteTag(1, WireFormat.WireType.Varint); m.WriteInt64(8);
        m.WriteTag(7, WireFormat.WireType.LengthDelimited); m.WriteBytes(Message(graph));
        model?.Invoke(m);
    }).ToByteArray();

    /// <summary>A NodeProto (Constant, If…) with one attribute holding a tensor (5), tensors (10) or a sparse tensor (22).</summary>
    public static ByteString NodeWithTensorAttribute(int attributeField, ByteString value) => Message(n =>
    {
        n.WriteTag(4, WireFormat.WireType.LengthDelimited); n.WriteString("Constant");
        n.WriteTag(5, WireFormat.WireType.LengthDelimited);
        n.WriteBytes(Message(a => { a.WriteTag(1, WireFormat.WireType.LengthDelimited); a.WriteString("value"); a.WriteTag(attributeField, WireFormat.WireType.LengthDelimited); a.WriteBytes(value); }));
    });

    /// <summary>A SparseTensorProto whose values are <paramref name="values"/>.</summary>
    public static ByteString SparseTensor(ByteString values) => Message(s => { s.WriteTag(1, WireFormat.WireType.LengthDelimited); s.WriteBytes(values); });

    public static byte[] Npy(string descr, byte[] body) => NpyRaw($"{{'descr': '{descr}', 'fortran_order': False, 'shape': (2,), }}", body);

    /// <summary>A .npy file with the header text exactly as given (any quoting, order, spacing) in format version 1, 2 or 3.</summary>
    public static byte[] NpyRaw(string header, byte[] body, int major = 1)
    {
        var prefix = major == 1 ? 10 : 12;
        header = header.PadRight(((header.Length + prefix + 1) / 64 + 1) * 64 - prefix - 1) + "\n";
        var text = major == 3 ? Encoding.UTF8.GetBytes(header) : Encoding.Latin1.GetBytes(header);
        byte[] length = major == 1 ? BitConverter.GetBytes((ushort)text.Length) : BitConverter.GetBytes((uint)text.Length);
        return [0x93, .. "NUMPY"u8, (byte)major, 0, .. length, .. text, .. body];
    }

    public static byte[] Zip(params (string Name, byte[] Content)[] members) => Zip(CompressionLevel.NoCompression, members);

    public static byte[] Zip(CompressionLevel level, params (string Name, byte[] Content)[] members)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var entry = zip.CreateEntry(name, level).Open();
                entry.Write(content);
            }
        }

        return buffer.ToArray();
    }

    public static ByteString Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(buffer.ToArray());
    }
}
