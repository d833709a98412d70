using OpenModel.Core.Facts;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.Openness;

/// <summary>
/// The five openness attributes of the whole AI system, each met / partial / not met / unknown with reasons that name
/// the project, an item or a BOM component. Unknown is never upgraded to met.
/// </summary>
public static class OpennessAttributes
{
    private static readonly HashSet<string> OpenFormats = new(StringComparer.OrdinalIgnoreCase) { "onnx", "ort", "safetensors", "gguf", "ggml", "tflite" };
    private static readonly HashSet<string> PickleFormats = new(StringComparer.OrdinalIgnoreCase) { "pickle", "pytorch-zip", "pytorch-tar", "pt", "pth", "bin", "ckpt", "pkl", "joblib" };

    /// <summary>The format the inspector found in the bytes; the extension only when the file could not be inspected.</summary>
    private static string Format(DeclaredModel weights, BuildFacts facts) =>
        facts.FactsOf(weights)?.Format ?? Path.GetExtension(weights.Include).TrimStart('.').ToLowerInvariant();

    internal static IReadOnlyList<AttributeResult> Evaluate(BuildFacts facts, IReadOnlyList<LicensedItem> licensed)
    {
        return
        [
            OpenCode(facts, licensed),
            OpenLicences(licensed),
            InputTransparency(facts),
            ThreatTransparency(facts),
            OpenStandards(facts),
        ];
    }

    private static AttributeResult OpenCode(BuildFacts facts, IReadOnlyList<LicensedItem> licensed)
    {
        const string name = "Open code that can be modified";
        var project = facts.Project;
        var projectCategory = facts.ProjectLicense?.Category ?? LicenseCategory.Unknown;
        if (!projectCategory.IsOpen())
        {
            return new AttributeResult(1, name, project.LicenseExpression is null ? AttributeState.NotMet : projectCategory == LicenseCategory.Unknown ? AttributeState.Unknown : AttributeState.NotMet,
                [project.LicenseExpression is null ? $"project {project.Name} has no PackageLicenseExpression" : $"project licence {project.LicenseExpression} is {projectCategory.Label()}"]);
        }

        var reasons = new List<string> { $"project {project.Name} is {project.LicenseExpression}" };
        var gaps = new List<string>();
        if (project.RepositoryUrl is null)
        {
            gaps.Add("no RepositoryUrl: the source cannot be found");
        }

        var closedPackages = licensed.Where(l => l.IsShippedPackage && !l.Category.IsOpen()).Select(l => $"{l.Name} {l.Version}").ToList();
        if (closedPackages.Count > 0)
        {
            gaps.Add($"{closedPackages.Count} package(s) without an open licence expression: {string.Join(", ", closedPackages.Take(5))}{(closedPackages.Count > 5 ? ", …" : string.Empty)}");
        }

        var closedCode = facts.Declarations.Components.Where(c => c.ComponentKind?.EndsWith("Code", StringComparison.OrdinalIgnoreCase) == true && !(c.License?.Category ?? LicenseCategory.Unknown).IsOpen())
            .Select(c => $"{c.ComponentKind} {c.Include}").ToList();
        gaps.AddRange(closedCode.Select(c => $"{c} has no open licence"));
        if (project.RepositoryUrl is not null)
        {
            reasons.Add($"source at {project.RepositoryUrl}");
        }

        return new AttributeResult(1, name, gaps.Count == 0 ? AttributeState.Met : AttributeState.Partial, reasons.Concat(gaps).ToList());
    }

    private static AttributeResult OpenLicences(IReadOnlyList<LicensedItem> items)
    {
        const string name = "Open licences for third-party use";
        var licensed = items.Where(l => !l.IsPackage || l.IsShippedPackage)
            .Select(l => (Name: $"{l.Kind} {l.Name}", l.Category, License: l.License?.Display))
            .ToList();
        var open = licensed.Count(l => l.Category.IsOpen());
        var restricted = licensed.Where(l => l.Category == LicenseCategory.Restricted).ToList();
        var unknown = licensed.Where(l => l.Category == LicenseCategory.Unknown).ToList();
        var reasons = new List<string> { $"{open} of {licensed.Count} models, datasets, services and packages are openly licensed" };
        reasons.AddRange(restricted.Select(l => $"{l.Name}: {l.License} is restricted"));
        reasons.AddRange(unknown.Select(l => l.License is null ? $"{l.Name}: no licence declared" : $"{l.Name}: licence {l.License} is unknown"));
        var state = (restricted.Count, unknown.Count, open) switch
        {
            (0, 0, > 0) => AttributeState.Met,
            (0, 0, 0) => AttributeState.Unknown,
            (_, _, 0) when restricted.Count == 0 => AttributeState.Unknown,
            (> 0, 0, 0) => AttributeState.NotMet,
            _ => AttributeState.Partial,
        };
        return new AttributeResult(2, name, state, reasons);
    }

