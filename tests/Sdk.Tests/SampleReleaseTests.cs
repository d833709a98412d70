using System.Diagnostics;
using System.Security.Cryptography;
using OpenModel.Core.Release.Attestations;
using OpenModel.Core.Release.Compliance;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>
/// The sample as a release pipeline builds it: CycloneDX 1.7 with citations, attested with a test key and completed for both compliance profiles. Its
/// bin/ and obj/ are a temp folder of its own, so this runs in parallel with <see cref="SampleTests"/>.
/// </summary>
public sealed class SampleReleaseTests : IDisposable
{
    private readonly SampleArtifacts _artifacts = new();
    private readonly string _keys = Directory.CreateTempSubdirectory("openmodel-sample-key-").FullName;

    [Fact]
    public async Task Attested_sample_passes_both_profiles_its_SPDX_3_validates_and_OpenSSL_verifies_its_attestation()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var privateKey = Path.Combine(_keys, "test-signing-key.pem");
        var publicKey = Path.Combine(_keys, "test-signing-key.pub");
        File.WriteAllText(privateKey, ecdsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(publicKey, ecdsa.ExportSubjectPublicKeyInfoPem());

        var build = await DotNet.RunAsync(DotNet.RepoRoot, "build", "samples/SentimentService/SentimentService.csproj", "-nologo", "-clp:NoSummary", _artifacts.Property,
            "-p:AIBomAttest=true", $"-p:AIBomSigningKey={privateKey}", "-p:AIBomComplianceProfiles=cisa-2026%3Bg7-ai", "-p:AIBomFormats=CycloneDX%3BSPDX3", "-p:AIBomSpecVersion=1.7");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.OpenModel, d => d.Id.StartsWith("OM6", StringComparison.Ordinal));
        var output = _artifacts.OutputOf("SentimentService");
        var bomPath = Path.Combine(output, "SentimentService.aibom.cdx.json");
        var envelopePath = bomPath + ".intoto.json";
        var bom = File.ReadAllBytes(bomPath);
        var envelope = File.ReadAllBytes(envelopePath);
        Assert.Empty(OpenModel.Tests.Shared.CycloneDxSchema.Validate17(bom));
        var citations = System.Text.Encoding.UTF8.GetString(bom);
        Assert.Contains("\"note\": \"LicenseExpression of AIModel 'models/sentiment.onnx' in SentimentService.csproj:23", citations); // the line of the declaration
        Assert.Matches("\"note\": \"[A-Za-z]+\\.cs:[0-9]+, a load site the OpenModel analyzers reported", citations);
        Assert.Contains("\"note\": \"SHA-256 computed by OpenModel.Sdk over models/sentiment.onnx", citations);
        Assert.Contains("\"note\": \"the licence element of Microsoft.ML.OnnxRuntime 1.31.1's .nuspec", citations);
        var spdxErrors = OpenModel.Tests.Shared.Spdx3Schema.Validate(File.ReadAllBytes(Path.Combine(output, "SentimentService.aibom.spdx3.json")));
        Assert.True(spdxErrors.Count == 0, string.Join("\n", spdxErrors));
        foreach (var profile in ComplianceProfiles.All)
        {
            var report = ComplianceChecker.Check(profile, bomPath, bom, envelope);
            Assert.True(report.Passes, string.Join("\n", report.Diagnostics));
        }

        var verification = AttestationVerifier.Verify(envelopePath, envelope, VerificationKey.FromPem(File.ReadAllText(publicKey)), bomPath, bom, output);
        Assert.True(verification.Succeeded, string.Join("\n", verification.Problems));
        Assert.Equal("SentimentService.dll", Assert.Single(verification.VerifiedSubjects).Name);

        var independent = await RunScriptAsync(envelopePath, publicKey, bomPath);
        Assert.True(independent.Exit == 0, independent.Output);
        Assert.Contains("openssl: ECDSA P-256 (DER) signature over the PAE verified", independent.Output);
        Assert.Contains("python: subject SentimentService.dll sha256 matches", independent.Output);

        bom[bom.Length / 2] ^= 0x01;
        File.WriteAllBytes(bomPath, bom);
        var tampered = await RunScriptAsync(envelopePath, publicKey, bomPath);
        Assert.NotEqual(0, tampered.Exit);
    }

    public void Dispose()
    {
        Directory.Delete(_keys, recursive: true);
        _artifacts.Dispose();
    }

    /// <summary>tests/Release/verify-attestation.sh: OpenSSL over the PAE built in shell, python for subjects and predicate.</summary>
    private static async Task<(int Exit, string Output)> RunScriptAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(DotNet.RepoRoot, "tests", "Release", "verify-attestation.sh"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
