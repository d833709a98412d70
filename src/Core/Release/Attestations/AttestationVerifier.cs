using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Hashing;

namespace OpenModel.Core.Release.Attestations;

/// <summary>What verifying an attestation found: every problem, and the subjects that matched.</summary>
public sealed record AttestationVerification(IReadOnlyList<OpenModelDiagnostic> Problems, IReadOnlyList<AttestationSubject> VerifiedSubjects)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>
/// Checks an attestation (DSSE envelope or Sigstore bundle) the way a release gate must: the signature by the given key
/// over the DSSE PAE, each subject's SHA-256 against the file of that name under a folder, and the predicate against the BOM.
/// All problems are reported, not only the first, so one run shows everything that is wrong.
/// </summary>
public static class AttestationVerifier
{
    /// <param name="attestationPath">For messages only.</param>
    /// <exception cref="AttestationFormatException">The attestation is not an envelope or bundle.</exception>
    public static AttestationVerification Verify(string attestationPath, byte[] attestation, VerificationKey key, string bomPath, byte[] bom, string subjectRoot)
    {
        var envelope = ReadEnvelope(attestation);
        var problems = new List<OpenModelDiagnostic>();
        if (envelope.PayloadType != DsseEnvelope.InTotoPayloadType)
        {
            problems.Add(new(BuildRules.AttestationSignature, $"payloadType is '{envelope.PayloadType}', not {DsseEnvelope.InTotoPayloadType}", attestationPath));
        }

        if (envelope.Signatures.Count == 0)
        {
            problems.Add(new(BuildRules.AttestationSignature, "the envelope has no signature", attestationPath));
        }
        else if (!envelope.IsSignedBy(key))
        {
            problems.Add(new(BuildRules.AttestationSignature, $"no signature verifies with the {key.Algorithm} key {key.Hint}", attestationPath));
        }

        var statement = InTotoStatement.Read(envelope.Payload);
        var verified = new List<AttestationSubject>();
        foreach (var subject in statement.Subjects)
        {
            if (Problem(subject, subjectRoot) is { } problem)
            {
                problems.Add(new(BuildRules.AttestationSubject, problem, attestationPath));
            }
            else
            {
                verified.Add(subject);
            }
        }

        if (statement.PredicateType != InTotoStatement.CycloneDxPredicateType)
        {
            problems.Add(new(BuildRules.AttestationPredicate, $"predicateType is '{statement.PredicateType}', not {InTotoStatement.CycloneDxPredicateType}", attestationPath));
        }
        else if (!SameJson(statement.Predicate, bom))
        {
            problems.Add(new(BuildRules.AttestationPredicate, $"the predicate is not the BOM {bomPath}", attestationPath));
        }

        return new AttestationVerification(problems, verified);
    }

    /// <summary>
    /// True when <paramref name="attestation"/> is a signed envelope (or bundle) whose predicate is <paramref name="bom"/>:
    /// the BOM is distributed signed. Which key signed it, and whether the signature holds, needs the key (<see cref="Verify"/>).
    /// </summary>
    public static bool IsSignedAttestationOf(byte[] attestation, byte[] bom)
    {
        try
        {
            var envelope = ReadEnvelope(attestation);
            var statement = InTotoStatement.Read(envelope.Payload);
            return envelope.Signatures.Count > 0 && statement.PredicateType == InTotoStatement.CycloneDxPredicateType && SameJson(statement.Predicate, bom);
        }
        catch (AttestationFormatException)
        {
            return false;
        }
    }

    private static DsseEnvelope ReadEnvelope(byte[] attestation)
    {
        try
        {
            using var document = JsonDocument.Parse(attestation, new JsonDocumentOptions { MaxDepth = 256 });
            var root = document.RootElement;
            if (SigstoreBundle.IsBundle(root))
            {
                return SigstoreBundle.Envelope(root);
            }

            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("_type", out _))
            {
                throw new AttestationFormatException("this is an unsigned in-toto Statement; sign it (openmodel attest --key) to verify it");
            }

            return DsseEnvelope.Read(root);
        }
        catch (JsonException e)
        {
            throw new AttestationFormatException($"not JSON: {e.Message}");
        }
    }

    private static string? Problem(AttestationSubject subject, string root)
    {
        // Names are file names; anything with a path could point the verifier at files outside the release folder.
        if (subject.Name.Length == 0 || subject.Name is "." or ".." || subject.Name.IndexOfAny(['/', '\\']) >= 0)
        {
            return $"subject name '{subject.Name}' is not a plain file name";
        }

        var path = Path.Combine(root, subject.Name);
        if (!File.Exists(path))
        {
            return $"subject '{subject.Name}' is not found in {root}";
        }

        var actual = FileSha256.Compute(path);
        return actual.Equals(subject.Sha256, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"subject '{subject.Name}' has SHA-256 {actual}, but the attestation says {subject.Sha256}";
    }

    private static bool SameJson(JsonElement predicate, byte[] bom)
    {
        try
        {
            using var document = JsonDocument.Parse(bom, new JsonDocumentOptions { MaxDepth = 256 });
            return JsonElement.DeepEquals(predicate, document.RootElement);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
