using Microsoft.Build.Utilities;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release.Compliance;

namespace OpenModel.Sdk.Tasks;

/// <summary>AIBomComplianceProfiles names: an unknown one is a configuration error naming the project, not a silent no-op.</summary>
internal static class ComplianceProfileList
{
    public static bool TryResolve(string[] names, TaskLoggingHelper log, string projectFile, out IReadOnlyList<ComplianceProfile> profiles)
    {
        var found = new List<ComplianceProfile>();
        var requested = names.SelectMany(n => n.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        foreach (var name in requested)
        {
            if (ComplianceProfiles.Find(name) is { } profile)
            {
                found.Add(profile);
            }
            else
            {
                BuildLog.Fatal(log, BuildRules.MalformedInput, projectFile,
                    $"AIBomComplianceProfiles: unknown profile '{name.Trim()}'; known: {string.Join(", ", ComplianceProfiles.All.Select(p => p.Name))}");
            }
        }

        profiles = found.Distinct().ToList();
        return found.Count == requested.Count;
    }
}
