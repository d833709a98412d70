using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>NeMo .nemo archives: Hydra _target_ allow-list, checkpoints inspected, repeated members, gzip.</summary>
public sealed class NemoArchiveTests : IDisposable
{
    private const string BenignConfig = "target: nemo.collections.asr.models.EncDecCTCModel\nencoder:\n  _target_: nemo.collections.asr.modules.ConvASREncoder\noptim:\n  name: adamw\n  sched:\n    _target_: torch.optim.lr_scheduler.CosineAnnealingLR\n";

    private readonly TestProject _files = new();

    [Theory]
    [InlineData("encoder:\n  _target_: os.system\n  command: id\n", Verdict.Dangerous)]
    [InlineData("preprocessor:\n  - _target_: builtins.exec\n", Verdict.Dangerous)]
    [InlineData("decoder:\n  _target_: my_lab.decoders.Custom\n", Verdict.Suspicious)]
    public void Hydra_targets_outside_NeMo_are_reported(string config, Verdict verdict)
    {
        var result = Inspect("m.nemo", ArtifactFiles.Tar(TarEntryFormat.Gnu, ("./model_config.yaml", Encoding.UTF8.GetBytes(config)), ("./model_weights.ckpt", ArtifactFiles.TorchZip())));

        Assert.Equal(("nemo", verdict), (result.Metadata["format"], result.Verdict));
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Message.Contains("_target_"));
    }

    [Fact]
    public void A_benign_nemo_archive_is_safe_and_its_checkpoint_is_inspected()
    {
        var benign = Inspect("ok.nemo", ArtifactFiles.Tar(TarEntryFormat.Gnu, ("./model_config.yaml", Encoding.UTF8.GetBytes(BenignConfig)), ("./model_weights.ckpt", ArtifactFiles.TorchZip())));
        var evil = Inspect("evil.nemo", ArtifactFiles.Tar(TarEntryFormat.Gnu, ("./model_config.yaml", Encoding.UTF8.GetBytes(BenignConfig)), ("./model_weights.ckpt", ArtifactFiles.TorchZip(PickleBuilder.Call(2, "os", "system")))));

        Assert.True(benign.Verdict == Verdict.Safe, string.Join("; ", benign.Findings));
        Assert.Equal(Verdict.Dangerous, evil.Verdict);
        Assert.Contains(evil.Findings, f => f.Id == "OM4001" && f.Member == "model_weights.ckpt → archive/data.pkl");
    }

    [Fact]
    public void A_repeated_checkpoint_name_is_reported_and_both_copies_are_inspected()
    {
        var result = Inspect("dup.nemo", ArtifactFiles.Tar(TarEntryFormat.Gnu, ("model_config.yaml", Encoding.UTF8.GetBytes(BenignConfig)), ("model_weights.ckpt", ArtifactFiles.TorchZip()), ("model_weights.ckpt", ArtifactFiles.TorchZip(PickleBuilder.Call(2, "subprocess", "run")))));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4004" && f.Message.Contains("twice"));
    }

    [Fact]
    public void A_gzip_compressed_nemo_archive_is_inspected_too()
    {
        var tar = ArtifactFiles.Tar(TarEntryFormat.Gnu, ("./model_config.yaml", Encoding.UTF8.GetBytes("x:\n  _target_: subprocess.Popen\n")), ("./model_weights.ckpt", ArtifactFiles.TorchZip()));
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(tar);
        }

        var result = Inspect("gz.nemo", buffer.ToArray());

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Message.Contains("subprocess.Popen"));
    }

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
