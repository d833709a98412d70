using System.Formats.Tar;
using System.IO.Compression;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>PyTorch archives judged as torch.load reads them: storages against rebuilds, records, names, TorchScript.</summary>
public sealed class TorchArchiveTests : IDisposable
{
    private readonly TestProject _files = new();

    [Fact]
    public void Tensors_inside_their_storages_are_safe()
    {
        // Storage "0" and "1" hold 64 bytes = 16 floats; each 2×2 tensor (stride 2, 1) at offset 12 ends at element 16.
        var result = Inspect("ok.pt", ArtifactFiles.TorchZip(PickleBuilder.StateDict(storageOffset: 12, elements: 16)));

        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
    }

    [Fact]
    public void A_tensor_that_reads_past_its_storage_is_dangerous()
    {
        var result = Inspect("oob.pt", ArtifactFiles.TorchZip(PickleBuilder.StateDict(storageOffset: 13, elements: 16)));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4008" && f.Message.Contains("past its 16 elements") && f.Member == "archive/data.pkl");
    }

    [Fact]
    public void A_storage_larger_than_its_record_is_dangerous()
    {
        var result = Inspect("big.pt", ArtifactFiles.TorchZip(PickleBuilder.StateDict(elements: 1_000_000)));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4008" && f.Message.Contains("declares 1,000,000 elements"));
    }

    [Fact]
    public void A_storage_record_that_does_not_exist_is_dangerous()
    {
        var result = Inspect("missing.pt", ArtifactFiles.TorchZip(PickleBuilder.StateDict(key: i => "9" + i)));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4008" && f.Message.Contains("'archive/data/90'"));
    }

    [Fact]
    public void Two_data_pkl_records_unsafe_names_and_TorchScript_are_reported()
    {
        var two = Inspect("two.pt", ArtifactFiles.TorchZip(CompressionLevel.NoCompression, ("other/data.pkl", PickleBuilder.StateDict())));
        var traversal = Inspect("dots.pt", ArtifactFiles.TorchZip(CompressionLevel.NoCompression, ("../../evil.sh", "echo"u8.ToArray())));
        var absolute = Inspect("abs.pt", ArtifactFiles.TorchZip(CompressionLevel.NoCompression, ("/etc/cron.d/x", "x"u8.ToArray())));
        var script = Inspect("script.pt", ArtifactFiles.TorchZip(CompressionLevel.NoCompression, ("archive/code/__torch__.py", "def forward(self): pass"u8.ToArray()), ("archive/constants.pkl", new PickleBuilder().Proto(2).EmptyTuple().Stop().Bytes)));

        Assert.Contains(two.Findings, f => f.Id == "OM4004" && f.Message.Contains("2 data.pkl records"));
        Assert.Contains(traversal.Findings, f => f.Id == "OM4004" && f.Member == "../../evil.sh");
        Assert.Contains(absolute.Findings, f => f.Id == "OM4004" && f.Member == "/etc/cron.d/x");
        Assert.Equal(("torchscript", Verdict.Suspicious), (script.Metadata["format"], script.Verdict));
        Assert.Contains(script.Findings, f => f.Id == "OM4004" && f.Message.Contains("TorchScript"));
        Assert.All(new[] { two, traversal, absolute }, r => Assert.NotEqual(Verdict.Safe, r.Verdict));
    }

    [Fact]
    public void Data_prepended_to_the_archive_is_reported()
    {
        var junk = Enumerable.Range(0, 100).Select(i => (byte)(i * 7 + 1)).ToArray();
        var withJunk = junk.Concat(ArtifactFiles.TorchZip()).ToArray();
        ShiftOffsets(withJunk, junk.Length);

        // torch.load decides by the first bytes: a pickle in front of an archive is what it loads.
        var pickle = PickleBuilder.Call(2, "os", "system");
        var withPickle = pickle.Concat(ArtifactFiles.TorchZip()).ToArray();
        ShiftOffsets(withPickle, pickle.Length);

        var junkResult = Inspect("prepended.pt", withJunk);
        var pickleResult = Inspect("polyglot.pt", withPickle);

        Assert.NotEqual(Verdict.Safe, junkResult.Verdict);
        Assert.Contains(junkResult.Findings, f => f.Id == "OM4004" && f.Message.Contains("100 bytes precede the first ZIP member"));
        Assert.Equal(Verdict.Dangerous, pickleResult.Verdict);
        Assert.Contains(pickleResult.Findings, f => f.Id == "OM4001");
    }

