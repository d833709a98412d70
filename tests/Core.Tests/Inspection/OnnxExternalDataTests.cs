using System.Diagnostics;
using System.Security.Cryptography;
using Google.Protobuf;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>ONNX external data in every TensorProto position, links refused, each file hashed as a part.</summary>
public sealed class OnnxExternalDataTests : IDisposable
{
    private readonly TestProject _files = new();

    public static TheoryData<string> Positions => ["initializer", "constant", "tensors", "sparse", "sparse-attribute", "subgraph", "function", "training"];

    [Theory]
    [MemberData(nameof(Positions))]
    public void External_data_outside_the_folder_is_dangerous_in_every_position(string position)
    {
        var result = Inspect("m.onnx", Model(position, ArtifactFiles.ExternalTensor("W", "../../etc/passwd")));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4007" && f.Message.Contains("'../../etc/passwd'"));
    }

    [Theory]
    [MemberData(nameof(Positions))]
    public void External_data_inside_the_folder_is_safe_and_hashed_in_every_position(string position)
    {
        var weights = _files.WriteBytes("weights.bin", [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);

        var result = Inspect("m.onnx", Model(position, ArtifactFiles.ExternalTensor("W", "weights.bin")));

        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
        var part = Assert.Single(result.Parts!);
        Assert.Equal(("external-data", "weights.bin", 16L, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights)))), (part.Kind, part.Name, part.Length, part.Sha256));
    }

    [Fact]
    public void A_symlinked_file_or_folder_is_rejected()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var outside = Directory.CreateTempSubdirectory("openmodel-outside-").FullName;
        try
        {
            File.WriteAllBytes(Path.Combine(outside, "secret.bin"), new byte[16]);
            File.CreateSymbolicLink(Path.Combine(_files.Directory, "weights.bin"), Path.Combine(outside, "secret.bin"));
            Directory.CreateSymbolicLink(Path.Combine(_files.Directory, "data"), outside);

            var file = Inspect("a.onnx", ArtifactFiles.OnnxWithExternalData("weights.bin"));
            var folder = Inspect("b.onnx", ArtifactFiles.OnnxWithExternalData("data/secret.bin"));

            Assert.All(new[] { file, folder }, r => Assert.Equal(Verdict.Dangerous, r.Verdict));
            Assert.Contains(file.Findings, f => f.Id == "OM4007" && f.Message.Contains("through the link"));
            Assert.Contains(folder.Findings, f => f.Id == "OM4007" && f.Message.Contains("through the link"));
        }
        finally
        {
            Directory.Delete(outside, recursive: true);
        }
    }

    [Fact]
    public void A_hard_linked_file_is_rejected()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var weights = _files.WriteBytes("weights.bin", new byte[16]);
        using (var ln = Process.Start("ln", [weights, Path.Combine(_files.Directory, "elsewhere.bin")]))
        {
            ln.WaitForExit();
            Assert.Equal(0, ln.ExitCode);
        }

        var result = Inspect("m.onnx", ArtifactFiles.OnnxWithExternalData("weights.bin"));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4007" && f.Message.Contains("2 hard links"));
    }

    /// <summary>On a platform that reports no link count (FreeBSD), the check is said not to be made: never a silent pass.</summary>
    [Fact]
    public void An_unknown_link_count_is_reported_and_the_file_still_hashed()
    {
        _files.WriteBytes("weights.bin", new byte[16]);
        var work = new InspectionWork();

        new OpenModel.Core.Inspection.Headers.ExternalData(_files.Directory, work, linkCount: _ => null).Check("initializer 'W'", "weights.bin", new Dictionary<string, string>());

        var finding = Assert.Single(work.Findings);
        Assert.Equal(("OM4007", OpenModel.Core.Diagnostics.DiagnosticLevel.Warning), (finding.Id, finding.Level));
        Assert.Contains("link count unknown", finding.Message);
        Assert.Equal(16, Assert.Single(work.Parts).Length);
    }

    [Fact]
    public void A_missing_file_or_a_range_past_its_end_is_never_safe()
    {
        _files.WriteBytes("short.bin", new byte[8]);

        var missing = Inspect("a.onnx", ArtifactFiles.OnnxWithExternalData("absent.bin"));
        var range = Inspect("b.onnx", Model("initializer", ArtifactFiles.ExternalTensor("W", "short.bin", offset: 4, length: 16)));

        Assert.NotEqual(Verdict.Safe, missing.Verdict);
        Assert.Contains(missing.Findings, f => f.Id == "OM4004" && f.Message.Contains("does not exist"));
        Assert.Equal(Verdict.Dangerous, range.Verdict);
        Assert.Contains(range.Findings, f => f.Id == "OM4008" && f.Message.Contains("which holds 8"));
    }

    public void Dispose() => _files.Dispose();

    private static byte[] Model(string position, ByteString tensor)
    {
        var graphWithInitializer = ArtifactFiles.Message(g => { g.WriteTag(5, WireFormat.WireType.LengthDelimited); g.WriteBytes(tensor); });
        var ifNode = ArtifactFiles.Message(n =>
        {
            n.WriteTag(4, WireFormat.WireType.LengthDelimited); n.WriteString("If");
            n.WriteTag(5, WireFormat.WireType.LengthDelimited);
            n.WriteBytes(ArtifactFiles.Message(a => { a.WriteTag(1, WireFormat.WireType.LengthDelimited); a.WriteString("then_branch"); a.WriteTag(6, WireFormat.WireType.LengthDelimited); a.WriteBytes(graphWithInitializer); }));
        });
        return position switch
        {
            "initializer" => ArtifactFiles.Onnx(g => { g.WriteTag(5, WireFormat.WireType.LengthDelimited); g.WriteBytes(tensor); }),
            "constant" => ArtifactFiles.Onnx(g => { g.WriteTag(1, WireFormat.WireType.LengthDelimited); g.WriteBytes(ArtifactFiles.NodeWithTensorAttribute(5, tensor)); }),
            "tensors" => ArtifactFiles.Onnx(g => { g.WriteTag(1, WireFormat.WireType.LengthDelimited); g.WriteBytes(ArtifactFiles.NodeWithTensorAttribute(10, tensor)); }),
            "sparse" => ArtifactFiles.Onnx(g => { g.WriteTag(15, WireFormat.WireType.LengthDelimited); g.WriteBytes(ArtifactFiles.SparseTensor(tensor)); }),
            "sparse-attribute" => ArtifactFiles.Onnx(g => { g.WriteTag(1, WireFormat.WireType.LengthDelimited); g.WriteBytes(ArtifactFiles.NodeWithTensorAttribute(22, ArtifactFiles.SparseTensor(tensor))); }),
            "subgraph" => ArtifactFiles.Onnx(g => { g.WriteTag(1, WireFormat.WireType.LengthDelimited); g.WriteBytes(ifNode); }),
            "function" => ArtifactFiles.Onnx(_ => { }, m => { m.WriteTag(25, WireFormat.WireType.LengthDelimited); m.WriteBytes(ArtifactFiles.Message(f => { f.WriteTag(7, WireFormat.WireType.LengthDelimited); f.WriteBytes(ArtifactFiles.NodeWithTensorAttribute(5, tensor)); })); }),
            "training" => ArtifactFiles.Onnx(_ => { }, m => { m.WriteTag(20, WireFormat.WireType.LengthDelimited); m.WriteBytes(ArtifactFiles.Message(t => { t.WriteTag(1, WireFormat.WireType.LengthDelimited); t.WriteBytes(graphWithInitializer); })); }),
            _ => throw new ArgumentOutOfRangeException(nameof(position)),
        };
    }

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
