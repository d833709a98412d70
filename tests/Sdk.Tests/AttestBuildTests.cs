using System.Security.Cryptography;
using OpenModel.Core.Release.Attestations;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>AIBomAttest=true on build and pack, against the packed SDK.</summary>
[Collection(PackedSdkCollection.Name)]
public class AttestBuildTests(PackedSdk sdk)
{
    [Fact]
    public async Task Build_and_pack_write_signed_attestations_that_verify_and_an_unchanged_build_keeps_them()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var project = sdk.NewConsumer()
            .WriteModel("models/scorer.onnx")
            .Write("Lib.cs", "namespace App; public static class Lib { }")
            .Write("keys/release.pem", ecdsa.ExportPkcs8PrivateKeyPem())
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <AIBomAttest>true</AIBomAttest>
                    <AIBomSigningKey>keys/release.pem</AIBomSigningKey>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/scorer.onnx" LicenseExpression="MIT" />
                  </ItemGroup>
                </Project>
                """);
        var key = VerificationKey.FromPem(ecdsa.ExportSubjectPublicKeyInfoPem());
        var output = Path.Combine(project.Directory, "bin", "Debug", "net10.0");
        var envelope = Path.Combine(output, "App.aibom.cdx.json.intoto.json");

        var build = await project.BuildAsync();
        Assert.True(build.ExitCode == 0, build.Output);
        AssertVerifies(envelope, Path.Combine(output, "App.aibom.cdx.json"), output, key, "App.dll");
        var written = File.ReadAllBytes(envelope);
        var again = await project.BuildAsync();
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(written, File.ReadAllBytes(envelope));

        var pack = await DotNet.RunAsync(project.Directory, "pack", "-nologo", "-o", "nupkg");
        Assert.True(pack.ExitCode == 0, pack.Output);
        var feed = Path.Combine(project.Directory, "nupkg");
        AssertVerifies(Path.Combine(feed, "App.1.0.0.aibom.cdx.json.intoto.json"), Path.Combine(feed, "App.1.0.0.aibom.cdx.json"), feed, key, "App.1.0.0.nupkg");
        Assert.True(File.Exists(Path.Combine(feed, "App.1.0.0.aibom.cdx.json.sigstore.json")));

        var missingKey = await project.BuildAsync("-p:AIBomSigningKey=NO_SUCH_VARIABLE_12");
        var error = Assert.Single(missingKey.OpenModel.Where(d => d.Severity == "error").DistinctBy(d => d.Message));
        Assert.Equal("OM6006", error.Id);
        Assert.DoesNotContain("NO_SUCH_VARIABLE_12", error.Message);

        var unknownProfile = await project.BuildAsync("-p:AIBomAttest=false", "-p:AIBomComplianceProfiles=cisa-2027");
        var unknownFormat = await project.BuildAsync("-p:AIBomAttest=false", "-p:AIBomFormats=SPDX2");
        Assert.Contains(unknownProfile.OpenModel, d => d.Id == "OM3008" && d.Message.Contains("unknown profile 'cisa-2027'", StringComparison.Ordinal));
        Assert.Contains(unknownFormat.OpenModel, d => d.Id == "OM3008" && d.Message.Contains("unknown format 'SPDX2'", StringComparison.Ordinal));
    }

    /// <summary>
    /// A multi-targeted project packs once, in the outer build, with no single AI-BOM: OM6008, reported by the task through
    /// the catalogue, so OpenModelDiagnosticSeverity silences it or makes it fail the pack.
    /// </summary>
    [Fact]
    public async Task Packing_a_multi_targeted_project_is_OM6008_which_OpenModelDiagnosticSeverity_silences_or_raises()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/scorer.onnx")
            .Write("Lib.cs", "namespace App; public static class Lib { }")
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                    <AIBomAttest>true</AIBomAttest>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/scorer.onnx" LicenseExpression="MIT" />
                  </ItemGroup>
                </Project>
                """);

        var pack = await DotNet.RunAsync(project.Directory, "pack", "-nologo", "-o", "nupkg");

        Assert.True(pack.ExitCode == 0, pack.Output);
        var warning = Assert.Single(pack.OpenModel.Where(d => d.Id == "OM6008").DistinctBy(d => d.Message));
        Assert.Equal("warning", warning.Severity);
        Assert.Contains("to attest App.1.0.0.nupkg with (a multi-targeted project attests each build output instead)", warning.Message);
        Assert.False(File.Exists(Path.Combine(project.Directory, "nupkg", "App.1.0.0.aibom.cdx.json.intoto.json")));
        Assert.All(["net8.0", "net10.0"], framework => Assert.True(File.Exists(Path.Combine(project.Directory, "bin", "Release", framework, "App.aibom.cdx.json.intoto.json")), pack.Output));

        var silenced = await DotNet.RunAsync(project.Directory, "pack", "-nologo", "--no-build", "-o", "nupkg", "-p:OpenModelDiagnosticSeverity=OM6008=none");
        Assert.True(silenced.ExitCode == 0, silenced.Output);
        Assert.DoesNotContain(silenced.OpenModel, d => d.Id == "OM6008");

        var raised = await DotNet.RunAsync(project.Directory, "pack", "-nologo", "--no-build", "-o", "nupkg", "-p:OpenModelDiagnosticSeverity=OM6008=error");
        Assert.NotEqual(0, raised.ExitCode);
        Assert.Equal("error", Assert.Single(raised.OpenModel.Where(d => d.Id == "OM6008").DistinctBy(d => d.Message)).Severity);
    }

    private static void AssertVerifies(string envelope, string bom, string folder, VerificationKey key, string subject)
    {
        var result = AttestationVerifier.Verify(envelope, File.ReadAllBytes(envelope), key, bom, File.ReadAllBytes(bom), folder);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(subject, Assert.Single(result.VerifiedSubjects).Name);
    }
}
