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
        if (summary.Attributes.Count == 0)
        {
            md.AppendLine(NotRecorded("Attributes"));
        }
        else
        {
            md.AppendLine("| # | attribute | state | why |");
            md.AppendLine("|---|---|---|---|");
        }

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
            if (model.OsaidChecks.Count == 0)
            {
                md.AppendLine(NotRecorded("OSAID requirements"));
            }

            foreach (var check in model.OsaidChecks)
            {
                md.AppendLine($"- {check.Title}: {PassFail(check)} ({check.Rationale})");
            }

            md.AppendLine();
            if (model.Components.Count == 0)
            {
                md.AppendLine(NotRecorded("MOF components"));
                continue;
            }

            md.AppendLine("| MOF component | counts | why |");
            md.AppendLine("|---|---|---|");
            foreach (var component in model.Components)
            {
                md.AppendLine($"| {Cell(component.Title)} | {Counts(component)} | {Cell(component.Rationale)} |");
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
        if (NoFindings(summary) is { } none)
        {
            md.AppendLine(none);
        }

        foreach (var finding in summary.Findings)
        {
            md.AppendLine($"- {finding}");
        }

        if (SecurityUnknown(summary) is { } unknown)
        {
            md.AppendLine();
            md.AppendLine(unknown);
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
        html.AppendLine($"<h1>Openness report: {E($"{summary.Project} {summary.Version}".TrimEnd())}</h1>");
        html.AppendLine($"<p><span class=\"class{(summary.SystemClass == "None" ? " none" : string.Empty)}\">AI system: {E(summary.SystemClass)}</span> <span class=\"muted\">Model Openness Framework 1.0 — the system is as open as its least open model</span></p>");
        html.AppendLine("<h2>Five attributes of openness</h2>");
        html.AppendLine(summary.Attributes.Count == 0 ? $"<p>{E(NotRecorded("Attributes"))}</p>" : "<table><tr><th>#</th><th>attribute</th><th>state</th><th>why</th></tr>");
        var number = 1;
        foreach (var attribute in summary.Attributes)
        {
            html.AppendLine($"<tr><td>{number++}</td><td>{E(attribute.Title)}</td><td>{Badge(attribute.State)}</td><td>{string.Join("<br>", attribute.Rationale.Split('\n').Select(E))}</td></tr>");
        }

        html.AppendLine(summary.Attributes.Count == 0 ? string.Empty : "</table>");
        foreach (var model in summary.Models)
        {
            html.AppendLine($"<h2>Model {E(model.Name)}: {E(model.MofClass)}</h2>");
            html.AppendLine($"<p>OSI Open Source AI Definition 1.0: {Badge(model.Osaid)}</p>");
            html.AppendLine(Table(["OSAID requirement", "result", "why"], model.OsaidChecks.Select(c => (c.Title, Badge(PassFail(c)), c.Rationale)), "OSAID requirements"));
            html.AppendLine(Table(["MOF component", "counts", "why"], model.Components.Select(c => (c.Title, Badge(Counts(c)), c.Rationale)), "MOF components"));
        }

        html.AppendLine("<h2>Licences</h2><table><tr><th>artefact</th><th>kind</th><th>version</th><th>licence</th><th>class</th></tr>");
        foreach (var license in summary.Licenses)
        {
            html.AppendLine($"<tr><td>{E(license.Name)}</td><td>{E(license.Kind)}</td><td>{E(license.Version ?? string.Empty)}</td><td>{E(license.License)}</td><td>{E(license.Category)}</td></tr>");
        }

        html.AppendLine("</table><h2>Findings</h2>");
        html.AppendLine(NoFindings(summary) is { } none ? $"<p>{E(none)}</p>" : summary.Findings.Count == 0 ? string.Empty : "<ul class=\"findings\">" + string.Concat(summary.Findings.Select(f => $"<li>{E(f)}</li>")) + "</ul>");
        html.AppendLine(SecurityUnknown(summary) is { } unknown ? $"<p>{E(unknown)}</p>" : string.Empty);
        html.AppendLine($"<p class=\"muted\">{E(OpennessSummary.ElsewhereNote)}</p>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static string NotRecorded(string what) => $"{what}: {OpennessSummary.NotRecorded}.";

    private static string PassFail(RequirementResult check) => check.Unknown ? "unknown" : check.Score >= 1 ? "pass" : "fail";

    private static string Counts(RequirementResult component) => component.Unknown ? "unknown" : component.Score >= 1 ? "yes" : "no";

    /// <summary>"None" only when the BOM shows the analyzers ran; otherwise the findings list cannot be called complete.</summary>
    private static string? NoFindings(OpennessSummary summary) =>
        summary.Findings.Count > 0 || !summary.AnalyzerEvidence ? null : "None recorded in the AI-BOM.";

    private static string? SecurityUnknown(OpennessSummary summary) =>
        summary.AnalyzerEvidence ? null : $"Security findings: unknown — {OpennessSummary.NoAnalyzerEvidence}.";

    /// <summary>An HTML table whose middle cell is markup (a badge), or a sentence saying the BOM holds no rows.</summary>
    private static string Table(string[] header, IEnumerable<(string Title, string Badge, string Why)> rows, string what)
    {
        var cells = rows.Select(r => $"<tr><td>{E(r.Title)}</td><td>{r.Badge}</td><td>{E(r.Why)}</td></tr>").ToList();
        return cells.Count == 0
            ? $"<p>{E(NotRecorded(what))}</p>"
            : "<table><tr>" + string.Concat(header.Select(h => $"<th>{E(h)}</th>")) + "</tr>" + string.Join("\n", cells) + "</table>";
    }

    private static string Badge(string state) => $"<span class=\"state {state.Replace(' ', '-')}\">{E(state)}</span>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Cell(string text) => text.Replace("|", "\\|");
}
