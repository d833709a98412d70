using System.CommandLine;
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
        var command = new Command("report", "Print how open the AI system in an AI-BOM is: MOF class, OSAID, the five attributes, licences and findings.") { bomArgument, formatOption };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(bomArgument)!;
            var bom = BomFile.Read(file, error);
            if (bom is null)
            {
                return 2;
            }

            if (OpennessSummary.From(bom) is not { } summary)
            {
                error.WriteLine($"{file.FullName}: error OM3008: the AI-BOM has no openness results (it was not written by OpenModel.Sdk 1.0 or later)");
                return 2;
            }

            output.Write(parse.GetValue(formatOption) == "html" ? OpennessReport.Html(summary) : OpennessReport.Markdown(summary));
            return 0;
        });
        return command;
    }
}
