using System.Security.Cryptography;
using System.Text;
using OpenModel.Core.Release.Attestations;
using Xunit;

namespace OpenModel.Core.Tests.Release;

public sealed class AttestationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-dsse-").FullName;

    [Fact]
    public void PAE_is_byte_for_byte_the_DSSE_specification_example()
    {
        // protocol.md of secure-systems-lab/dsse: PAE("http://example.com/HelloWorld", "hello world").
        var pae = DsseEnvelope.PreAuthenticationEncoding("http://example.com/HelloWorld", "hello world"u8);

        Assert.Equal("DSSEv1 29 http://example.com/HelloWorld 11 hello world", Encoding.ASCII.GetString(pae));
    }

    [Fact]
    public void PAE_counts_bytes_not_characters()
    {
        var pae = DsseEnvelope.PreAuthenticationEncoding("t", "é"u8);

        Assert.Equal("DSSEv1 1 t 2 é", Encoding.UTF8.GetString(pae));
    }

    [Theory]
    [InlineData("../secret.txt")]
    [InlineData("sub/App.dll")]
    [InlineData("..")]
    public void A_signed_subject_naming_a_path_is_rejected_not_read(string name)
    {
        File.WriteAllText(Path.Combine(_dir, "secret.txt"), "x");
        var bom = "{\"bomFormat\":\"CycloneDX\"}"u8.ToArray();
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        var attestation = Attester.Attest([new AttestationSubject(name, new string('0', 64))], bom, key);

        var result = AttestationVerifier.Verify("a.intoto.json", attestation.Envelope!, key.Public, "bom.json", bom, Path.Combine(_dir, "release"));

        var problem = Assert.Single(result.Problems);
        Assert.Equal(("OM6004", $"subject name '{name}' is not a plain file name"), (problem.Id, problem.Message));
    }

    [Fact]
    public void Predicate_comparison_ignores_formatting_but_not_content()
    {
        var bom = "{\"bomFormat\":\"CycloneDX\",\"version\":1}"u8.ToArray();
        File.WriteAllText(Path.Combine(_dir, "App.dll"), "x");
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        var subjects = Attester.Subjects([Path.Combine(_dir, "App.dll")]);
        var envelope = Attester.Attest(subjects, bom, key).Envelope!;

        var reformatted = AttestationVerifier.Verify("a", envelope, key.Public, "b", "{\n  \"version\": 1,\n  \"bomFormat\": \"CycloneDX\"\n}"u8.ToArray(), _dir);
        var changed = AttestationVerifier.Verify("a", envelope, key.Public, "b", "{\"bomFormat\":\"CycloneDX\",\"version\":2}"u8.ToArray(), _dir);

        Assert.True(reformatted.Succeeded);
        Assert.Equal("OM6005", Assert.Single(changed.Problems).Id);
    }

    [Fact]
    public void Two_subjects_with_one_file_name_are_refused()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "a"));
        Directory.CreateDirectory(Path.Combine(_dir, "b"));
        File.WriteAllText(Path.Combine(_dir, "a", "App.dll"), "1");
        File.WriteAllText(Path.Combine(_dir, "b", "App.dll"), "2");

        var e = Assert.Throws<IOException>(() => Attester.Subjects([Path.Combine(_dir, "a", "App.dll"), Path.Combine(_dir, "b", "App.dll")]));

        Assert.Contains("two subjects are named 'App.dll'", e.Message);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
