using System.Text.Json;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-check-").FullName;

    [Fact]
    public void A_plain_BOM_fails_both_profiles_with_one_diagnostic_per_missing_element_in_text_json_and_sarif()
    {
        var bom = WriteBom(profiles: false);

        var text = Run("check", "--profile", "cisa-2026", "--profile", "g7-ai", bom);
        var json = Run("check", "--profile", "g7-ai", bom, "--format", "json");
        var sarif = Run("check", "--profile", "cisa-2026", bom, "--format", "sarif");

        Assert.Equal(1, text.Exit);
        Assert.Contains("cisa-2026: FAIL", text.Output);
        Assert.Contains($"{bom}: warning OM6110: cisa-2026: minimum element 'Timestamp' is missing", text.Output);
        Assert.Contains($"{bom}: warning OM6204: g7-ai: minimum element 'Metadata: signature' is missing", text.Output);
        using var report = JsonDocument.Parse(json.Output);
        var elements = report.RootElement[0].GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal("missing", elements.Single(e => e.GetProperty("id").GetString() == "OM6204").GetProperty("status").GetString());
        Assert.Equal("present", elements.Single(e => e.GetProperty("id").GetString() == "OM6207").GetProperty("status").GetString());
        using var log = JsonDocument.Parse(sarif.Output);
        var ruleIds = log.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("ruleId").GetString()).ToList();
        Assert.Contains("OM6110", ruleIds);
        Assert.Equal(ruleIds.Distinct().Count(), ruleIds.Count);
    }

    [Fact]
    public void A_BOM_completed_for_the_profiles_and_attested_passes_both()
    {
        var bom = WriteBom(profiles: true);
        using (var ecdsa = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(Path.Combine(_dir, "key.pem"), ecdsa.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(Path.Combine(_dir, "App.dll"), "output");
        Assert.Equal(0, Run("attest", bom, "--subject", Path.Combine(_dir, "App.dll"), "--key", Path.Combine(_dir, "key.pem")).Exit);

        var (exit, output, _) = Run("check", "--profile", "cisa-2026", "--profile", "g7-ai", bom);

        Assert.True(exit == 0, output);
        Assert.Contains("g7-ai: pass", output);
        Assert.Contains("unknown  OM6105 Software Identifiers (1 component(s) marked)", output);
    }

    [Fact]
    public void Unreadable_BOM_is_OM3008_and_exit_code_2()
    {
        var path = Path.Combine(_dir, "broken.json");
        File.WriteAllText(path, "{");

        var (exit, _, error) = Run("check", "--profile", "g7-ai", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: error OM3008", error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteBom(bool profiles)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "models"));
        File.WriteAllText(Path.Combine(_dir, "models", "a.onnx"), "weights");
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _dir, Authors = "Contoso" },
            Artifacts = [new ArtifactDeclaration(ArtifactKind.Model, "models/a.onnx", new Dictionary<string, string> { ["LicenseExpression"] = "MIT", ["Version"] = "1" }, _dir)],
        };
        var bom = AIBomBuilder.Build(request, Path.Combine(_dir, "App.csproj")).Bom;
        if (profiles)
        {
            OpenModel.Core.Release.Compliance.ComplianceFacts.Apply(bom, OpenModel.Core.Release.Compliance.ComplianceProfiles.All, "Contoso");
        }

        var path = Path.Combine(_dir, "App.aibom.cdx.json");
        File.WriteAllBytes(path, BomSerializer.Serialize(bom));
        return path;
    }
}