    [Fact]
    public void A_member_only_the_local_headers_list_is_scanned_too()
    {
        var hidden = ArtifactFiles.Zip(("evil.pkl", PickleBuilder.Call(2, "os", "system")));
        var central = hidden.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x01, 0x02 });
        var prefix = hidden[..central];
        var combined = prefix.Concat(ArtifactFiles.TorchZip()).ToArray();
        ShiftOffsets(combined, prefix.Length);

        var result = Inspect("smuggled.pt", combined);

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Member == "evil.pkl");
    }

    [Fact]
    public void An_end_record_whose_count_disagrees_with_the_directory_is_reported()
    {
        var zip = ArtifactFiles.TorchZip();
        var eocd = zip.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        BitConverter.GetBytes((ushort)1).CopyTo(zip, eocd + 8);
        BitConverter.GetBytes((ushort)1).CopyTo(zip, eocd + 10);
        var hiddenPickle = ArtifactFiles.TorchZip(CompressionLevel.NoCompression, ("archive/extra.pkl", PickleBuilder.Call(2, "os", "system")));
        var eocd2 = hiddenPickle.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        BitConverter.GetBytes((ushort)4).CopyTo(hiddenPickle, eocd2 + 8);
        BitConverter.GetBytes((ushort)4).CopyTo(hiddenPickle, eocd2 + 10);

        var result = Inspect("count.pt", zip);
        var beyondCount = Inspect("beyond.pt", hiddenPickle);

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Message.Contains("declares 1 members, the central directory holds 4"));
        Assert.Contains(beyondCount.Findings, f => f.Id == "OM4001" && f.Member == "archive/extra.pkl");
    }

    [Fact]
    public void Legacy_tar_members_torch_unpickles_are_all_scanned()
    {
        var evil = PickleBuilder.Call(2, "os", "system");
        var sysInfo = ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", evil), ("pickle", PickleBuilder.StateDict()), ("storages", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes), ("tensors", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes));
        var storages = ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes), ("pickle", PickleBuilder.StateDict()), ("storages", evil), ("tensors", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes));
        var tensors = ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes), ("pickle", PickleBuilder.StateDict()), ("storages", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes), ("tensors", evil));
        var benign = ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes), ("pickle", PickleBuilder.StateDict()), ("storages", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes), ("tensors", new PickleBuilder().Proto(2).BinInt1(0).Stop().Bytes));

        Assert.Contains(Inspect("a.pt", sysInfo).Findings, f => f.Id == "OM4001" && f.Member == "sys_info");
        Assert.Contains(Inspect("b.pt", storages).Findings, f => f.Id == "OM4001" && f.Member == "storages");
        Assert.Contains(Inspect("c.pt", tensors).Findings, f => f.Id == "OM4001" && f.Member == "tensors");
        var ok = Inspect("d.pt", benign);
        Assert.True(ok.Verdict == Verdict.Safe, string.Join("; ", ok.Findings));
    }

    [Fact]
    public void Legacy_storages_are_followed_record_by_record_past_their_raw_bytes()
    {
        var record = new PickleBuilder().Proto(2).Mark().BinUnicode("0").BinUnicode("cpu").Global("torch", "FloatStorage").Tuple().Stop().Bytes;
        byte[] storages = [.. new PickleBuilder().Proto(2).BinInt1(2).Stop().Bytes, .. record, .. BitConverter.GetBytes(4L), .. new byte[16], .. PickleBuilder.Call(2, "os", "system")];
        byte[] benignStorages = [.. new PickleBuilder().Proto(2).BinInt1(2).Stop().Bytes, .. record, .. BitConverter.GetBytes(4L), .. new byte[16], .. record, .. BitConverter.GetBytes(1L), .. new byte[4]];
        var sysInfo = new PickleBuilder().Proto(2).EmptyDict().Stop().Bytes;

        var evil = Inspect("e.pt", ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", sysInfo), ("pickle", PickleBuilder.StateDict()), ("storages", storages)));
        var ok = Inspect("ok.pt", ArtifactFiles.Tar(TarEntryFormat.Ustar, ("sys_info", sysInfo), ("pickle", PickleBuilder.StateDict()), ("storages", benignStorages)));

        Assert.Contains(evil.Findings, f => f.Id == "OM4001" && f.Member == "storages");
        Assert.True(ok.Verdict == Verdict.Safe, string.Join("; ", ok.Findings));
    }

    public void Dispose() => _files.Dispose();

    /// <summary>Moves the central directory and every local-header offset by <paramref name="shift"/> bytes.</summary>
    private static void ShiftOffsets(byte[] combined, int shift)
    {
        var eocd = combined.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        var directory = BitConverter.ToUInt32(combined, eocd + 16) + (uint)shift;
        BitConverter.GetBytes(directory).CopyTo(combined, eocd + 16);
        for (var at = (int)directory; at < eocd; at += 46 + BitConverter.ToUInt16(combined, at + 28) + BitConverter.ToUInt16(combined, at + 30) + BitConverter.ToUInt16(combined, at + 32))
        {
            BitConverter.GetBytes(BitConverter.ToUInt32(combined, at + 42) + (uint)shift).CopyTo(combined, at + 42);
        }
    }

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
