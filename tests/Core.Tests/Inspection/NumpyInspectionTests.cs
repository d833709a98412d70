using System.IO.Compression;
using OpenModel.Core.Inspection;
using SharpCompress.Common;
using SharpCompress.Writers;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>NumPy headers are Python literals: judged the way numpy.lib.format reads them, whatever the spelling.</summary>
public sealed class NumpyInspectionTests : IDisposable
{
    private static readonly byte[] SystemCall = PickleBuilder.Call(3, "posix", "system");

    private readonly TestProject _files = new();

    [Theory]
    [InlineData("""{"descr":"|O","fortran_order":False,"shape":(2,)}""")]
    [InlineData("""{'shape': (2,), 'fortran_order': False, 'descr': '|O'}""")]
    [InlineData("""{'descr':'>O','fortran_order':False,'shape':(2,)}""")]
    [InlineData("""{'descr': '|O8', 'fortran_order': False, 'shape': (2,), }""")]
    [InlineData("""{'descr': 'object', 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': '\x7cO', 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': '|' 'O', 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': 'i4,O', 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': [('a', '<f4'), ('b', '|O')], 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': [('a', '<f4'), ('s', [('x', '<i8'), ('y', '|O', (2,))])], 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': [(('title', 'a'), '|O')], 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{u'descr': u"|O", 'fortran_order': 0 == 0 and False or False, 'shape': (2,)}""", false)]
    public void Any_spelling_of_an_object_dtype_scans_the_pickle_body(string header, bool parses = true)
    {
        var result = Inspect("x.npy", ArtifactFiles.NpyRaw(header, SystemCall));

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        if (parses)
        {
            Assert.Equal(Verdict.Dangerous, result.Verdict);
            Assert.Contains(result.Findings, f => f.Id == "OM4005");
            Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Message.Contains("posix.system"));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Header_versions_2_and_3_are_read(int major)
    {
        var result = Inspect("v.npy", ArtifactFiles.NpyRaw("""{"descr": "|O", "fortran_order": False, "shape": (2,)}""", SystemCall, major));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
    }

    [Theory]
    [InlineData("""{"descr":"<f4","fortran_order":False,"shape":(2,)}""")]
    [InlineData("""{'shape': (2, 1), 'descr': '>i8', 'fortran_order': True}""")]
    [InlineData("""{'descr': [('a', '<f4'), ('b', [('c', '<i2', (2,))])], 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': '<M8[ns]', 'fortran_order': False, 'shape': (2,)}""")]
    [InlineData("""{'descr': '<U10', 'fortran_order': False, 'shape': ()}""")]
    public void Plain_dtypes_in_any_spelling_are_safe(string header)
    {
        var result = Inspect("ok.npy", ArtifactFiles.NpyRaw(header, new byte[64]));

        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
    }

    [Theory]
    [InlineData("{'descr': '|O', 'fortran_order': False")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,), 'extra': 1}")]
    [InlineData("['descr', '|O']")]
    [InlineData("{'descr': 'mystery', 'fortran_order': False, 'shape': (2,)}")]
    [InlineData("{'descr': '|O', 'fortran_order': False, 'shape': (2,)} + x")]
    public void A_header_that_does_not_parse_or_numpy_would_refuse_is_never_safe(string header)
    {
        var result = Inspect("bad.npy", ArtifactFiles.NpyRaw(header, new byte[64]));

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id is "OM4004" or "OM4005");
    }

    [Fact]
    public void Unknown_format_versions_are_never_safe() =>
        Assert.NotEqual(Verdict.Safe, Inspect("v9.npy", ArtifactFiles.NpyRaw("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)}", new byte[8], 9)).Verdict);

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public void Every_npz_member_is_inspected_whatever_its_name(CompressionLevel level)
    {
        var npz = ArtifactFiles.Zip(level, ("ok.npy", ArtifactFiles.Npy("<f4", new byte[8])), ("payload", ArtifactFiles.NpyRaw("""{"descr":"|O","fortran_order":False,"shape":(2,)}""", SystemCall)));
        var benign = ArtifactFiles.Zip(level, ("a.npy", ArtifactFiles.Npy("<f4", new byte[8])), ("b", ArtifactFiles.Npy("<i8", new byte[16])));

        var result = Inspect("arrays.npz", npz);

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Member == "payload");
        Assert.Equal(Verdict.Safe, Inspect("benign.npz", benign).Verdict);
    }

    [Theory]
    [InlineData(12)]
    [InlineData(14)]
    [InlineData(93)]
    [InlineData(98)]
    public void Npz_members_whose_bytes_the_declared_method_cannot_decompress_are_never_safe(int method)
    {
        var npz = ArtifactFiles.Zip(("payload.npy", ArtifactFiles.Npy("<f4", new byte[8])));
        var local = 0;
        var central = npz.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x01, 0x02 });
        BitConverter.GetBytes((ushort)method).CopyTo(npz, local + 8);
        BitConverter.GetBytes((ushort)method).CopyTo(npz, central + 10);

        var result = Inspect("c.npz", npz);

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Member == "payload.npy");
    }

    /// <summary>bzip2 and LZMA: fixtures written by Python's zipfile (Fixtures/make_npz.py), the reader numpy.load uses; Zstandard (Python 3.14) written here.</summary>
    [Theory]
    [InlineData("bzip2")]
    [InlineData("lzma")]
    [InlineData("zstd")]
    public void Compressed_npz_members_are_decompressed_and_scanned(string method)
    {
        var payload = Inspect($"{method}.npz", Npz(method, "payload"));
        var benign = Inspect($"{method}-benign.npz", Npz(method, "benign"));

        Assert.Equal(Verdict.Dangerous, payload.Verdict);
        Assert.Contains(payload.Findings, f => f.Id == "OM4001" && f.Member == "payload" && f.Message.Contains("posix.system"));
        Assert.True(benign.Verdict == Verdict.Safe, string.Join("; ", benign.Findings));
    }

    [Theory]
    [InlineData("bzip2")]
    [InlineData("lzma")]
    [InlineData("zstd")]
    public void A_damaged_compressed_member_is_never_safe_and_the_other_members_are_still_scanned(string method)
    {
        var npz = Npz(method, "payload");
        var (_, dataOffset, compressed) = Member(npz, "weights.npy");
        for (var i = 16; i < compressed; i++)
        {
            npz[dataOffset + i] ^= 0x5a;
        }

        var result = Inspect($"damaged-{method}.npz", npz);

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4001" && f.Member == "payload");
        Assert.Contains(result.Findings, f => f.Id is "OM4004" or "OM4005" && f.Member == "weights.npy");
    }

    [Fact]
    public void An_lzma_member_that_needs_a_window_larger_than_the_bound_is_not_inspected()
    {
        var npz = Fixture("lzma-payload.npz");
        var (central, dataOffset, _) = Member(npz, "payload");
        var local = BitConverter.ToInt32(npz, central + 42);
        BitConverter.GetBytes(1u << 30).CopyTo(npz, dataOffset + 5);
        BitConverter.GetBytes(1u << 30).CopyTo(npz, central + 24);
        BitConverter.GetBytes(1u << 30).CopyTo(npz, local + 22);

        var result = Inspect("window.npz", npz);

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Member == "payload" && f.Message.Contains("window"));
    }

    [Fact]
    public void A_zstandard_member_that_needs_a_window_larger_than_the_bound_is_not_inspected()
    {
        var npz = Npz("zstd", "payload");
        var (_, dataOffset, _) = Member(npz, "payload");
        Assert.Equal(0xFD2FB528u, BitConverter.ToUInt32(npz, dataOffset));
        Assert.Equal(0, npz[dataOffset + 4] & 0x20); // streamed: not single-segment, so a window descriptor follows
        npz[dataOffset + 5] = (27 - 10) << 3; // 2^27 = 128 MiB, which libzstd (and so zipfile) still accepts

        var result = Inspect("zstd-window.npz", npz);

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Member == "payload" && f.Message.Contains("window"));
        Assert.DoesNotContain(result.Findings, f => f.Member == "weights.npy");
    }

    /// <summary>zipfile has no PPMd decompressor, so numpy.load cannot load the member: never safe, even when its bytes are benign.</summary>
    [Theory]
    [InlineData("payload")]
    [InlineData("benign")]
    public void A_ppmd_npz_member_is_never_safe_and_says_zipfile_cannot_read_it(string kind)
    {
        var result = Inspect($"ppmd-{kind}.npz", Npz("ppmd", kind));

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Member == "weights.npy" && f.Message.Contains("PPMd") && f.Message.Contains("numpy.load cannot load"));
    }

    public void Dispose() => _files.Dispose();

    /// <summary>
    /// A payload (a float array and an object array calling posix.system) or benign .npz: bzip2 and LZMA from the fixtures
    /// Python's zipfile wrote, Zstandard and PPMd from SharpCompress's ZipWriter (methods 93 and 98, data descriptors).
    /// </summary>
    private static byte[] Npz(string method, string kind)
    {
        if (method is "bzip2" or "lzma")
        {
            return Fixture($"{method}-{kind}.npz");
        }

        var second = kind == "payload"
            ? ("payload", ArtifactFiles.NpyRaw("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }", SystemCall))
            : ("bias.npy", ArtifactFiles.Npy("<i8", new byte[16]));
        using var buffer = new MemoryStream();
        using (var writer = WriterFactory.OpenWriter(buffer, ArchiveType.Zip, new WriterOptions(method == "zstd" ? CompressionType.ZStandard : CompressionType.PPMd) { LeaveStreamOpen = true }))
        {
            foreach (var (name, content) in new[] { ("weights.npy", ArtifactFiles.Npy("<f4", new byte[8])), second })
            {
                using var data = new MemoryStream(content);
                writer.Write(name, data);
            }
        }

        return buffer.ToArray();
    }

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Inspection", "Fixtures", name));

    /// <summary>The central header offset, data offset and compressed size of the named member of a small archive.</summary>
    private static (int Central, int DataOffset, int Compressed) Member(byte[] zip, string name)
    {
        var central = zip.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x01, 0x02 });
        while (System.Text.Encoding.UTF8.GetString(zip, central + 46, BitConverter.ToUInt16(zip, central + 28)) != name)
        {
            central += 46 + BitConverter.ToUInt16(zip, central + 28) + BitConverter.ToUInt16(zip, central + 30) + BitConverter.ToUInt16(zip, central + 32);
        }

        var local = BitConverter.ToInt32(zip, central + 42);
        var data = local + 30 + BitConverter.ToUInt16(zip, local + 26) + BitConverter.ToUInt16(zip, local + 28);
        return (central, data, BitConverter.ToInt32(zip, central + 20));
    }
}
