using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>The published 2025–2026 scanner bypass classes, each with a benign control, through the whole inspector.</summary>
public sealed class PicklePolicyTests : IDisposable
{
    private readonly TestProject _files = new();

    [Theory]
    [InlineData("pkgutil", "resolve_name")]
    [InlineData("importlib", "import_module")]
    [InlineData("operator", "attrgetter")]
    [InlineData("operator", "methodcaller")]
    [InlineData("pydoc", "locate")]
    [InlineData("functools", "partial")]
    [InlineData("_posixsubprocess", "fork_exec")]
    [InlineData("_interpreters", "run_string")]
    [InlineData("_xxsubinterpreters", "run_string")]
    [InlineData("_thread", "start_new_thread")]
    [InlineData("site", "main")]
    [InlineData("atexit", "register")]
    [InlineData("runpy", "run_path")]
    [InlineData("timeit", "timeit")]
    [InlineData("cProfile", "run")]
    [InlineData("code", "InteractiveInterpreter")]
    [InlineData("ensurepip", "_run_pip")]
    [InlineData("uuid", "_get_command_stdout")]
    [InlineData("doctest", "debug_script")]
    [InlineData("torch.fx.graph_module", "reduce_graph_module")]
    [InlineData("torch", "os.system")]
    [InlineData("numpy", "os.system")]
    [InlineData("torch.serialization", "sys.modules")]
    [InlineData("collections", "OrderedDict.__class__")]
    [InlineData("ｏｓ", "system")]
    [InlineData(" os", "system ")]
    [InlineData("o\u200bs", "system")]
    [InlineData("os.", "system")]
    public void Code_execution_gadgets_are_dangerous_in_every_protocol(string module, string name)
    {
        foreach (var protocol in new[] { 0, 2, 4 })
        {
            var result = Inspect($"g{protocol}.pkl", PickleBuilder.Call(protocol, module, name));

            Assert.True(result.Verdict == Verdict.Dangerous, $"protocol {protocol}: {result.Verdict} {string.Join("; ", result.Findings)}");
            Assert.Contains(result.Findings, f => f.Id == "OM4001");
        }
    }

    [Theory]
    [InlineData("collections", "OrderedDict")]
    [InlineData("torch._utils", "_rebuild_tensor_v2")]
    [InlineData("numpy.core.multiarray", "_reconstruct")]
    public void Allow_listed_callables_stay_safe(string module, string name) =>
        Assert.Equal(Verdict.Safe, Inspect("ok.pkl", PickleBuilder.Call(2, module, name)).Verdict);

    [Theory]
    [InlineData("__main__", "Net")]
    [InlineData("scipy.signal", "windows")]
    [InlineData("transformers.models.codegen", "CodeGenConfig")]
    public void Unknown_but_plausible_classes_stay_suspicious_not_dangerous(string module, string name) =>
        Assert.Equal(Verdict.Suspicious, Inspect("m.pkl", PickleBuilder.Call(2, module, name)).Verdict);

    [Fact]
    public void SETITEM_on_a_value_that_is_not_a_dict_is_dangerous()
    {
        // CVE-2026-24747: SETITEM on a tensor calls Tensor.__setitem__ inside torch's weights-only unpickler.
        var onTensor = new PickleBuilder().Proto(2).Global("torch._utils", "_rebuild_parameter").EmptyTuple().Reduce()
            .BinUnicode("k").BinUnicode("v").SetItem().Stop().Bytes;
        var onGlobal = new PickleBuilder().Proto(2).Global("torch", "Size").Mark().BinUnicode("k").BinUnicode("v").SetItems().Stop().Bytes;
        var appendOnGlobal = new PickleBuilder().Proto(2).Global("torch", "Size").Mark().BinUnicode("x").Appends().Stop().Bytes;
        var onDict = new PickleBuilder().Proto(2).EmptyDict().BinUnicode("k").BinUnicode("v").SetItem().Stop().Bytes;
        var onOrderedDict = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce().Mark().BinUnicode("k").BinInt1(1).SetItems().Stop().Bytes;
        var onList = new PickleBuilder().Proto(2).EmptyList().Mark().BinInt1(1).BinInt1(2).Appends().Stop().Bytes;

        Assert.Equal(Verdict.Dangerous, Inspect("t.pkl", onTensor).Verdict);
        Assert.Equal(Verdict.Dangerous, Inspect("g.pkl", onGlobal).Verdict);
        Assert.Equal(Verdict.Dangerous, Inspect("a.pkl", appendOnGlobal).Verdict);
        Assert.Equal(Verdict.Safe, Inspect("d.pkl", onDict).Verdict);
        Assert.Equal(Verdict.Safe, Inspect("o.pkl", onOrderedDict).Verdict);
        Assert.Equal(Verdict.Safe, Inspect("l.pkl", onList).Verdict);
    }

    [Fact]
    public void BUILD_on_a_result_without_state_is_a_call_the_scan_cannot_follow()
    {
        var onEncode = new PickleBuilder().Proto(2).Global("_codecs", "encode").Mark().BinUnicode("x").BinUnicode("latin1").Tuple().Reduce()
            .EmptyDict().Build().Stop().Bytes;
        var onOrderedDict = new PickleBuilder().Proto(2).Global("collections", "OrderedDict").EmptyTuple().Reduce()
            .EmptyDict().BinUnicode("_metadata").EmptyDict().SetItem().Build().Stop().Bytes;

        Assert.Equal(Verdict.Dangerous, Inspect("b.pkl", onEncode).Verdict);
        Assert.Equal(Verdict.Safe, Inspect("ok.pkl", onOrderedDict).Verdict);
    }

    [Fact]
    public void A_pickle_handed_to_pickle_loads_inside_a_pickle_is_scanned_too()
    {
        var inner = PickleBuilder.Call(2, "subprocess", "check_output");
        var outer = new PickleBuilder().Proto(2).Global("pickle", "loads").ShortBinBytes(inner).Tuple1().Reduce().Stop().Bytes;

        var result = Inspect("nested.pkl", outer);

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Message.Contains("subprocess.check_output") && f.Member!.Contains("pickle.loads"));
    }

    [Fact]
    public void Streams_the_real_unpickler_refuses_are_not_safe()
    {
        var persistentOutsideArchive = new PickleBuilder().Proto(2).BinUnicode("0").BinPersId().Stop().Bytes;
        var longFrame = new PickleBuilder().Proto(4).Frame(1 << 20).EmptyDict().Stop().Bytes;

        Assert.NotEqual(Verdict.Safe, Inspect("persid.pkl", persistentOutsideArchive).Verdict);
        Assert.NotEqual(Verdict.Safe, Inspect("frame.pkl", longFrame).Verdict);
        Assert.Equal(Verdict.Safe, Inspect("ok.pkl", new PickleBuilder().Proto(4).Frame(2).EmptyDict().Stop().Bytes).Verdict);
    }

    [Fact]
    public void INST_and_OBJ_module_names_are_normalised_before_matching()
    {
        var inst = new PickleBuilder().Mark().TextString("id").Inst(" os ", "system").Stop().Bytes;
        var obj = new PickleBuilder().Proto(1).Mark().Global("ｓｕｂｐｒｏｃｅｓｓ", "Popen").BinUnicode("id").Obj().Stop().Bytes;

        var instResult = Inspect("inst.pkl", inst);
        Assert.True(instResult.Verdict == Verdict.Dangerous, $"{instResult.Format} {string.Join("; ", instResult.Findings)}");
        Assert.Equal(Verdict.Dangerous, Inspect("obj.pkl", obj).Verdict);
    }

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
