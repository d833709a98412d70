using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Attestations;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel verify --attestation FILE --key PUB [bom] [--root DIR]</c>. The BOM is the argument, or else the file the
/// attestation is named after (x.aibom.cdx.json.intoto.json or x.aibom.cdx.json.sigstore.json → x.aibom.cdx.json);
/// subjects are looked up in --root, by default the attestation's folder.
/// </summary>
internal static class VerifyAttestation
{
    public static int Run(FileInfo attestationFile, FileInfo? keyFile, FileInfo? bomFile, DirectoryInfo? root, TextWriter output, TextWriter error)
    {
        var attestationPath = attestationFile.FullName;
        if (keyFile is null)
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.KeyUnusable, "--key <public.pem> is required to verify an attestation", attestationPath).ToString());
            return 2;
        }

        var bomPath = bomFile?.FullName ?? Attester.BomBeside(attestationPath);
        if (bomPath is null)
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, $"name the BOM (openmodel verify <bom> --attestation …): the attestation's name does not end in {Attester.Suffix} or {Attester.BundleSuffix}", attestationPath).ToString());
            return 2;
        }

        try
        {
            var key = SigningKeySource.PublicFromFile(keyFile.FullName);
            var result = AttestationVerifier.Verify(
                attestationPath,
                RegularFile.ReadAllBytes(attestationPath),
                key,
                bomPath,
                RegularFile.ReadAllBytes(bomPath),
                root?.FullName ?? Path.GetDirectoryName(attestationPath)!);
            foreach (var subject in result.VerifiedSubjects)
            {
                output.WriteLine($"verified  {subject.Name}  sha256:{subject.Sha256}");
            }

            foreach (var problem in result.Problems)
            {
                output.WriteLine(problem.ToString());
            }

            output.WriteLine(result.Succeeded
                ? $"attestation verified: signed by {key.Algorithm} key {key.Hint}, predicate is {bomPath}"
                : $"attestation NOT verified: {result.Problems.Count} problem(s)");
            return result.Succeeded ? 0 : 1;
        }
        catch (AttestationKeyException e)
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.KeyUnusable, e.Message, keyFile.FullName).ToString());
            return 2;
        }
        catch (AttestationFormatException e)
        {
            // A document that is not a well-formed attestation cannot be trusted: a verification failure.
            output.WriteLine(new OpenModelDiagnostic(BuildRules.AttestationSignature, e.Message, attestationPath).ToString());
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, e.Message).ToString());
            return 2;
        }
    }
}
