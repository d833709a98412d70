using System.Net;
using System.Text;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Reports;

namespace OpenModel.Core.Release;

/// <summary>
/// The whole AI-BOM for a security reviewer, from the BOM alone: what changed since the previous release (when given),
/// the inventory (models, datasets, services, packages with licences and hashes), every code load site, each model file's
/// inspection verdict and the security findings. Markdown for pull requests; the HTML page is the same content.
/// </summary>
public static class ReviewReport
{
    public static string Markdown(Bom bom, Bom? previous)
    {
        var sections = Sections(bom, previous);
        var md = new StringBuilder();
        md.AppendLine(Title(bom));
        foreach (var (title, header, rows, empty) in sections)
        {
            md.AppendLine();
            md.AppendLine($"## {title}");
            md.AppendLine();
            if (rows.Count == 0)
            {
                md.AppendLine(empty);
                continue;
            }

            md.AppendLine("| " + string.Join(" | ", header) + " |");
            md.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
            foreach (var row in rows)
            {
                md.AppendLine("| " + string.Join(" | ", row.Select(c => c.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal))) + " |");
            }
        }

        return md.ToString();
    }

    public static string Html(Bom bom, Bom? previous)
    {
        var title = WebUtility.HtmlEncode(Title(bom)[2..]);
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine($"<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>");
        // Hashes (also as a change's before and after) are long unbroken words: they wrap inside their cell instead of
        // pushing the table off the page.
        html.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse;margin-bottom:1rem;width:100%;font-size:.92rem}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}td.hash,td.wrap{overflow-wrap:anywhere}td.hash{font-family:ui-monospace,monospace;font-size:.85rem}th{background:#f3f3f3}.dangerous,.removed{color:#a00}.added{color:#060}</style>");
        html.AppendLine($"</head><body><h1>{title}</h1>");
        foreach (var (section, header, rows, empty) in Sections(bom, previous))
        {
            html.AppendLine($"<h2>{WebUtility.HtmlEncode(section)}</h2>");
            if (rows.Count == 0)
            {
                html.AppendLine($"<p>{WebUtility.HtmlEncode(empty)}</p>");
                continue;
            }

            html.AppendLine("<table><tr>" + string.Concat(header.Select(h => $"<th>{WebUtility.HtmlEncode(h)}</th>")) + "</tr>");
            foreach (var row in rows)
            {
                var css = row.FirstOrDefault(c => c is "added" or "removed" or "dangerous");
                html.AppendLine($"<tr{(css is null ? string.Empty : $" class=\"{css}\"")}>" + string.Concat(row.Select((c, i) => $"<td{header[i] switch { "hash" => " class=\"hash\"", "before" or "after" => " class=\"wrap\"", _ => string.Empty }}>{WebUtility.HtmlEncode(c)}</td>")) + "</tr>");
            }

            html.AppendLine("</table>");
        }

        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static List<(string Title, string[] Header, List<string[]> Rows, string Empty)> Sections(Bom bom, Bom? previous)
    {
        var components = bom.Components ?? [];
        var sections = new List<(string, string[], List<string[]>, string)>();
        if (previous is not null)
        {
            sections.Add(("Changes since the previous release", ["change", "kind", "name", "what", "before", "after"],
                BomDiff.Compare(previous, bom).Select(c => new[] { c.Kind.ToString().ToLowerInvariant(), c.Category, c.Name, c.Aspect, Recorded(c.Before), Recorded(c.After) }).ToList(),
                "No model, dataset, service, package, licence or hash changed."));
        }

        // A fact the BOM lacks is "not recorded" / "not declared", never "none" or "not inspected": absence proves nothing.
        var evidence = OpennessSummary.HasAnalyzerEvidence(bom);
        var unknown = $"Unknown: {OpennessSummary.NoAnalyzerEvidence}.";
        string[] Row(Component c) => [c.Name, c.Version ?? OpennessSummary.NotDeclared, Licenses(c.Licenses), Hashes(c), Property(c, "openmodel:scan") ?? NotRecorded];
        sections.Add(("Models", ["name", "version", "licence", "hash", "inspection"], components.Where(c => c.Type == "machine-learning-model").Select(Row).ToList(), "No models."));
        sections.Add(("Datasets", ["name", "version", "licence", "hash", "inspection"], components.Where(c => c.Type == "data").Select(Row).ToList(), "No datasets."));
        sections.Add(("Model services", ["name", "provider", "endpoints", "licence"],
            (bom.Services ?? []).Select(s => new[] { s.Group is null ? s.Name : $"{s.Group}:{s.Name}", s.Provider?.Name ?? OpennessSummary.NotDeclared, s.Endpoints is { Count: > 0 } endpoints ? string.Join(" ", endpoints) : OpennessSummary.NotDeclared, Licenses(s.Licenses) }).ToList(),
            "No remote model services."));
        sections.Add(("Code load sites", ["artefact", "location"],
            components.SelectMany(c => (c.Evidence?.Occurrences ?? []).Select(o => new[] { c.Name, o.Line is { } line ? $"{o.Location}:{line}" : o.Location })).ToList(),
            evidence ? "The analyzers recorded no code load site of a declared artefact." : unknown));
        sections.Add(("Security findings", ["finding"],
            (bom.Metadata.Properties ?? []).Where(p => p.Name == "openmodel:security-finding").Select(p => new[] { p.Value ?? string.Empty }).ToList(),
            evidence ? "No security findings recorded." : unknown));
        var findings = (bom.Metadata.Properties ?? []).Select(p => p.Name switch
        {
            "openmodel:diagnostic" => new[] { "AI-BOM diagnostic", p.Value ?? string.Empty },
            "openmodel:unmatched-load" => ["load not matched to a declaration", p.Value ?? string.Empty],
            "openmodel:openness:finding" => ["openness finding", p.Value ?? string.Empty],
            _ => null,
        }).OfType<string[]>().ToList();
        sections.Add(("Other findings of the build", ["kind", "finding"], findings,
            "No AI-BOM diagnostic, unmatched load or openness finding recorded."));

        // Attribute results carry their titles from the BOM's own definitions of the standard.
        var titles = (bom.Definitions?.Standards ?? []).SelectMany(d => d.Requirements ?? []).Where(r => r.BomRef is not null && r.Title is not null)
            .GroupBy(r => r.BomRef!).ToDictionary(g => g.Key, g => g.First().Title!, StringComparer.Ordinal);
        string Result(string name) =>
            name.StartsWith("attribute-", StringComparison.Ordinal) && titles.TryGetValue("openness:" + name, out var title) ? $"attribute {name["attribute-".Length..]}: {title}" : name;
        sections.Add(("Openness", ["result", "value"],
            (bom.Metadata.Properties ?? []).Where(p => p.Name.StartsWith("openmodel:openness:", StringComparison.Ordinal) && p.Name != "openmodel:openness:finding")
                .Select(p => new[] { Result(p.Name["openmodel:openness:".Length..]), p.Value ?? string.Empty }).ToList(),
            "No openness results in this BOM."));
        sections.Add(("Packages", ["name", "version", "scope", "licence", "hash"],
            components.Where(c => c.Purl?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true).Select(c => new[] { c.Name, c.Version ?? OpennessSummary.NotDeclared, c.Scope ?? "required", Licenses(c.Licenses), Hashes(c) }).ToList(),
            "No packages."));
        return sections;
    }

    private const string NotRecorded = "not recorded";

    /// <summary>A changed fact one of the two BOMs lacks (<see cref="BomDiff.Absent"/>) was not recorded there, which proves nothing.</summary>
    private static string Recorded(string? value) => value == BomDiff.Absent ? NotRecorded : value ?? string.Empty;

    private static string Title(Bom bom) =>
        $"# AI-BOM review: {bom.Metadata.Component?.Name ?? OpennessSummary.ProjectNotDeclared} {bom.Metadata.Component?.Version}".TrimEnd();

    private static string Licenses(List<LicenseChoice>? licenses) => OpennessSummary.LicenseText(licenses);

    private static string Hashes(Component component) =>
        component.Hashes is { Count: > 0 } hashes ? string.Join(" ", hashes.Select(h => $"{h.Alg.ToLowerInvariant()}:{h.Content}")) : NotRecorded;

    private static string? Property(Component component, string name) => component.Properties?.FirstOrDefault(p => p.Name == name)?.Value;
}
