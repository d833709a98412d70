using System.CommandLine;
using OpenModel.Core.Release;

namespace OpenModel.Cli;

/// <summary><c>openmodel verify &lt;bom&gt; [--root DIR]</c>: exit 0 when every hashed artefact matches the BOM.</summary>
internal static class VerifyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bomArgument = new Argument<FileInfo>("bom") { Description = "The AI-BOM (<assembly>.aibom.cdx.json) to check.", Arity = ArgumentArity.ZeroOrOne };
        var rootOption = new Option<DirectoryInfo>("--root") { Description = "The folder the BOM's artefact paths are relative to (the project folder). Default: the current folder." };
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
                error.WriteLine("error OM3008: name the AI-BOM to verify");
                return 2;
            }

            var bom = BomFile.Read(parse.GetValue(bomArgument)!, error);
            if (bom is null)
            {
                return 2;
            }

            var root = parse.GetValue(rootOption)?.FullName ?? Directory.GetCurrentDirectory();
            var results = BomVerifier.Verify(bom, root);
            foreach (var result in results)
            {
                output.WriteLine(result.Outcome switch
                {
                    VerificationOutcome.Verified => $"verified  {result.Path}  sha256:{result.Expected}",
                    VerificationOutcome.Mismatch => $"{result.Path}: error OM3002: {result.Component} has SHA-256 {result.Actual}, but the AI-BOM says {result.Expected}",
                    _ => $"{result.Path}: error OM3001: {result.Component} is listed in the AI-BOM but not found under {root}",
                });
            }

            var failed = results.Count(r => r.Outcome != VerificationOutcome.Verified);
            output.WriteLine($"{results.Count - failed} verified, {failed} failed");
            return failed == 0 ? 0 : 1;
        });
        return command;
    }
}
