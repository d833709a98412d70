using System.CommandLine;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release;
using OpenModel.Core.Reports;

namespace OpenModel.Cli;

/// <summary><c>openmodel report &lt;bom&gt; [--format md|html]</c>: the openness report the build wrote, from the BOM alone.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bomArgument = new Argument<FileInfo>("bom") { Description = "The AI-BOM (<assembly>.aibom.cdx.json)." };
        var formatOption = new Option<string>("--format") { Description = "md or html", DefaultValueFactory = _ => "md" };
        formatOption.AcceptOnlyFromAmong("md", "html");
        var viewOption = new Option<string>("--view") { Description = "openness, or review: the whole AI-BOM for a security reviewer", DefaultValueFactory = _ => "openness" };
        viewOption.AcceptOnlyFromAmong("openness", "review");
        var sinceOption = new Option<FileInfo>("--since") { Description = "The previous release's AI-BOM: the review starts with what changed (implies --view review)." };
        var command = new Command("report", "Print how open the AI system in an AI-BOM is: MOF class, OSAID, the five attributes, licences and findings.") { bomArgument, formatOption, viewOption, sinceOption };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(bomArgument)!;
            var bom = BomFile.Read(file, error);
            if (bom is null)
            {
                return 2;
            }

            if (parse.GetValue(sinceOption) is not null || parse.GetValue(viewOption) == "review")
            {
                var previous = parse.GetValue(sinceOption) is { } previousFile ? BomFile.Read(previousFile, error) : null;
                if (parse.GetValue(sinceOption) is not null && previous is null)
                {
                    return 2;
                }

                output.Write(parse.GetValue(formatOption) == "html" ? ReviewReport.Html(bom, previous) : ReviewReport.Markdown(bom, previous));
                return 0;
            }

            if (OpennessSummary.From(bom) is not { } summary)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, "the AI-BOM has no openness results (no openmodel:openness:class property with declarations.attestations); --view review shows what it holds", file.FullName).ToString());
                return 2;
            }

            output.Write(OpenModel.Core.Build.BuildOutputs.Report(summary, parse.GetValue(formatOption)!));
            return 0;
        });
        return command;
    }
}
