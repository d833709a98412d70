using OpenModel.Core.Inspection;
using OpenModel.Core.Inspection.Pickle;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

public class PickleScannerTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Dangerous_call_is_found_in_every_protocol(int protocol)
    {
        var (findings, globals) = Scan(PickleBuilder.Call(protocol, "os", "system"));

        Assert.Contains("os.system", globals);
        Assert.Contains(findings, f => f.Id == "OM4001" && f.Message.Contains("os.system"));
    }

    /// <summary>Strings of up to 12 UTF-8 bytes are kept packed in the stack value: every length on both sides of that reads back exactly.</summary>
    [Theory]
    [InlineData("a", "b")]
    [InlineData("abcdefg", "abcdefgh")]
    [InlineData("abcdefghijk", "abcdefghijkl")]
    [InlineData("abcdefghijklm", "abcdefghijklmnopq")]
    [InlineData("modül", "ñamé_ü")]
    [InlineData("torch._utils", "_rebuild_tensor_v2")]
    public void Short_and_long_strings_name_the_global_exactly(string module, string name)
    {
        var (_, globals) = Scan(PickleBuilder.Call(4, module, name));

        Assert.Equal([$"{module}.{name}"], globals);
    }

    [Theory]
    [InlineData("posix", "system")]
    [InlineData("nt", "system")]
    [InlineData("subprocess", "Popen")]
    [InlineData("__builtin__", "eval")]
    [InlineData("builtins", "exec")]
    [InlineData("builtins", "getattr")]
    [InlineData("__builtin__", "__import__")]
    [InlineData("runpy", "_run_code")]
    [InlineData("importlib", "import_module")]
    [InlineData("socket", "create_connection")]
    [InlineData("shutil", "rmtree")]
    [InlineData("webbrowser", "open")]
    [InlineData("pty", "spawn")]
    [InlineData("code", "interact")]
    [InlineData("ctypes", "CDLL")]
    [InlineData("operator", "methodcaller")]
    [InlineData("functools", "partial")]
    [InlineData("torch.hub", "load")]
    [InlineData("torch", "load")]
    [InlineData("numpy.testing._private.utils", "runstring")]
    [InlineData("os.path", "join")]
    [InlineData("copy_reg", "_reconstructor.__self__")]
    public void Deny_list_matches_every_dotted_prefix_and_python2_names(string module, string name)
    {
        var (findings, _) = Scan(PickleBuilder.Call(2, module, name));

        Assert.Contains(findings, f => f.Id == "OM4001");
    }

    [Theory]
    [InlineData("pickle", "loads")]
    [InlineData("cPickle", "loads")]
    [InlineData("dill", "loads")]
    [InlineData("marshal", "loads")]
    public void Nested_loaders_are_dangerous_and_evasive(string module, string name)
    {
        var (findings, _) = Scan(PickleBuilder.Call(2, module, name, "payload"));

        Assert.Contains(findings, f => f.Id == "OM4001");
        Assert.Contains(findings, f => f.Id == "OM4003" && f.Message.Contains("nested"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Benign_state_dicts_are_safe(int protocol)
    {
        var (findings, globals) = PickleScanner.Scan(new MemoryStream(PickleBuilder.StateDict(protocol)), persistentIds: true);

        Assert.Empty(findings);
        Assert.Equal(new[] { "collections.OrderedDict", "torch._utils._rebuild_tensor_v2", "torch.FloatStorage" }, globals);
    }

    [Fact]
    public void Protocol_0_dictionary_of_literals_is_safe() =>
        Assert.Empty(Scan(new PickleBuilder().Op('(').Op('d').Put(0).TextString("lr").Op('F').Text("0.001\n").SetItem().TextString("epochs").Int(3).SetItem().Stop().Bytes).Findings);

    [Fact]
    public void Protocol_5_buffers_and_frames_are_understood()
    {
        var pickle = new PickleBuilder().Proto(5).Frame(19).EmptyList().Memoize().Mark().ByteArray8([1, 2, 3]).True().None().Appends().Stop().Bytes;

        Assert.Empty(Scan(pickle).Findings);
    }

    [Fact]
    public void Unknown_callables_are_suspicious()
    {
        var (findings, _) = Scan(PickleBuilder.Call(2, "__main__", "Net"));

        var finding = Assert.Single(findings);
        Assert.Equal(("OM4002", "imports __main__.Net, which is not on the allow-list of tensor and container types"), (finding.Id, finding.Message));
    }

    [Fact]
    public void Memo_spoofing_is_followed_to_the_real_value()
    {
        // "collections" is memoised in slot 0, then slot 0 is overwritten with "os" before STACK_GLOBAL reads it back.
        var pickle = new PickleBuilder().Proto(4)
            .ShortUnicode("collections").BinPut(0).Op('0')
            .ShortUnicode("os").BinPut(0).Op('0')
            .BinGet(0).ShortUnicode("system").StackGlobal()
            .ShortUnicode("id").Tuple1().Reduce().Stop().Bytes;

        Assert.Contains(Scan(pickle).Findings, f => f.Id == "OM4001" && f.Message.Contains("os.system"));
    }

    [Fact]
    public void STACK_GLOBAL_from_a_computed_value_is_OM4003()
    {
        var pickle = new PickleBuilder().Proto(4)
            .Global("builtins", "str").ShortUnicode("o").Tuple1().Reduce()
            .ShortUnicode("system").StackGlobal().ShortUnicode("id").Tuple1().Reduce().Stop().Bytes;

        Assert.Contains(Scan(pickle).Findings, f => f.Id == "OM4003" && f.Message.Contains("not a string literal"));
    }

    [Fact]
    public void EXT_opcodes_BUILD_on_a_global_and_computed_calls_are_OM4003()
    {
        var ext = new PickleBuilder().Proto(2).Ext1(1).EmptyTuple().Reduce().Stop().Bytes;
        var buildOnGlobal = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyDict().Build().Stop().Bytes;
        var computedCall = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce().EmptyTuple().Reduce().Stop().Bytes;

        Assert.Contains(Scan(ext).Findings, f => f.Id == "OM4003" && f.Message.Contains("EXT"));
        Assert.Contains(Scan(buildOnGlobal).Findings, f => f.Id == "OM4003" && f.Message.Contains("BUILD"));
        Assert.Contains(Scan(computedCall).Findings, f => f.Id == "OM4003" && f.Message.Contains("computed"));
    }

    [Fact]
    public void Data_after_STOP_truncation_unknown_opcodes_and_undefined_memo_are_OM4003()
    {
        var trailing = PickleBuilder.StateDict().Concat(PickleBuilder.Call(2, "os", "system")).ToArray();
        var truncated = PickleBuilder.StateDict()[..^10];
        var unknownOpcode = new PickleBuilder().Proto(2).Raw(0xff).Stop().Bytes;
        var undefinedMemo = new PickleBuilder().Proto(2).BinGet(7).Stop().Bytes;

        Assert.Contains(Scan(trailing).Findings, f => f.Id == "OM4003" && f.Message.Contains("follows the pickle's STOP"));
        Assert.Contains(Scan(truncated).Findings, f => f.Id == "OM4003");
        Assert.Contains(Scan(unknownOpcode).Findings, f => f.Id == "OM4003" && f.Message.Contains("unknown opcode 0xff"));
        Assert.Contains(Scan(undefinedMemo).Findings, f => f.Id == "OM4003" && f.Message.Contains("never written"));
    }

    [Fact]
    public void Legacy_torch_save_format_allows_raw_storages_after_its_five_pickles()
    {
        var magic = new byte[] { 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19 };
        var legacy = new PickleBuilder().Proto(2).Long1(magic).Stop().Bytes
            .Concat(new PickleBuilder().Proto(2).BinInt(1001).Stop().Bytes)
            .Concat(new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes)
            .Concat(PickleBuilder.StateDict())
            .Concat(new PickleBuilder().Proto(2).EmptyList().Stop().Bytes)
            .Concat(new byte[4096])
            .ToArray();

        Assert.Empty(Scan(legacy).Findings);
    }

    [Fact]
    public void Huge_declared_lengths_are_truncation_not_allocation()
    {
        var pickle = new PickleBuilder().Proto(4).BinBytes8(1L << 60).Stop().Bytes;

        var finding = Assert.Single(Scan(pickle).Findings);
        Assert.Contains("declares 1,152,921,504,606,846,976 bytes of payload", finding.Message);
    }

    [Fact]
    public void Hostile_nesting_and_memo_bombs_stay_bounded()
    {
        var deep = new PickleBuilder().Proto(2);
        for (var i = 0; i < PickleScanner.MaxStackDepth + 10; i++)
        {
            deep.EmptyList();
        }

        var memoBomb = new PickleBuilder().Proto(2).EmptyList();
        for (var i = 0; i < PickleScanner.MaxMemoEntries + 10; i++)
        {
            memoBomb.LongBinPut(i);
        }

        var before = GC.GetTotalMemory(forceFullCollection: true);
        Assert.Contains(Scan(deep.Stop().Bytes).Findings, f => f.Message.Contains("stack deeper than"));
        Assert.Contains(Scan(memoBomb.Stop().Bytes).Findings, f => f.Id == "OM4003");
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - before < 64 * 1024 * 1024);
    }

    [Fact]
    public void INST_and_OBJ_forms_import_too()
    {
        var inst = new PickleBuilder().Mark().TextString("id").Inst("os", "system").Stop().Bytes;
        var obj = new PickleBuilder().Proto(1).Mark().Global("subprocess", "Popen").BinUnicode("id").Obj().Stop().Bytes;

        Assert.Contains(Scan(inst).Findings, f => f.Id == "OM4001" && f.Message.Contains("os.system"));
        Assert.Contains(Scan(obj).Findings, f => f.Id == "OM4001" && f.Message.Contains("subprocess.Popen"));
    }

    [Fact]
    public void Findings_carry_the_opcode_offset() =>
        Assert.Equal(2, Assert.Single(Scan(PickleBuilder.Call(2, "os", "system")).Findings).Offset);

    private static PickleScan Scan(byte[] pickle) => PickleScanner.Scan(new MemoryStream(pickle));
}
