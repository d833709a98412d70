using OpenModel.Core.IO;
using Microsoft.Build.Framework;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release;

namespace OpenModel.Sdk.Tasks;

/// <summary>AIBomMerge=true: one product BOM from this project's and its project references' AI-BOMs (see BomMerger).</summary>
public sealed class MergeAIBoms : OpenModelTask
{
    [Required]
    public ITaskItem[] Boms { get; set; } = [];

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    [Required]
    public string ProductName { get; set; } = string.Empty;

    public string? ProductVersion { get; set; }

    /// <summary>AIBomSpecVersion: a 1.7 product BOM keeps the projects' citations.</summary>
    public string SpecVersion { get; set; } = "1.6";

    public override bool Execute()
    {
        var sources = new List<MergeSource>();
        foreach (var path in Boms.Select(b => b.GetMetadata("FullPath")).Distinct(StringComparer.Ordinal))
        {
            try
            {
                sources.Add(new MergeSource(path, BomSerializer.Deserialize(RegularFile.ReadAllBytes(path))));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                BuildLog.Fatal(Log, BuildRules.MalformedInput, path, $"the AI-BOM cannot be merged: {e.Message}");
            }
        }

        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var result = BomMerger.Merge(sources, ProductName, ProductVersion is { Length: > 0 } v ? v : null, SourceDate.Timestamp(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")), typeof(MergeAIBoms).Assembly.GetName().Version?.ToString(3), SpecVersion);
        Report(result.Diagnostics);
        if (!Log.HasLoggedErrors)
        {
            OutputFiles.WriteIfChanged(OutputFile, BomSerializer.Serialize(result.Bom));
        }

        return !Log.HasLoggedErrors;
    }
}
