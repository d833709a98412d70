using System.Text;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>Writes pickles opcode by opcode, so the tests own every byte of the corpus.</summary>
internal sealed class PickleBuilder
{
    private readonly List<byte> _bytes = [];

    public byte[] Bytes => [.. _bytes];

    public PickleBuilder Proto(int version) => Op(0x80).Raw((byte)version);

    public PickleBuilder Frame(long length) => Op(0x95).Raw(BitConverter.GetBytes(length));

    public PickleBuilder Global(string module, string name) => Op('c').Text(module + "\n" + name + "\n");

    public PickleBuilder Inst(string module, string name) => Op('i').Text(module + "\n" + name + "\n");

    public PickleBuilder ShortUnicode(string text) => Op(0x8c).Raw((byte)Encoding.UTF8.GetByteCount(text)).Text(text);

    public PickleBuilder BinUnicode(string text) => Op('X').Raw(BitConverter.GetBytes(Encoding.UTF8.GetByteCount(text))).Text(text);

    public PickleBuilder TextString(string text) => Op('S').Text("'" + text + "'\n");

    public PickleBuilder StackGlobal() => Op(0x93);

    public PickleBuilder Mark() => Op('(');

    public PickleBuilder Tuple() => Op('t');

    public PickleBuilder Tuple1() => Op(0x85);

    public PickleBuilder Tuple2() => Op(0x86);

    public PickleBuilder EmptyTuple() => Op(')');

    public PickleBuilder EmptyDict() => Op('}');

    public PickleBuilder EmptyList() => Op(']');

    public PickleBuilder Reduce() => Op('R');

    public PickleBuilder Build() => Op('b');

    public PickleBuilder NewObj() => Op(0x81);

    public PickleBuilder Obj() => Op('o');

    public PickleBuilder SetItem() => Op('s');

    public PickleBuilder SetItems() => Op('u');

    public PickleBuilder Appends() => Op('e');

    public PickleBuilder BinInt1(int value) => Op('K').Raw((byte)value);

    public PickleBuilder BinInt(int value) => Op('J').Raw(BitConverter.GetBytes(value));

    public PickleBuilder Int(int value) => Op('I').Text(value + "\n");

    public PickleBuilder None() => Op('N');

    public PickleBuilder True() => Op(0x88);

    public PickleBuilder BinPut(int index) => Op('q').Raw((byte)index);

    public PickleBuilder Put(int index) => Op('p').Text(index + "\n");

    public PickleBuilder LongBinPut(int index) => Op('r').Raw(BitConverter.GetBytes(index));

    public PickleBuilder BinGet(int index) => Op('h').Raw((byte)index);

    public PickleBuilder Get(int index) => Op('g').Text(index + "\n");

    public PickleBuilder Memoize() => Op(0x94);

    public PickleBuilder BinPersId() => Op('Q');

    public PickleBuilder ShortBinBytes(byte[] data) => Op('C').Raw((byte)data.Length).Raw(data);

    public PickleBuilder BinBytes8(long declared) => Op(0x8e).Raw(BitConverter.GetBytes(declared));

    public PickleBuilder ByteArray8(byte[] data) => Op(0x96).Raw(BitConverter.GetBytes((long)data.Length)).Raw(data);

    public PickleBuilder Long1(byte[] data) => Op(0x8a).Raw((byte)data.Length).Raw(data);

    public PickleBuilder Ext1(int code) => Op(0x82).Raw((byte)code);

    public PickleBuilder Stop() => Op('.');

    public PickleBuilder Op(char opcode) => Raw((byte)opcode);

    public PickleBuilder Op(int opcode) => Raw((byte)opcode);

    public PickleBuilder Raw(params byte[] data)
    {
        _bytes.AddRange(data);
        return this;
    }

    public PickleBuilder Text(string text) => Raw(Encoding.UTF8.GetBytes(text));

    /// <summary>A call of module.name(arg) in the given protocol's idiom.</summary>
    public static byte[] Call(int protocol, string module, string name, string argument = "id")
    {
        var builder = new PickleBuilder();
        if (protocol >= 2)
        {
            builder.Proto(protocol);
        }

        if (protocol >= 4)
        {
            builder.ShortUnicode(module).Memoize().ShortUnicode(name).Memoize().StackGlobal().Memoize().ShortUnicode(argument).Tuple1();
        }
        else if (protocol >= 1)
        {
            builder.Global(module, name).BinPut(0).Mark().BinUnicode(argument).Tuple();
        }
        else
        {
            builder.Global(module, name).Put(0).Mark().TextString(argument).Tuple();
        }

        return builder.Reduce().Stop().Bytes;
    }

    /// <summary>
    /// A PyTorch state dict: OrderedDict of tensors rebuilt from persistent storages, as torch.save writes it. Each tensor
    /// is a 2×2 float view (stride 2, 1) at <paramref name="storageOffset"/> of a storage of <paramref name="elements"/>
    /// floats named <paramref name="key"/>(i) (default "0", "1", …).
    /// </summary>
    public static byte[] StateDict(int protocol = 2, int tensors = 2, int storageOffset = 0, int elements = 4, Func<int, string>? key = null)
    {
        var builder = new PickleBuilder().Proto(protocol).Global("collections", "OrderedDict").BinPut(0).EmptyTuple().Reduce().BinPut(1).Mark();
        for (var i = 0; i < tensors; i++)
        {
            builder.BinUnicode($"layer{i}.weight")
                .Global("torch._utils", "_rebuild_tensor_v2")
                .Mark()
                .Mark().BinUnicode("storage").Global("torch", "FloatStorage").BinUnicode(key?.Invoke(i) ?? i.ToString()).BinUnicode("cpu").BinInt(elements).Tuple().BinPersId()
                .BinInt(storageOffset)
                .BinInt1(2).BinInt1(2).Tuple2()
                .BinInt1(2).BinInt1(1).Tuple2()
                .Op(0x89)
                .Global("collections", "OrderedDict").EmptyTuple().Reduce()
                .Tuple()
                .Reduce();
        }

        return builder.SetItems().Stop().Bytes;
    }
}
