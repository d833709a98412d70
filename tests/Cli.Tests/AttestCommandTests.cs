using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

/// <summary>
/// <c>openmodel attest</c> and <c>openmodel verify --attestation</c> end to end, and OpenSSL as the independent verifier of
/// the DSSE signature over the pre-authentication encoding.
/// </summary>
public sealed class AttestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-attest-").FullName;
    private readonly string _bom;
    private readonly string _subject;

    public AttestCommandTests()
    {
        _subject = Path.Combine(_dir, "App.dll");
        File.WriteAllText(_subject, "the build output");
        File.WriteAllText(Path.Combine(_dir, "model.onnx"), "weights");
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _dir },
            Artifacts = [new ArtifactDeclaration(ArtifactKind.Model, "model.onnx", new Dictionary<string, string> { ["LicenseExpression"] = "MIT" }, _dir)],
        };
        _bom = Path.Combine(_dir, "App.aibom.cdx.json");
        File.WriteAllBytes(_bom, BomSerializer.Serialize(AIBomBuilder.Build(request, Path.Combine(_dir, "App.csproj")).Bom));
    }

    public static TheoryData<string> Algorithms => new() { "ecdsa", "ed25519" };

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Signed_attestation_and_its_bundle_verify_with_the_public_key(string algorithm)
    {
        var (key, pub) = WriteKeys(algorithm);

        var attest = Run("attest", _bom, "--subject", _subject, "--key", key);
        var envelope = Run("verify", "--attestation", _bom + ".intoto.json", "--key", pub);
        var bundle = Run("verify", "--attestation", Path.Combine(_dir, "App.aibom.cdx.json.sigstore.json"), "--key", pub);

        Assert.Equal(0, attest.Exit);
        Assert.Equal((0, 0), (envelope.Exit, bundle.Exit));
        Assert.Contains("verified  App.dll  sha256:" + Sha(_subject), envelope.Output);
        Assert.Contains("attestation verified", bundle.Output);
        using var statement = Statement(_bom + ".intoto.json");
        Assert.Equal("https://in-toto.io/Statement/v1", statement.RootElement.GetProperty("_type").GetString());
        Assert.Equal("https://cyclonedx.org/bom", statement.RootElement.GetProperty("predicateType").GetString());
        Assert.Equal("CycloneDX", statement.RootElement.GetProperty("predicate").GetProperty("bomFormat").GetString());
        using var bundleJson = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, "App.aibom.cdx.json.sigstore.json")));
        Assert.Equal("application/vnd.dev.sigstore.bundle.v0.3+json", bundleJson.RootElement.GetProperty("mediaType").GetString());
        Assert.Equal(64, bundleJson.RootElement.GetProperty("verificationMaterial").GetProperty("publicKey").GetProperty("hint").GetString()!.Length);
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void OpenSsl_verifies_the_signature_over_the_DSSE_pre_authentication_encoding(string algorithm)
    {
        var (key, pub) = WriteKeys(algorithm);
        Assert.Equal(0, Run("attest", _bom, "--subject", _subject, "--key", key, "-o", Path.Combine(_dir, "att.intoto.json")).Exit);
        using var envelope = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_dir, "att.intoto.json")));
        var payloadType = envelope.RootElement.GetProperty("payloadType").GetString()!;
        var payload = Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!);
        var pae = Path.Combine(_dir, "pae.bin");
        var sig = Path.Combine(_dir, "sig.der");

        // Built here from the DSSE specification, not by the code under test.
        File.WriteAllBytes(pae, [.. Encoding.ASCII.GetBytes($"DSSEv1 {payloadType.Length} {payloadType} {payload.Length} "), .. payload]);
        File.WriteAllBytes(sig, Convert.FromBase64String(envelope.RootElement.GetProperty("signatures")[0].GetProperty("sig").GetString()!));
        var good = OpenSslVerify(algorithm, pub, sig, pae);
        File.WriteAllBytes(pae, [.. Encoding.ASCII.GetBytes($"DSSEv1 {payloadType.Length} {payloadType} {payload.Length} "), .. payload[..^1], (byte)(payload[^1] ^ 1)]);
        var bad = OpenSslVerify(algorithm, pub, sig, pae);

        Assert.True(good.Exit == 0, good.Output);
        Assert.NotEqual(0, bad.Exit);
    }

    [Fact]
    public void A_flipped_byte_in_the_BOM_fails_with_OM6005()
    {
        var (key, pub) = WriteKeys("ecdsa");
        Run("attest", _bom, "--subject", _subject, "--key", key);
        FlipByte(_bom, Encoding.UTF8.GetBytes("\"name\": \"App\"").Length);

        var (exit, output, _) = Run("verify", "--attestation", _bom + ".intoto.json", "--key", pub);

        Assert.Equal(1, exit);
        Assert.Contains("error OM6005: the predicate is not the BOM", output);
        Assert.DoesNotContain("OM6003", output);
    }

    [Fact]
    public void A_flipped_byte_in_the_subject_fails_with_OM6004()
    {
        var (key, pub) = WriteKeys("ed25519");
        Run("attest", _bom, "--subject", _subject, "--key", key);
        FlipByte(_subject, 3);

        var (exit, output, _) = Run("verify", "--attestation", _bom + ".intoto.json", "--key", pub);

        Assert.Equal(1, exit);
        Assert.Contains("error OM6004: subject 'App.dll' has SHA-256 " + Sha(_subject), output);
    }

    [Theory]
    [InlineData("payload")]
    [InlineData("sig")]
    public void A_flipped_byte_in_the_envelope_fails_with_OM6003(string field)
    {
        var (key, pub) = WriteKeys("ecdsa");
        Run("attest", _bom, "--subject", _subject, "--key", key);
        var path = _bom + ".intoto.json";
        var envelope = JsonNode.Parse(File.ReadAllText(path))!;
        var holder = field == "sig" ? envelope["signatures"]![0]! : envelope;
        var bytes = Convert.FromBase64String(holder[field]!.GetValue<string>());
        bytes[bytes.Length / 2] ^= 0x20;
        holder[field] = Convert.ToBase64String(bytes);
        File.WriteAllText(path, envelope.ToJsonString());

        var (exit, output, _) = Run("verify", "--attestation", path, "--key", pub);

        Assert.Equal(1, exit);
        Assert.Contains("error OM6003: ", output);
    }

    [Fact]
    public void Another_key_or_an_unsigned_statement_does_not_verify()
    {
        var (key, _) = WriteKeys("ecdsa");
        var (_, otherPub) = WriteKeys("ed25519");
        Run("attest", _bom, "--subject", _subject, "--key", key);
        Run("attest", _bom, "--subject", _subject, "-o", Path.Combine(_dir, "unsigned.intoto.json"));

        var wrongKey = Run("verify", "--attestation", _bom + ".intoto.json", "--key", otherPub);
        var unsigned = Run("verify", _bom, "--attestation", Path.Combine(_dir, "unsigned.intoto.json"), "--key", otherPub);

        Assert.Equal(1, wrongKey.Exit);
        Assert.Contains("error OM6003: no signature verifies with the Ed25519 key", wrongKey.Output);
        Assert.Equal(1, unsigned.Exit);
        Assert.Contains("error OM6003: this is an unsigned in-toto Statement", unsigned.Output);
    }

    [Theory]
    [InlineData("not a key", "no PEM block found")]
    [InlineData("rsa", "key algorithm 1.2.840.113549.1.1.1 is not supported")]
    [InlineData("p384", "the EC key is on curve 1.3.132.0.34; only P-256")]
    [InlineData("encrypted", "the private key is encrypted")]
    public void Unusable_signing_key_is_OM6006_and_never_echoed(string kind, string message)
    {
        var path = Path.Combine(_dir, "bad.pem");
        string pem;
        switch (kind)
        {
            case "rsa":
                using (var rsa = RSA.Create(2048))
                {
                    pem = rsa.ExportPkcs8PrivateKeyPem();
                }

                break;
            case "p384":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384))
                {
                    pem = ec.ExportPkcs8PrivateKeyPem();
                }

                break;
            case "encrypted":
                using (var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    pem = ec.ExportEncryptedPkcs8PrivateKeyPem("pw", new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 1000));
                }

                break;
            default:
                pem = kind;
                break;
        }

        File.WriteAllText(path, pem);

        var (exit, output, error) = Run("attest", _bom, "--subject", _subject, "--key", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: error OM6006: {message}", error);
        var keyBody = pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)).FirstOrDefault(l => l.Length > 16);
        Assert.True(keyBody is null || !(output + error).Contains(keyBody, StringComparison.Ordinal));
        Assert.False(File.Exists(_bom + ".intoto.json"));
    }

    [Fact]
    public void Missing_subject_or_unreadable_BOM_is_OM3008_with_exit_code_2()
    {
        var missing = Run("attest", _bom, "--subject", Path.Combine(_dir, "gone.dll"));
        File.WriteAllText(_bom, "{ broken");
        var broken = Run("attest", _bom, "--subject", _subject);

        Assert.Equal(2, missing.Exit);
        Assert.Contains("error OM3008: subject '", missing.Error);
        Assert.Equal(2, broken.Exit);
        Assert.Contains("error OM3008: the BOM is not JSON", broken.Error);
    }

    [Fact]
    public void Verify_without_key_or_locatable_BOM_explains_itself()
    {
        var (key, pub) = WriteKeys("ecdsa");
        Run("attest", _bom, "--subject", _subject, "--key", key, "-o", Path.Combine(_dir, "release.att"));

        var noKey = Run("verify", "--attestation", Path.Combine(_dir, "release.att"));
        var noBom = Run("verify", "--attestation", Path.Combine(_dir, "release.att"), "--key", pub);
        var named = Run("verify", _bom, "--attestation", Path.Combine(_dir, "release.att"), "--key", pub);

        Assert.Equal(2, noKey.Exit);
        Assert.Contains("error OM6006: --key <public.pem> is required", noKey.Error);
        Assert.Equal(2, noBom.Exit);
        Assert.Contains("error OM3008: name the BOM", noBom.Error);
        Assert.Equal(0, named.Exit);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Private, string Public) WriteKeys(string algorithm)
    {
        string privatePem, publicPem;
        if (algorithm == "ecdsa")
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            (privatePem, publicPem) = (ec.ExportECPrivateKeyPem(), ec.ExportSubjectPublicKeyInfoPem());
        }
        else
        {
            var creation = new NSec.Cryptography.KeyCreationParameters { ExportPolicy = NSec.Cryptography.KeyExportPolicies.AllowPlaintextExport };
            using var ed = NSec.Cryptography.Key.Create(NSec.Cryptography.SignatureAlgorithm.Ed25519, creation);
            privatePem = Encoding.ASCII.GetString(ed.Export(NSec.Cryptography.KeyBlobFormat.PkixPrivateKeyText));
            publicPem = Encoding.ASCII.GetString(ed.PublicKey.Export(NSec.Cryptography.KeyBlobFormat.PkixPublicKeyText));
        }

        var stem = Path.Combine(_dir, algorithm + "-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(stem + ".pem", privatePem);
        File.WriteAllText(stem + ".pub", publicPem);
        return (stem + ".pem", stem + ".pub");
    }

    private static JsonDocument Statement(string envelopePath)
    {
        using var envelope = JsonDocument.Parse(File.ReadAllBytes(envelopePath));
        return JsonDocument.Parse(Convert.FromBase64String(envelope.RootElement.GetProperty("payload").GetString()!));
    }

    private static void FlipByte(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[offset] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static (int Exit, string Output) OpenSslVerify(string algorithm, string pub, string sig, string pae)
    {
        var arguments = algorithm == "ecdsa"
            ? new[] { "dgst", "-sha256", "-verify", pub, "-signature", sig, pae }
            : ["pkeyutl", "-verify", "-pubin", "-inkey", pub, "-rawin", "-in", pae, "-sigfile", sig];
        var start = new ProcessStartInfo("openssl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, text);
    }
}
