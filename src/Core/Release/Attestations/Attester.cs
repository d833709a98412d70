using System.Text.Json;
using OpenModel.Core.Hashing;

namespace OpenModel.Core.Release.Attestations;

/// <summary>The files an attestation is written as: the Statement, and with a key its DSSE envelope and Sigstore bundle.</summary>
public sealed record AttestationOutput(byte[] Statement, byte[]? Envelope, byte[]? Bundle)
{
    /// <summary>What <c>-o</c> holds: the signed envelope when there is one, else the bare Statement.</summary>
    public byte[] Primary => Envelope ?? Statement;
}

/// <summary>Attests a BOM offline: subjects are build outputs named by file name, as cosign and actions/attest name them.</summary>
public static class Attester
{
    public const string Suffix = ".intoto.json";
    public const string BundleSuffix = ".sigstore.json";

    /// <exception cref="IOException">A subject is missing, not a regular file, or two subjects share a file name.</exception>
    public static IReadOnlyList<AttestationSubject> Subjects(IEnumerable<string> paths)
    {
        var subjects = new List<AttestationSubject>();
        foreach (var path in paths)
        {
            if (!File.Exists(path))
            {
                throw new IOException($"subject '{path}' is not a file");
            }

            var name = Path.GetFileName(path);
            if (subjects.Any(s => s.Name == name))
            {
                throw new IOException($"two subjects are named '{name}'; subjects are named by file name, so attest them separately");
            }

            subjects.Add(new AttestationSubject(name, FileSha256.Compute(path)));
        }

        return subjects.Count > 0 ? subjects : throw new IOException("an attestation needs at least one --subject");
    }

    public static AttestationOutput Attest(IReadOnlyList<AttestationSubject> subjects, ReadOnlySpan<byte> bomJson, SigningKey? key)
    {
        var statement = InTotoStatement.Write(subjects, bomJson);
        if (key is null)
        {
            return new AttestationOutput(statement, null, null);
        }

        var envelope = DsseEnvelope.Sign(DsseEnvelope.InTotoPayloadType, statement, key);
        return new AttestationOutput(statement, AttestationJson.Write(envelope.WriteTo, indented: true), SigstoreBundle.Write(envelope, key.Public));
    }

    /// <summary>Default output: the BOM's path plus <see cref="Suffix"/>.</summary>
    public static string DefaultOutput(string bomPath) => bomPath + Suffix;

    /// <summary>The bundle beside the envelope: "x.intoto.json" becomes "x.sigstore.json".</summary>
    public static string BundlePath(string output) =>
        output.EndsWith(Suffix, StringComparison.Ordinal) ? output[..^Suffix.Length] + BundleSuffix : output + BundleSuffix;

    /// <summary>The BOM an attestation sits beside: its name without <see cref="Suffix"/> or <see cref="BundleSuffix"/>.</summary>
    public static string? BomBeside(string attestationPath) =>
        new[] { Suffix, BundleSuffix }.FirstOrDefault(s => attestationPath.EndsWith(s, StringComparison.Ordinal)) is { } suffix
            ? attestationPath[..^suffix.Length]
            : null;

    /// <summary>
    /// True when <paramref name="existing"/> is a valid envelope by <paramref name="key"/> over exactly <paramref name="statement"/>:
    /// then re-signing would only change the (randomised) ECDSA signature, so incremental builds leave the file alone.
    /// </summary>
    public static bool IsCurrent(byte[] existing, byte[] statement, VerificationKey key)
    {
        try
        {
            using var document = JsonDocument.Parse(existing);
            var envelope = DsseEnvelope.Read(document.RootElement);
            return envelope.Payload.AsSpan().SequenceEqual(statement) && envelope.IsSignedBy(key);
        }
        catch (Exception e) when (e is JsonException or AttestationFormatException)
        {
            return false;
        }
    }
}
