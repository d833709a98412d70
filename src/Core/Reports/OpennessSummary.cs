using OpenModel.Core.CycloneDx;
using OpenModel.Core.Openness;

namespace OpenModel.Core.Reports;

public sealed record RequirementResult(string Title, double Score, bool Unknown, string Rationale)
{
    public string State => Unknown ? "unknown" : Score >= 1 ? "met" : Score > 0 ? "partial" : "not met";
}

public sealed record ModelSummary(string Name, string MofClass, string Osaid, IReadOnlyList<RequirementResult> Components, IReadOnlyList<RequirementResult> OsaidChecks);

public sealed record ArtifactLicense(string Kind, string Name, string? Version, string License, string Category);

/// <summary>
/// Everything the openness report shows, read back from a BOM, so the build and `openmodel report` render the same facts.
/// A fact the BOM does not hold is read as <see cref="NotRecorded"/>, <see cref="NotDeclared"/> or unknown, never as a default.
/// </summary>
/// <param name="AnalyzerEvidence">Whether the BOM says the analyzers ran (its composition is known): only then does an
/// empty list of findings mean the security analyzers found nothing.</param>
public sealed record OpennessSummary(
    string Project,
    string? Version,
    string SystemClass,
    IReadOnlyList<ModelSummary> Models,
    IReadOnlyList<RequirementResult> Attributes,
    IReadOnlyList<ArtifactLicense> Licenses,
    IReadOnlyList<string> Findings,
    bool AnalyzerEvidence = true)
{
    public const string NotRecorded = "not recorded in the AI-BOM";

    public const string NotDeclared = "not declared";

    public const string ProjectNotDeclared = "(project not declared in the AI-BOM)";

    /// <summary>What the reports say instead of "no findings" or "no load sites" when the analyzers' results are not in the BOM.</summary>
    public const string NoAnalyzerEvidence = "the AI-BOM records no analyzer results (its composition is unknown)";

    /// <summary>True when the BOM's composition is known: the analyzers ran and their results are in it.</summary>
    public static bool HasAnalyzerEvidence(Bom bom) => bom.Compositions?.FirstOrDefault()?.Aggregate is { } aggregate && aggregate != "unknown";

    /// <summary>A licence as the BOM states it (expression, id, name or URL), or <see cref="NotDeclared"/>.</summary>
    public static string LicenseText(List<LicenseChoice>? licenses) =>
        licenses?.Select(l => l.Expression ?? l.License?.Id ?? l.License?.Name ?? l.License?.Url).OfType<string>().ToList() is { Count: > 0 } texts
            ? string.Join(" AND ", texts)
            : NotDeclared;

    /// <summary>Null when the BOM carries no openness results (written without them, or by another tool).</summary>
    public static OpennessSummary? From(Bom bom)
    {
        var properties = bom.Metadata.Properties ?? [];
        var systemClass = properties.FirstOrDefault(p => p.Name == OpennessBomWriter.Prefix + "class")?.Value;
        if (systemClass is null || bom.Declarations?.Attestations is not { } attestations)
        {
            return null;
        }

        var titles = (bom.Definitions?.Standards ?? []).SelectMany(s => s.Requirements ?? []).Where(r => r.BomRef is not null).ToDictionary(r => r.BomRef!, r => r.Title ?? r.BomRef!);
        IReadOnlyList<RequirementResult> Results(Attestation? attestation) =>
            (attestation?.Map ?? []).Select(m => new RequirementResult(
                titles.GetValueOrDefault(m.Requirement ?? string.Empty, m.Requirement ?? string.Empty),
                m.Conformance?.Value ?? 0,
                m.Conformance?.Value is null || m.Confidence?.Value == 0,
                m.Conformance?.Rationale is { Length: > 0 } rationale ? rationale : NotRecorded)).ToList();

        var mofPrefix = OpennessBomWriter.Prefix + "mof:";
        var models = properties.Where(p => p.Name.StartsWith(mofPrefix, StringComparison.Ordinal)).Select(p =>
        {
            var name = p.Name[mofPrefix.Length..];
            return new ModelSummary(
                name,
                p.Value ?? "unknown",
                properties.FirstOrDefault(o => o.Name == $"{OpennessBomWriter.Prefix}osaid:{name}")?.Value ?? "unknown",
                Results(attestations.FirstOrDefault(a => a.Summary == OpennessBomWriter.MofSummaryPrefix + name)),
                Results(attestations.FirstOrDefault(a => a.Summary == OpennessBomWriter.OsaidSummaryPrefix + name)));
        }).ToList();

        var licenses = (bom.Components ?? [])
            .Where(c => c.Properties?.Any(p => p.Name == OpennessBomWriter.LicenseCategoryProperty) == true)
            .Select(c => new ArtifactLicense(
                c.Type switch { "machine-learning-model" => "model", "data" => "dataset", _ => c.Scope == "excluded" ? "package (excluded)" : "package" },
                c.Name,
                c.Version ?? NotDeclared,
                LicenseText(c.Licenses),
                c.Properties!.First(p => p.Name == OpennessBomWriter.LicenseCategoryProperty).Value!))
            .Concat((bom.Services ?? []).Select(s => new ArtifactLicense("service", s.Group is null ? s.Name : $"{s.Group}:{s.Name}", s.Version ?? NotDeclared, LicenseText(s.Licenses),
                s.Properties?.FirstOrDefault(p => p.Name == OpennessBomWriter.LicenseCategoryProperty)?.Value ?? "unknown")))
            .OrderBy(l => l.Kind.StartsWith("package", StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ThenBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new OpennessSummary(
            bom.Metadata.Component?.Name ?? ProjectNotDeclared,
            bom.Metadata.Component?.Version,
            systemClass,
            models,
            Results(attestations.FirstOrDefault(a => a.Summary == OpennessBomWriter.AttributeSummary)),
            licenses,
            FindingsOf(properties),
            HasAnalyzerEvidence(bom));
    }

    /// <summary>Where the build's other warnings are: the report lists only what the BOM records.</summary>
    public const string ElsewhereNote = "Other compiler warnings (not about AI artefacts or security) are in the build log only.";

    /// <summary>
    /// Everything the build raised about the AI artefacts and their security, as the BOM records it: openness findings,
    /// AI-BOM diagnostics (OM3xxx, OM4xxx), security-rule findings and loads that match no declaration.
    /// </summary>
    private static List<string> FindingsOf(List<Property> properties)
    {
        string? Render(Property p) => p.Name switch
        {
            OpennessBomWriter.Prefix + "finding" => p.Value,
            AIBom.AIBomBuilder.DiagnosticProperty => p.Value,
            AIBom.AIBomBuilder.SecurityFindingProperty => $"security finding: {p.Value}",
            "openmodel:unmatched-load" => $"load not matched to a declaration: {p.Value}",
            _ => null,
        };
        return properties.Select(Render).OfType<string>().ToList();
    }
}
