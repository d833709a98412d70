using System.IO.Compression;
using System.Text;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

public sealed class ArtifactInspectorTests : IDisposable
{
    private readonly TestProject _files = new();

    [Theory]
    [InlineData(CompressionLevel.NoCompression)]
    [InlineData(CompressionLevel.Optimal)]
    public void Benign_PyTorch_zip_checkpoint_is_safe(CompressionLevel level)
    {
        var result = Inspect("model.pt", ArtifactFiles.TorchZip(level));

        Assert.Equal((Verdict.Safe, "pytorch-zip"), (result.Verdict, result.Metadata["format"]));
        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Every_pkl_member_is_scanned_not_only_data_pkl()
    {
        var result = Inspect("model.pt", ArtifactFiles.TorchZip(CompressionLevel.Optimal, ("archive/extra/hook.pkl", PickleBuilder.Call(2, "os", "system"))));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Equal("archive/extra/hook.pkl", Assert.Single(result.Findings, f => f.Id == "OM4001").Member);
    }

    [Fact]
    public void Local_header_name_that_disagrees_with_the_central_directory_is_OM4004()
    {
        var zip = ArtifactFiles.TorchZip();
        var local = Encoding.ASCII.GetBytes("archive/data.pkl");
        var index = zip.AsSpan().IndexOf(local);
        Encoding.ASCII.GetBytes("archive/data.pkx").CopyTo(zip, index);

        var result = Inspect("model.pt", zip);

        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Message.Contains("local header names this member 'archive/data.pkx'"));
        Assert.NotEqual(Verdict.Safe, result.Verdict);
    }

