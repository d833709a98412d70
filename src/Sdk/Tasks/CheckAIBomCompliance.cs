using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using Microsoft.Build.Framework;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Attestations;
using OpenModel.Core.Release.Compliance;

namespace OpenModel.Sdk.Tasks;

/// <summary>Reports each minimum element of AIBomComplianceProfiles that the written AI-BOM (and its attestation) lacks.</summary>
public sealed class CheckAIBomCompliance : OpenModelTask
{
    [Required]
    public string BomFile { get; set; } = string.Empty;

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    public string[] Profiles { get; set; } = [];

    public override bool Execute()
    {
        if (!ComplianceProfileList.TryResolve(Profiles, Log, ProjectFile, out var profiles))
        {
            return false;
        }

        try
        {
            var bom = RegularFile.ReadAllBytes(BomFile);
            var attestation = Attester.DefaultOutput(BomFile) is var path && File.Exists(path) ? RegularFile.ReadAllBytes(path) : null;
            foreach (var profile in profiles)
            {
                Report(ComplianceChecker.Check(profile, BomFile, bom, attestation).Diagnostics);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            BuildLog.Fatal(Log, BuildRules.MalformedInput, BomFile, $"the AI-BOM cannot be checked: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }
}
