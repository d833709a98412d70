using System.IO.Compression;
using System.Text;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>
/// TorchScript archives laid out as torch.jit.save writes them: the code/ that torch.jit.load compiles and runs is
/// judged (file and network operators, native libraries), and the archive is safe only when every member is understood.
/// </summary>
public sealed class TorchScriptTests : IDisposable
{
    private const string Benign = """
        class Net(Module):
          __parameters__ = []
          __buffers__ = []
          training : bool
          _is_full_backward_hook : Optional[bool]
          def forward(self: __torch__.Net,
            x: Tensor) -> Tensor:
            y = torch.relu(x)
            # torch.save(y, "/tmp/y") in a comment is not a call
            msg = "torch.save and torch.from_file in a string are not calls"
            _0 = ops.prim.NumToTensor(torch.size(y, 0))
            return torch.add(y, _0)

        """;

    private readonly TestProject _files = new();

    [Fact]
    public void A_plain_TorchScript_model_whose_every_member_is_understood_is_safe()
    {
        var result = Inspect("net.pt", Script(Benign));

        Assert.Equal("torchscript", result.Metadata["format"]);
        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
    }

    [Theory]
    [InlineData("torch.save(y, \"/home/user/.bashrc\")", "aten::save")]
    [InlineData("_1 = torch.from_file(\"/etc/shadow\", False, 4096)", "aten::from_file")]
    [InlineData("_1 = ops.aten.from_file(\"/root/.ssh/id_rsa\")", "aten::from_file")]
    [InlineData("torch.ops.aten.save(y, \"f\")", "aten::save")]
    [InlineData("_1 = (torch .\n      save)(y, \"f\")", "aten::save")]
    [InlineData("_1 = torch.\\\n      from_file(\"/etc/passwd\")", "aten::from_file")]
    [InlineData("_1 = getattr(torch, \"sa\\x76e\")(y, \"f\")", "aten::save")]
    [InlineData("_1 = getattr(torch.ops.aten, 'from_file')(\"/etc/passwd\")", "aten::from_file")]
    public void File_operators_in_TorchScript_code_are_dangerous(string statement, string op)
    {
        var result = Inspect("evil.pt", Script(Benign.Replace("    return torch.add(y, _0)", $"    {statement}\n    return torch.add(y, _0)")));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Level == Diagnostics.DiagnosticLevel.Error && f.Message.Contains(op) && f.Member == "archive/code/__torch__.py");
    }

    [Fact]
    public void A_file_operator_imported_under_another_name_is_dangerous()
    {
        var result = Inspect("alias.pt", Script("from torch import save as keep\n" + Benign.Replace("    return torch.add(y, _0)", "    keep(y, \"f\")\n    return torch.add(y, _0)")));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Message.Contains("imports torch's save"));
    }

    [Theory]
    [InlineData("_1 = ops.contoso.run(y)", "'contoso' namespace")]
    [InlineData("_1 = torch.classes.contoso.Shell()", "TorchBind class of the 'contoso' namespace")]
    [InlineData("_1 = torch.distributed.rpc.rpc_sync(\"worker\", torch.add, (y, y))", "distributed RPC")]
    public void Native_operators_and_RPC_outside_libtorch_are_never_safe(string statement, string reason)
    {
        var result = Inspect("native.pt", Script(Benign.Replace("    return torch.add(y, _0)", $"    {statement}\n    return torch.add(y, _0)")));

        Assert.Equal(Verdict.Suspicious, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Message.Contains(reason));
    }

    [Fact]
    public void Members_and_code_the_scan_does_not_understand_are_never_safe()
    {
        var unknownMember = Inspect("member.pt", Script(Benign, ("archive/payload.sh", "curl x | sh"u8.ToArray())));
        var lite = Inspect("lite.ptl", Script(Benign, ("archive/bytecode.pkl", new PickleBuilder().Proto(2).EmptyTuple().Stop().Bytes)));
        var unterminated = Inspect("string.pt", Script(Benign.Replace("not calls\"", "not calls")));
        var nonAscii = Inspect("ascii.pt", Script(Benign.Replace("y = torch.relu(x)", "y = tοrch.relu(x)")));
        var undefinedClass = Inspect("class.pt", Script(Benign, data: Module("__torch__", "Other")));
        var notAModule = Inspect("dict.pt", Script(Benign, data: PickleBuilder.StateDict()));

        Assert.Contains(unknownMember.Findings, f => f.Id == "OM4004" && f.Member == "archive/payload.sh");
        Assert.Contains(lite.Findings, f => f.Id == "OM4004" && f.Member == "archive/bytecode.pkl");
        Assert.Contains(unterminated.Findings, f => f.Id == "OM4004" && f.Message.Contains("does not tokenise"));
        Assert.Contains(nonAscii.Findings, f => f.Id == "OM4004" && f.Message.Contains("does not tokenise"));
        Assert.Contains(undefinedClass.Findings, f => f.Id == "OM4002" && f.Message.Contains("__torch__.Other"));
        Assert.Contains(notAModule.Findings, f => f.Id == "OM4004" && f.Message.Contains("no __torch__ class"));
        Assert.All(new[] { unknownMember, lite, unterminated, nonAscii, undefinedClass, notAModule }, r => Assert.NotEqual(Verdict.Safe, r.Verdict));
    }

    [Fact]
    public void A_code_running_global_in_a_TorchScript_pickle_stays_dangerous()
    {
        var result = Inspect("pickle.pt", Script(Benign, ("archive/constants.pkl", PickleBuilder.Call(2, "posix", "system"))));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Member == "archive/constants.pkl");
    }

    public void Dispose() => _files.Dispose();

    /// <summary>data.pkl as torch.jit.save writes a module: the __torch__ class, a new object, its attributes set by BUILD.</summary>
    private static byte[] Module(string module, string name) => new PickleBuilder().Proto(2).Global(module, name).BinPut(0).EmptyTuple().NewObj().BinPut(1)
        .EmptyDict().BinPut(2).Mark().BinUnicode("training").True().BinUnicode("_is_full_backward_hook").None().SetItems().Build().Stop().Bytes;

    private static byte[] Script(string code, params (string Name, byte[] Content)[] extra) => Script(code, Module("__torch__", "Net"), extra);

    private static byte[] Script(string code, byte[] data, params (string Name, byte[] Content)[] extra)
    {
        (string, byte[])[] members =
        [
            ("archive/code/__torch__.py", Encoding.UTF8.GetBytes(code)),
            ("archive/code/__torch__.py.debug_pkl", new PickleBuilder().Proto(2).EmptyTuple().Stop().Bytes),
            ("archive/byteorder", "little"u8.ToArray()),
            ("archive/.data/version", "3\n"u8.ToArray()),
        ];
        var names = extra.Select(e => e.Name).ToHashSet();
        if (!names.Contains("archive/constants.pkl"))
        {
            members = [.. members, ("archive/constants.pkl", new PickleBuilder().Proto(2).EmptyTuple().Stop().Bytes)];
        }

        return ArtifactFiles.TorchZip(data, CompressionLevel.Optimal, [.. members, .. extra]);
    }

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