    [Fact]
    public void A_local_entry_hidden_from_the_central_directory_is_OM4004()
    {
        var hidden = ArtifactFiles.Zip(("evil.pkl", PickleBuilder.Call(2, "os", "system")));
        var central = hidden.AsSpan().IndexOf(new byte[] { 0x50, 0x4b, 0x01, 0x02 });
        var torch = ArtifactFiles.TorchZip();

        // Prepend the hidden entry's local header and data to a valid archive and shift the archive's offsets past it.
        var prefix = hidden[..central];
        var combined = prefix.Concat(torch).ToArray();
        var eocd = combined.AsSpan().LastIndexOf(new byte[] { 0x50, 0x4b, 0x05, 0x06 });
        var directory = BitConverter.ToUInt32(combined, eocd + 16) + (uint)prefix.Length;
        BitConverter.GetBytes(directory).CopyTo(combined, eocd + 16);
        for (var at = (int)directory; at < eocd; at += 46 + BitConverter.ToUInt16(combined, at + 28) + BitConverter.ToUInt16(combined, at + 30) + BitConverter.ToUInt16(combined, at + 32))
        {
            BitConverter.GetBytes(BitConverter.ToUInt32(combined, at + 42) + (uint)prefix.Length).CopyTo(combined, at + 42);
        }

        var result = Inspect("smuggled.pt", combined);

        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Member == "evil.pkl" && f.Message.Contains("does not list"));
        Assert.NotEqual(Verdict.Safe, result.Verdict);
    }

    [Fact]
    public void Encrypted_members_and_truncated_archives_are_never_safe()
    {
        var encrypted = ArtifactFiles.TorchZip();
        encrypted[6] |= 1;
        var truncated = ArtifactFiles.TorchZip()[..^30];

        var encryptedResult = Inspect("enc.pt", encrypted);
        var truncatedResult = Inspect("cut.pt", truncated);

        Assert.Contains(encryptedResult.Findings, f => f.Id == "OM4004" && f.Message.Contains("encrypted"));
        Assert.NotEqual(Verdict.Safe, encryptedResult.Verdict);
        Assert.Contains(truncatedResult.Findings, f => f.Id == "OM4004");
        Assert.NotEqual(Verdict.Safe, truncatedResult.Verdict);
    }

    [Fact]
    public void Legacy_tar_checkpoints_are_scanned()
    {
        var result = Inspect("old.pt", ArtifactFiles.TorchTar(PickleBuilder.Call(2, "subprocess", "Popen")));

        Assert.Equal(("pytorch-tar", Verdict.Dangerous), (result.Metadata["format"], result.Verdict));
        Assert.Equal("pickle", Assert.Single(result.Findings, f => f.Id == "OM4001").Member);
        Assert.Equal(Verdict.Safe, Inspect("old-ok.pt", ArtifactFiles.TorchTar(PickleBuilder.StateDict())).Verdict);
    }

    [Fact]
    public void A_pickle_disguised_as_safetensors_is_reported_and_scanned()
    {
        var result = Inspect("model.safetensors", PickleBuilder.Call(4, "os", "system"));

        Assert.Equal(ArtifactFormat.Pickle, result.Format);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Message.Contains("the extension promises Safetensors, the content is Pickle"));
        Assert.Equal(Verdict.Dangerous, result.Verdict);
    }

    [Fact]
    public void Safetensors_headers_are_checked_against_the_data()
    {
        var valid = Inspect("ok.safetensors", ArtifactFiles.Safetensors("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"__metadata__":{"format":"pt","license":"apache-2.0"}}""", 16));
        var wrongSize = Inspect("size.safetensors", ArtifactFiles.Safetensors("""{"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,8]}}""", 16));
        var overlap = Inspect("overlap.safetensors", ArtifactFiles.Safetensors("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 16));
        var pastEnd = Inspect("end.safetensors", ArtifactFiles.Safetensors("""{"w":{"dtype":"F32","shape":[8],"data_offsets":[0,32]}}""", 16));

        Assert.Equal((Verdict.Safe, "4", "apache-2.0"), (valid.Verdict, valid.Metadata["parameter_count"], valid.Metadata["license"]));
        Assert.Contains(wrongSize.Findings, f => f.Id == "OM4008" && f.Message.Contains("needs 16 bytes, offsets give 8"));
        Assert.Contains(overlap.Findings, f => f.Id == "OM4008" && f.Message.Contains("overlap"));
        Assert.Contains(pastEnd.Findings, f => f.Id == "OM4008" && f.Message.Contains("past the 16 bytes of data"));
        Assert.All(new[] { wrongSize, overlap, pastEnd }, r => Assert.Equal(Verdict.Dangerous, r.Verdict));
    }

    [Fact]
    public void GGUF_headers_give_metadata_and_forged_or_truncated_ones_OM4008()
    {
        var valid = Inspect("m.gguf", ArtifactFiles.Gguf());
        var forged = Inspect("forged.gguf", ArtifactFiles.Gguf(forgedKeyCount: 1UL << 40));
        var truncated = Inspect("cut.gguf", ArtifactFiles.Gguf()[..60]);

        Assert.Equal((Verdict.Safe, "llama", "mit", "16"), (valid.Verdict, valid.Metadata["architecture"], valid.Metadata["license"], valid.Metadata["parameter_count"]));
        Assert.Contains(forged.Findings, f => f.Id == "OM4008" && f.Message.Contains("more than a"));
        Assert.Contains(truncated.Findings, f => f.Id == "OM4008");
    }

    [Fact]
    public void ONNX_models_parse_and_external_data_must_stay_inside_the_folder()
    {
        var sample = Inspect("sentiment.onnx", TestProject.OnnxModel);
        var escaping = Inspect("escape.onnx", ArtifactFiles.OnnxWithExternalData("../../etc/passwd"));
        var absolute = Inspect("absolute.onnx", ArtifactFiles.OnnxWithExternalData("/etc/shadow"));
        _files.WriteBytes("weights.bin", new byte[16]);
        var local = Inspect("local.onnx", ArtifactFiles.OnnxWithExternalData("weights.bin"));

        Assert.Equal((Verdict.Safe, "OpenModel.Samples.Trainer", "103", "MIT", "ai.onnx:13"),
            (sample.Verdict, sample.Metadata["producer"], sample.Metadata["parameter_count"], sample.Metadata["license"], sample.Metadata["onnx.opset"]));
        Assert.Contains(escaping.Findings, f => f.Id == "OM4007" && f.Message.Contains("'../../etc/passwd'"));
        Assert.Contains(absolute.Findings, f => f.Id == "OM4007");
        Assert.Equal(Verdict.Safe, local.Verdict);
        Assert.NotEqual(Verdict.Safe, Inspect("cut.onnx", TestProject.OnnxModel[..200]).Verdict);
    }

    [Fact]
    public void NumPy_object_arrays_are_OM4005_and_their_pickle_is_scanned()
    {
        var numbers = Inspect("ok.npy", ArtifactFiles.Npy("<f4", new byte[8]));
        var objects = Inspect("obj.npy", ArtifactFiles.Npy("|O", new PickleBuilder().Proto(2).EmptyList().Stop().Bytes));
        var npz = Inspect("arrays.npz", ArtifactFiles.Zip(("x.npy", ArtifactFiles.Npy("|O", PickleBuilder.Call(2, "os", "system")))));

        Assert.True(numbers.Verdict == Verdict.Safe, string.Join("; ", numbers.Findings));
        Assert.Equal((Verdict.Suspicious, "OM4005"), (objects.Verdict, Assert.Single(objects.Findings).Id));
        Assert.Equal(Verdict.Dangerous, npz.Verdict);
        Assert.Contains(npz.Findings, f => f.Id == "OM4001" && f.Member == "x.npy");
    }

    [Fact]
    public void Keras_Lambda_layers_are_OM4006_in_archives_and_HDF5()
    {
        var config = """{"class_name": "Sequential", "config": {"layers": [{"class_name": "Dense", "config": {"name": "d"}}, {"class_name": "Lambda", "config": {"name": "preprocess", "function": "4wEAAAA"}}]}}""";
        var keras = Inspect("m.keras", ArtifactFiles.Zip(("config.json", Encoding.UTF8.GetBytes(config)), ("metadata.json", "{}"u8.ToArray())));
        var h5 = Inspect("m.h5", [0x89, .. "HDF\r\n\x1a\n"u8, .. new byte[100], .. Encoding.UTF8.GetBytes("{\"class_name\": \"Lambda\", \"config\": {}}"), .. new byte[100]]);

        Assert.Equal("Keras Lambda layer 'preprocess' deserialises and runs Python code", Assert.Single(keras.Findings, f => f.Id == "OM4006").Message);
        Assert.Contains(h5.Findings, f => f.Id == "OM4006");
        Assert.Equal(Verdict.Suspicious, keras.Verdict);
    }

    [Fact]
    public void Unknown_content_is_an_error_verdict_never_safe()
    {
        var result = Inspect("weights.bin", Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251)).ToArray());

        Assert.Equal((ArtifactFormat.Unknown, Verdict.Error), (result.Format, result.Verdict));
        Assert.Contains(result.Findings, f => f.Id == "OM4004");
    }

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
