using System.Net;
using System.Text;

namespace OpenModel.Core.Reports;

/// <summary>Renders the openness summary as Markdown (for terminals and pull requests) and as a self-contained HTML page.</summary>
public static class OpennessReport
{
    public static string Markdown(OpennessSummary summary)
    {
        var md = new StringBuilder();
        md.AppendLine($"# Openness report: {summary.Project} {summary.Version}".TrimEnd());
        md.AppendLine();
        md.AppendLine($"**AI system class: {summary.SystemClass}** (Model Openness Framework 1.0; the system is as open as its least open model)");
        md.AppendLine();
        md.AppendLine("## Five attributes of openness");
        md.AppendLine();
        md.AppendLine("| # | attribute | state | why |");
        md.AppendLine("|---|---|---|---|");
        var number = 1;
        foreach (var attribute in summary.Attributes)
        {
            md.AppendLine($"| {number++} | {Cell(attribute.Title)} | {attribute.State} | {Cell(attribute.Rationale.Replace("\n", "; "))} |");
        }

        foreach (var model in summary.Models)
        {
            md.AppendLine();
            md.AppendLine($"## Model {model.Name}: {model.MofClass}");
            md.AppendLine();
            md.AppendLine($"OSI Open Source AI Definition 1.0: **{model.Osaid}**");
            md.AppendLine();
            foreach (var check in model.OsaidChecks)
            {
                md.AppendLine($"- {check.Title}: {(check.Unknown ? "unknown" : check.Score >= 1 ? "pass" : "fail")} ({check.Rationale})");
            }

            md.AppendLine();
            md.AppendLine("| MOF component | counts | why |");
            md.AppendLine("|---|---|---|");
            foreach (var component in model.Components)
            {
                md.AppendLine($"| {Cell(component.Title)} | {(component.Score >= 1 ? "yes" : "no")} | {Cell(component.Rationale)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Licences");
        md.AppendLine();
        md.AppendLine("| artefact | kind | version | licence | class |");
        md.AppendLine("|---|---|---|---|---|");
        foreach (var license in summary.Licenses)
        {
            md.AppendLine($"| {Cell(license.Name)} | {license.Kind} | {Cell(license.Version ?? string.Empty)} | {Cell(license.License)} | {license.Category} |");
        }

        md.AppendLine();
        md.AppendLine("## Findings");
        md.AppendLine();
        if (summary.Findings.Count == 0)
        {
            md.AppendLine("None.");
        }

        foreach (var finding in summary.Findings)
        {
            md.AppendLine($"- {finding}");
        }

        md.AppendLine();
        md.AppendLine(OpennessSummary.ElsewhereNote);

        return md.ToString();
    }

    public static string Html(OpennessSummary summary)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine($"<title>Openness report: {E(summary.Project)}</title>");
        html.AppendLine("""
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto; max-width: 72rem; color: #1f2328; padding: 0 1rem; }
            h1 { margin-bottom: .25rem; } h2 { margin-top: 2rem; border-bottom: 1px solid #d0d7de; padding-bottom: .3rem; }
            .class { display: inline-block; font-size: 1.25rem; font-weight: 600; padding: .3rem .8rem; border-radius: 6px; background: #0969da; color: #fff; }
            .class.none { background: #6e7781; }
            table { border-collapse: collapse; width: 100%; margin: .75rem 0; font-size: .92rem; }
            th, td { border: 1px solid #d0d7de; padding: .4rem .6rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; }
            .state { font-weight: 600; border-radius: 2em; padding: .1rem .6rem; white-space: nowrap; }
            .met, .pass, .yes { background: #dafbe1; color: #1a7f37; } .partial { background: #fff8c5; color: #9a6700; }
            .not-met, .fail, .no { background: #ffebe9; color: #cf222e; } .unknown { background: #eaeef2; color: #57606a; }
            ul.findings li { margin: .3rem 0; } .muted { color: #57606a; }
            </style></head><body>
            """);
        html.AppendLine($"<h1>Openness report: {E(summary.Project)} {E(summary.Version ?? string.Empty)}</h1>");
        html.AppendLine($"<p><span class=\"class{(summary.SystemClass == "None" ? " none" : string.Empty)}\">AI system: {E(summary.SystemClass)}</span> <span class=\"muted\">Model Openness Framework 1.0 — the system is as open as its least open model</span></p>");
        html.AppendLine("<h2>Five attributes of openness</h2><table><tr><th>#</th><th>attribute</th><th>state</th><th>why</th></tr>");
        var number = 1;
        foreach (var attribute in summary.Attributes)
        {
            html.AppendLine($"<tr><td>{number++}</td><td>{E(attribute.Title)}</td><td>{Badge(attribute.State)}</td><td>{string.Join("<br>", attribute.Rationale.Split('\n').Select(E))}</td></tr>");
        }

        html.AppendLine("</table>");
        foreach (var model in summary.Models)
        {
            html.AppendLine($"<h2>Model {E(model.Name)}: {E(model.MofClass)}</h2>");
            html.AppendLine($"<p>OSI Open Source AI Definition 1.0: {Badge(model.Osaid)}</p><table><tr><th>OSAID requirement</th><th>result</th><th>why</th></tr>");
            foreach (var check in model.OsaidChecks)
            {
                html.AppendLine($"<tr><td>{E(check.Title)}</td><td>{Badge(check.Unknown ? "unknown" : check.Score >= 1 ? "pass" : "fail")}</td><td>{E(check.Rationale)}</td></tr>");
            }

            html.AppendLine("</table><table><tr><th>MOF component</th><th>counts</th><th>why</th></tr>");
            foreach (var component in model.Components)
            {
                html.AppendLine($"<tr><td>{E(component.Title)}</td><td>{Badge(component.Score >= 1 ? "yes" : "no")}</td><td>{E(component.Rationale)}</td></tr>");
            }

            html.AppendLine("</table>");
        }

        html.AppendLine("<h2>Licences</h2><table><tr><th>artefact</th><th>kind</th><th>version</th><th>licence</th><th>class</th></tr>");
        foreach (var license in summary.Licenses)
        {
            html.AppendLine($"<tr><td>{E(license.Name)}</td><td>{E(license.Kind)}</td><td>{E(license.Version ?? string.Empty)}</td><td>{E(license.License)}</td><td>{E(license.Category)}</td></tr>");
        }

        html.AppendLine("</table><h2>Findings</h2>");
        html.AppendLine(summary.Findings.Count == 0 ? "<p>None.</p>" : "<ul class=\"findings\">" + string.Concat(summary.Findings.Select(f => $"<li>{E(f)}</li>")) + "</ul>");
        html.AppendLine($"<p class=\"muted\">{E(OpennessSummary.ElsewhereNote)}</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string Badge(string state) => $"<span class=\"state {state.Replace(' ', '-')}\">{E(state)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cell(string text) => text.Replace("|", "\\|");
}
