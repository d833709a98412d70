using System.IO.Compression;
using OpenModel.Core.Inspection;
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
    [InlineData(12, "bzip2")]
    [InlineData(14, "LZMA")]
    public void Npz_members_compressed_with_methods_the_scan_cannot_decompress_are_never_safe(int method, string name)
    {
        var npz = ArtifactFiles.Zip(("payload.npy", ArtifactFiles.Npy("<f4", new byte[8])));
        var local = 0;
        var central = npz.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x01, 0x02 });
        BitConverter.GetBytes((ushort)method).CopyTo(npz, local + 8);
        BitConverter.GetBytes((ushort)method).CopyTo(npz, central + 10);

        var result = Inspect("c.npz", npz);

        Assert.NotEqual(Verdict.Safe, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Message.Contains(name) && f.Member == "payload.npy");
    }

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
