using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using Microsoft.Build.Framework;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Attestations;

namespace OpenModel.Sdk.Tasks;

/// <summary>
/// Writes the in-toto attestation of a build or pack: the Statement binding <see cref="Subjects"/> to the AI-BOM and,
/// with <c>AIBomSigningKey</c>, its DSSE envelope and Sigstore bundle. Neither the key nor where it came from is logged.
/// No AI-BOM to attest with is OM6008, reported through the catalogue so OpenModelDiagnosticSeverity can raise or silence it.
/// </summary>
public sealed class AttestAIBom : OpenModelTask
{
    [Required]
    public string BomFile { get; set; } = string.Empty;

    [Required]
    public ITaskItem[] Subjects { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    /// <summary>Pack: the AI-BOM is copied here first (beside the .nupkg, where openmodel verify finds it) and the copy is attested.</summary>
    public string? BomCopy { get; set; }

    /// <summary>A PEM file path (relative to the project) or the name of an environment variable; empty for unsigned.</summary>
    public string? SigningKey { get; set; }

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    [Output]
    public ITaskItem[] WrittenFiles { get; set; } = [];

    public override bool Execute()
    {
        SigningKey? key = null;
        try
        {
            if (RegularFile.Probe(BomFile).Kind == FileKind.Missing)
            {
                // A multi-targeted project packs once, in the outer build, which writes no AI-BOM of its own.
                var subjects = string.Join(", ", Subjects.Select(s => Path.GetFileName(s.ItemSpec)));
                Report([new OpenModelDiagnostic(BuildRules.NothingToAttest, $"AIBomAttest: no single AI-BOM at '{BomFile}' to attest {subjects} with{(BomCopy is { Length: > 0 } ? " (a multi-targeted project attests each build output instead)" : string.Empty)}", ProjectFile)]);
                return !Log.HasLoggedErrors;
            }

            var bomFile = BomFile;
            if (BomCopy is { Length: > 0 } copy)
            {
                OutputFiles.WriteIfChanged(copy, RegularFile.ReadAllBytes(BomFile));
                bomFile = copy;
            }

            if (SigningKey is { Length: > 0 } reference)
            {
                try
                {
                    key = SigningKeySource.Load(reference, Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!);
                }
                catch (AttestationKeyException e)
                {
                    BuildLog.Fatal(Log, BuildRules.KeyUnusable, ProjectFile, $"AIBomSigningKey cannot be used: {e.Message}");
                    return false;
                }
            }

            var statementSubjects = Attester.Subjects(Subjects.Select(s => s.GetMetadata("FullPath")));
            var attestation = Attester.Attest(statementSubjects, RegularFile.ReadAllBytes(bomFile), key);
            var written = new List<string> { OutputFile };
            if (key is null)
            {
                OutputFiles.WriteIfChanged(OutputFile, attestation.Statement);
            }
            else
            {
                // ECDSA signatures are randomised: keep a still-valid envelope so an unchanged build rewrites nothing. The old
                // envelope is read like every other input: a regular file only, bounded.
                var current = RegularFile.TryReadAllBytes(OutputFile, RegularFile.MaxDocumentBytes, out var previous, out _) && Attester.IsCurrent(previous!, attestation.Statement, key.Public);
                var bundlePath = Attester.BundlePath(OutputFile);
                if (!current || !File.Exists(bundlePath))
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(OutputFile))!);
                    File.WriteAllBytes(OutputFile, attestation.Envelope!);
                    File.WriteAllBytes(bundlePath, attestation.Bundle!);
                }

                written.Add(bundlePath);
            }

            WrittenFiles = written.Select(f => (ITaskItem)new Microsoft.Build.Utilities.TaskItem(f)).ToArray();
            return !Log.HasLoggedErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AttestationFormatException)
        {
            BuildLog.Fatal(Log, BuildRules.MalformedInput, BomFile, $"the attestation could not be written: {e.Message}");
            return false;
        }
        finally
        {
            key?.Dispose();
        }
    }
}
