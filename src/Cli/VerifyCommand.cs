using System.CommandLine;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel verify &lt;bom&gt; [--root DIR]</c> (or <c>--attestation F --key K</c>, see <see cref="VerifyAttestation"/>): exit 0 when every hashed artefact present matches the BOM and at least
/// one was verified. With --root (the project folder) every listed file must be there. Without it the BOM's own folder is
/// checked as an output or publish folder holds it: source files it does not ship (cards, code) are reported as not
/// checked, not as failures — and a run that verified nothing fails.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bomArgument = new Argument<FileInfo>("bom") { Description = "The AI-BOM (<assembly>.aibom.cdx.json) to check.", Arity = ArgumentArity.ZeroOrOne };
        var rootOption = new Option<DirectoryInfo>("--root") { Description = "The project folder the BOM's artefact paths are relative to: every listed file must be there. Default: the folder holding the BOM (an output or publish folder), checked for the files it holds." };
        var attestationOption = new Option<FileInfo>("--attestation") { Description = "Verify this DSSE envelope or Sigstore bundle instead: signature, subjects (in --root, default its folder) and predicate (the BOM argument, default the file it is named after)." };
        var keyOption = new Option<FileInfo>("--key") { Description = "PEM public key the attestation must be signed with." };
        var command = new Command("verify", "Recompute the SHA-256 of every model and dataset in an AI-BOM and compare with the BOM.") { bomArgument, rootOption, attestationOption, keyOption };
        command.SetAction(parse =>
        {
            if (parse.GetValue(attestationOption) is { } attestation)
            {
                return VerifyAttestation.Run(attestation, parse.GetValue(keyOption), parse.GetValue(bomArgument), parse.GetValue(rootOption), output, error);
            }

            if (parse.GetValue(bomArgument) is null)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, "name the AI-BOM to verify").ToString());
                return 2;
            }

            var bom = BomFile.Read(parse.GetValue(bomArgument)!, error);
            if (bom is null)
            {
                return 2;
            }

            var explicitRoot = parse.GetValue(rootOption)?.FullName;
            var root = explicitRoot ?? parse.GetValue(bomArgument)!.DirectoryName ?? Directory.GetCurrentDirectory();
            var results = BomVerifier.Verify(bom, root);
            foreach (var result in results)
            {
                output.WriteLine(result.Outcome switch
                {
                    VerificationOutcome.Verified => $"verified  {result.Path}  sha256:{result.Expected}",
                    VerificationOutcome.Mismatch => new OpenModelDiagnostic(BuildRules.HashMismatch, $"{result.Component} has SHA-256 {result.Actual}, but the AI-BOM says {result.Expected}", result.Path).ToString(),
                    VerificationOutcome.Unreadable => new OpenModelDiagnostic(BuildRules.ArtifactNotFound, $"{result.Component} cannot be checked: {result.Problem}", result.Path).ToString(),
                    _ when explicitRoot is null => $"not checked  {result.Path}  (not in {root}; pass --root with the project folder to check it)",
                    _ => new OpenModelDiagnostic(BuildRules.ArtifactNotFound, $"{result.Component} is listed in the AI-BOM but not found under {root}", result.Path).ToString(),
                });
            }

            var verified = results.Count(r => r.Outcome == VerificationOutcome.Verified);
            var notChecked = explicitRoot is null ? results.Count(r => r.Outcome == VerificationOutcome.Missing) : 0;
            var failed = results.Count - verified - notChecked;
            output.WriteLine($"{verified} verified, {failed} failed" + (notChecked > 0 ? $", {notChecked} not checked" : string.Empty));
            if (verified == 0 && failed == 0)
            {
                error.WriteLine(results.Count == 0
                    ? new OpenModelDiagnostic(BuildRules.ArtifactNotFound, "nothing was verified: the AI-BOM lists no artefact with a path and a SHA-256").ToString()
                    : new OpenModelDiagnostic(BuildRules.ArtifactNotFound, $"nothing was verified: none of the {results.Count} artefacts the AI-BOM lists is under {root}").ToString());
                return 1;
            }

            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
