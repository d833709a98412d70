using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using System.CommandLine;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Attestations;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel attest &lt;bom&gt; --subject FILE… [--key PEM] [-o OUT]</c>: an in-toto Statement with the BOM as predicate;
/// with a key, OUT is the DSSE envelope and a Sigstore bundle is written beside it.
/// </summary>
internal static class AttestCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bomArgument = new Argument<FileInfo>("bom") { Description = "The AI-BOM to attest (the predicate)." };
        var subjectOption = new Option<FileInfo[]>("--subject") { Description = "A build output the BOM describes (repeatable); named by file name.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true, Required = true };
        var keyOption = new Option<FileInfo>("--key") { Description = "PEM private key (ECDSA P-256 or Ed25519, PKCS#8 or SEC1). Without it the Statement is written unsigned." };
        var outOption = new Option<FileInfo>("--output", "-o") { Description = "Where to write (default: <bom>.intoto.json). The bundle goes to <name>.sigstore.json beside it." };
        var command = new Command("attest", "Write an in-toto attestation (DSSE-signed, and as a Sigstore bundle) that binds build outputs to their AI-BOM.") { bomArgument, subjectOption, keyOption, outOption };
        command.SetAction(parse =>
        {
            var bomFile = parse.GetValue(bomArgument)!;
            var outputPath = parse.GetValue(outOption)?.FullName ?? Attester.DefaultOutput(bomFile.FullName);
            try
            {
                var subjects = Attester.Subjects(parse.GetValue(subjectOption)!.Select(f => f.FullName));
                var bom = RegularFile.ReadAllBytes(bomFile.FullName);
                using var key = parse.GetValue(keyOption) is { } keyFile ? SigningKeySource.FromFile(keyFile.FullName) : null;
                var attestation = Attester.Attest(subjects, bom, key);
                File.WriteAllBytes(outputPath, attestation.Primary);
                output.WriteLine($"{(key is null ? "statement" : "envelope ")} {outputPath}");
                if (attestation.Bundle is { } bundle)
                {
                    var bundlePath = Attester.BundlePath(outputPath);
                    File.WriteAllBytes(bundlePath, bundle);
                    output.WriteLine($"bundle    {bundlePath}");
                    output.WriteLine($"signed with {key!.Public.Algorithm} key {key.Public.Hint}");
                }

                return 0;
            }
            catch (AttestationKeyException e)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.KeyUnusable, e.Message, parse.GetValue(keyOption)?.FullName).ToString());
                return 2;
            }
            catch (AttestationFormatException e)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, e.Message, bomFile.FullName).ToString());
                return 2;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, e.Message, bomFile.FullName).ToString());
                return 2;
            }
        });
        return command;
    }
}