    private static AttributeResult InputTransparency(BuildFacts facts)
    {
        const string name = "Transparency about model inputs";
        var composition = facts.Composition;
        var gaps = new List<string>();
        foreach (var artifact in facts.Declarations.Artifacts.Where(a => a is not DeclaredComponent))
        {
            var missing = new List<string>();
            if (artifact.IsLocal && facts.FactsOf(artifact)?.Sha256 is null)
            {
                missing.Add("hash");
            }

            if (artifact.Source is null)
            {
                missing.Add("source");
            }

            if (artifact.License is null)
            {
                missing.Add("licence");
            }

            if (missing.Count > 0)
            {
                gaps.Add($"{artifact.ItemType} {artifact.Include} has no {string.Join(", ", missing)}");
            }
        }

        var reasons = new List<string> { composition switch
        {
            "complete" => "the analyzers matched every model and data load in the code to a declaration",
            "incomplete" => "the code loads models or data that are not declared (OM2001–OM2004)",
            _ => "no analyzer evidence: it is unknown whether the code loads undeclared artefacts",
        } };
        reasons.AddRange(gaps);
        var state = composition switch
        {
            "incomplete" => AttributeState.NotMet,
            "complete" => gaps.Count == 0 ? AttributeState.Met : AttributeState.Partial,
            _ => AttributeState.Unknown,
        };
        return new AttributeResult(3, name, state, reasons);
    }

    private static AttributeResult ThreatTransparency(BuildFacts facts)
    {
        const string name = "Transparency about threats and mitigations";
        var models = facts.Artifacts.Where(a => a.Declared is DeclaredModel).ToList();
        var threatModels = facts.Declarations.Components.Where(c => c.IsKind("ThreatModel")).ToList();
        var reasons = new List<string>();
        var documented = 0;
        foreach (var model in models)
        {
            var card = model.ModelCard!;
            var hasRisks = card.EthicalConsiderations.Count > 0;
            var hasLimitations = card.Limitations.Any(t => !t.StartsWith(ModelCardFacts.OutOfScopePrefix, StringComparison.Ordinal));
            var hasOutOfScope = card.Limitations.Any(t => t.StartsWith(ModelCardFacts.OutOfScopePrefix, StringComparison.Ordinal));
            if (hasRisks && hasLimitations && hasOutOfScope)
            {
                documented++;
                reasons.Add($"model {model.Declared.Name}: model card states out-of-scope use, limitations and risks");
            }
            else
            {
                var missing = new[] { (hasOutOfScope, "out-of-scope use"), (hasLimitations, "limitations"), (hasRisks, "risks") }.Where(m => !m.Item1).Select(m => m.Item2);
                reasons.Add($"model {model.Declared.Name}: model card lacks {string.Join(", ", missing)}");
            }
        }

        reasons.Add(threatModels.Count > 0 ? $"threat model: {string.Join(", ", threatModels.Select(t => t.Include))}" : "no threat model declared (AIComponent Kind=\"ThreatModel\")");
        var unmitigated = SecurityFindings(facts, reasons);
        var state = models.Count == 0 && threatModels.Count == 0 ? AttributeState.Unknown
            : documented == models.Count && threatModels.Count > 0 && unmitigated == 0 ? AttributeState.Met
            : documented == 0 && threatModels.Count == 0 ? AttributeState.NotMet
            : AttributeState.Partial;
        return new AttributeResult(4, name, state, reasons);
    }

    /// <summary>
    /// Adds the security analyzers' verdict to the reasons and returns how many error or warning findings stand
    /// unmitigated; a threat model does not count as mitigation while the code still has them.
    /// </summary>
    private static int SecurityFindings(BuildFacts facts, List<string> reasons)
    {
        if (!facts.Evidence.Available)
        {
            reasons.Add("security analyzers: no results (the compiler's SARIF log was not available)");
            return 0;
        }

        var findings = facts.SecurityFindings;
        var unmitigated = facts.Evidence.SecurityFindings.Count(f => f.Level is "error" or "warning");
        reasons.Add(findings.Count == 0
            ? "security analyzers (OM1001–OM1018): no findings"
            : $"security analyzers: {unmitigated} error or warning finding(s) of {findings.Count}: {string.Join(", ", findings.Take(5))}{(findings.Count > 5 ? ", …" : string.Empty)}");
        return unmitigated;
    }

    private static AttributeResult OpenStandards(BuildFacts facts)
    {
        const string name = "Open standards for interconnection";
        var weights = facts.Declarations.Models.Where(m => m.IsLocal)
            .Select(w => (w.Include, Format: Format(w, facts)))
            .ToList();
        var reasons = new List<string> { "the AI-BOM itself is CycloneDX, an open standard (ECMA-424)" };
        var open = weights.Where(w => OpenFormats.Contains(w.Format)).ToList();
        var pickle = weights.Where(w => PickleFormats.Contains(w.Format)).ToList();
        var other = weights.Except(open).Except(pickle).ToList();
        reasons.AddRange(open.Select(w => $"{w.Include}: open, non-executable format ({w.Format})"));
        reasons.AddRange(pickle.Select(w => $"{w.Include}: pickle-based format ({w.Format}) that can execute code when loaded"));
        reasons.AddRange(other.Select(w => $"{w.Include}: format {w.Format} is not recognised as an open standard"));
        var state = weights.Count == 0 ? AttributeState.Unknown
            : open.Count == weights.Count ? AttributeState.Met
            : open.Count == 0 && pickle.Count > 0 && other.Count == 0 ? AttributeState.NotMet
            : open.Count == 0 ? AttributeState.Unknown
            : AttributeState.Partial;
        if (weights.Count == 0)
        {
            reasons.Add("no local model weights: the formats cannot be checked");
        }

        return new AttributeResult(5, name, state, reasons);
    }
}
