using System.Text;
using OpenModel.Core.AIBom;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Openness.Mof;
using OpenModel.Core.Release;
using OpenModel.Core.Reports;

namespace OpenModel.Core.Build;

/// <summary>Where a build's outputs go. Paths are as given; empty means "not wanted".</summary>
public sealed record OutputRequest
{
    public required string ProjectName { get; init; }

    /// <summary>The CycloneDX AI-BOM: always written.</summary>
    public required string BomPath { get; init; }

    /// <summary>AIBomFormats: CycloneDX is always written; SPDX3 adds SPDX 3.0.1 JSON-LD at <see cref="SpdxPath"/>.</summary>
    public IReadOnlyList<string> Formats { get; init; } = [];

    public string? SpdxPath { get; init; }

    /// <summary>The openness report (Markdown); the HTML page and one MOF release file per model go beside it.</summary>
    public string? ReportPath { get; init; }

    /// <summary>The reviewer page (Markdown): the whole AI-BOM for a security reviewer; the HTML page goes beside it.</summary>
    public string? ReviewPath { get; init; }

    /// <summary>The previous release's AI-BOM (AIBomPreviousPath): the reviewer page starts with what changed since.</summary>
    public Bom? Previous { get; init; }
}

/// <summary>One file a build writes, with its bytes.</summary>
public sealed record OutputFile(string Path, byte[] Content);

/// <summary>
/// Which files a build writes and what goes in each, decided in one place for the MSBuild task and the CLI: the AI-BOM,
/// SPDX when asked for, the openness report (Markdown and HTML), a Model Openness Tool release file per model and the
/// reviewer page (Markdown and HTML).
/// </summary>
public static class BuildOutputs
{
    public const string CycloneDx = "CycloneDX";

    public const string Spdx3 = "SPDX3";

    /// <summary>AIBomFormats split ("CycloneDX;SPDX3"); an unknown format is OM3008 and nothing should be written.</summary>
    public static IReadOnlyList<string> Formats(IEnumerable<string> values, string projectFile, out OpenModelDiagnostic? problem)
    {
        var formats = values.SelectMany(f => f.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        problem = formats.FirstOrDefault(f => !f.Equals(CycloneDx, StringComparison.OrdinalIgnoreCase) && !f.Equals(Spdx3, StringComparison.OrdinalIgnoreCase)) is { } unknown
            ? new OpenModelDiagnostic(BuildRules.MalformedInput, $"AIBomFormats: unknown format '{unknown}'; known: {CycloneDx}, {Spdx3}", projectFile)
            : null;
        return formats;
    }

    /// <summary>The files of one build, in the order they are to be written.</summary>
    public static IReadOnlyList<OutputFile> Files(AIBomResult result, OutputRequest request)
    {
        // Serializing gives the BOM its serial number, which the SPDX document (written from the same facts) is named after.
        var files = new List<OutputFile> { new(request.BomPath, BomSerializer.Serialize(result.Bom)) };
        if (request.Formats.Contains(Spdx3, StringComparer.OrdinalIgnoreCase) && request.SpdxPath is { Length: > 0 } spdx)
        {
            files.Add(new OutputFile(spdx, Spdx.Spdx3Writer.Write(result.Facts, result.Creation, result.Bom.SerialNumber)));
        }

        // The report is rendered from the BOM alone, so the build and `openmodel report` show the same facts.
        if (request.ReportPath is { Length: > 0 } report && OpennessSummary.From(result.Bom) is { } summary)
        {
            files.Add(new OutputFile(report, Encoding.UTF8.GetBytes(OpennessReport.Markdown(summary))));
            files.Add(new OutputFile(Path.ChangeExtension(report, ".html"), Encoding.UTF8.GetBytes(OpennessReport.Html(summary))));

            // One Model Openness Tool release file per model, ready to submit to MOT.
            foreach (var model in result.Openness.Models)
            {
                files.Add(new OutputFile(Path.Combine(Path.GetDirectoryName(report)!, MofReleaseFileName(request.ProjectName, model.Name)), Encoding.UTF8.GetBytes(MofReleaseFile.Write(model.Release))));
            }
        }

        // The reviewer page, like `openmodel report --since`, is rendered from the BOM alone (and the previous one).
        if (request.ReviewPath is { Length: > 0 } review)
        {
            files.Add(new OutputFile(review, Encoding.UTF8.GetBytes(ReviewReport.Markdown(result.Bom, request.Previous))));
            files.Add(new OutputFile(Path.ChangeExtension(review, ".html"), Encoding.UTF8.GetBytes(ReviewReport.Html(result.Bom, request.Previous))));
        }

        return files;
    }

    /// <summary>"App.sentiment.mof.yml": the model's name with characters no file name may hold replaced.</summary>
    public static string MofReleaseFileName(string projectName, string modelName) =>
        $"{projectName}.{string.Concat(modelName.Select(c => Path.GetInvalidFileNameChars().Contains(c) || c == ':' ? '_' : c))}.mof.yml";

    /// <summary>The openness report of a BOM as <c>openmodel report</c> prints it: "md" or "html".</summary>
    public static string Report(OpennessSummary summary, string format) =>
        format == "html" ? OpennessReport.Html(summary) : OpennessReport.Markdown(summary);
}
