using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
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
    private static string Format(ArtifactDeclaration weights, Bom bom) =>
        bom.Components!.FirstOrDefault(c => c.BomRef == AIBom.ArtifactComponentFactory.BomRefOf(weights))?.Properties?.FirstOrDefault(p => p.Name == "openmodel:format")?.Value
        ?? Path.GetExtension(weights.Include).TrimStart('.').ToLowerInvariant();

    public static IReadOnlyList<AttributeResult> Evaluate(AIBom.AIBomRequest request, Bom bom)
    {
        return
        [
            OpenCode(request, bom),
            OpenLicences(bom),
            InputTransparency(request, bom),
            ThreatTransparency(request, bom),
            OpenStandards(request, bom),
        ];
    }

    private static AttributeResult OpenCode(AIBom.AIBomRequest request, Bom bom)
    {
        const string name = "Open code that can be modified";
        var project = request.Project;
        var projectCategory = LicenseClassifier.Classify(project.LicenseExpression);
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

        var closedPackages = bom.Components!.Where(c => c.Scope == "required" && c.Purl?.StartsWith("pkg:nuget/") == true && !ComponentLicenseCategory(c).IsOpen()).Select(c => $"{c.Name} {c.Version}").ToList();
        if (closedPackages.Count > 0)
        {
            gaps.Add($"{closedPackages.Count} package(s) without an open licence expression: {string.Join(", ", closedPackages.Take(5))}{(closedPackages.Count > 5 ? ", …" : string.Empty)}");
        }

        var closedCode = request.Artifacts.Where(a => a.Kind == ArtifactKind.Component && a.Get("Kind")?.EndsWith("Code", StringComparison.OrdinalIgnoreCase) == true && !LicenseClassifier.Classify(a.Get("LicenseExpression")).IsOpen())
            .Select(a => $"{a.Get("Kind")} {a.Include}").ToList();
        gaps.AddRange(closedCode.Select(c => $"{c} has no open licence"));
        if (project.RepositoryUrl is not null)
        {
            reasons.Add($"source at {project.RepositoryUrl}");
        }

        return new AttributeResult(1, name, gaps.Count == 0 ? AttributeState.Met : AttributeState.Partial, reasons.Concat(gaps).ToList());
    }

    private static AttributeResult OpenLicences(Bom bom)
    {
        const string name = "Open licences for third-party use";
        var licensed = bom.Components!.Where(c => c.Type is "machine-learning-model" or "data" || (c.Scope == "required" && c.Purl?.StartsWith("pkg:nuget/") == true))
            .Select(c => (Name: $"{Kind(c)} {c.Name}", Category: ComponentLicenseCategory(c), License: LicenseText(c)))
            .Concat(bom.Services!.Select(s => (Name: $"service {s.Name}", Category: LicenseClassifier.Classify(s.Licenses?.FirstOrDefault()?.Expression), License: LicenseText(s.Licenses))))
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

    private static AttributeResult InputTransparency(AIBom.AIBomRequest request, Bom bom)
    {
        const string name = "Transparency about model inputs";
        var composition = bom.Compositions?.FirstOrDefault()?.Aggregate ?? "unknown";
        var local = bom.Components!.Where(c => c.Type is "machine-learning-model" or "data").ToList();
        var gaps = new List<string>();
        foreach (var artifact in request.Artifacts.Where(a => a.Kind != ArtifactKind.Component && !a.IsRemoteService))
        {
            var missing = new List<string>();
            if (artifact.IsLocal && local.FirstOrDefault(c => c.BomRef == AIBom.ArtifactComponentFactory.BomRefOf(artifact))?.Hashes is null)
            {
                missing.Add("hash");
            }

            if (artifact.Get("Source") is null)
            {
                missing.Add("source");
            }

            if (artifact.Get("LicenseExpression") is null)
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

    private static AttributeResult ThreatTransparency(AIBom.AIBomRequest request, Bom bom)
    {
        const string name = "Transparency about threats and mitigations";
        var models = bom.Components!.Where(c => c.Type == "machine-learning-model").ToList();
        var threatModels = request.Artifacts.Where(a => a.Kind == ArtifactKind.Component && string.Equals(a.Get("Kind"), "ThreatModel", StringComparison.OrdinalIgnoreCase)).ToList();
        var reasons = new List<string>();
        var documented = 0;
        foreach (var model in models)
        {
            var considerations = model.ModelCard?.Considerations;
            var hasRisks = considerations?.EthicalConsiderations is { Count: > 0 };
            var hasLimitations = considerations?.TechnicalLimitations?.Any(t => !t.StartsWith("Out-of-scope use:", StringComparison.Ordinal)) == true;
            var hasOutOfScope = considerations?.TechnicalLimitations?.Any(t => t.StartsWith("Out-of-scope use:", StringComparison.Ordinal)) == true;
            if (hasRisks && hasLimitations && hasOutOfScope)
            {
                documented++;
                reasons.Add($"model {model.Name}: model card states out-of-scope use, limitations and risks");
            }
            else
            {
                var missing = new[] { (hasOutOfScope, "out-of-scope use"), (hasLimitations, "limitations"), (hasRisks, "risks") }.Where(m => !m.Item1).Select(m => m.Item2);
                reasons.Add($"model {model.Name}: model card lacks {string.Join(", ", missing)}");
            }
        }

        reasons.Add(threatModels.Count > 0 ? $"threat model: {string.Join(", ", threatModels.Select(t => t.Include))}" : "no threat model declared (AIComponent Kind=\"ThreatModel\")");
        var unmitigated = SecurityFindings(bom, reasons);
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
    private static int SecurityFindings(Bom bom, List<string> reasons)
    {
        if (bom.Compositions?.FirstOrDefault()?.Aggregate is null or "unknown")
        {
            reasons.Add("security analyzers: no results (the compiler's SARIF log was not available)");
            return 0;
        }

        var findings = bom.Metadata.Properties!.Where(p => p.Name == AIBom.AIBomBuilder.SecurityFindingProperty).Select(p => p.Value!).ToList();
        var unmitigated = findings.Count(f => f.Split(' ') is [_, "error" or "warning", ..]);
        reasons.Add(findings.Count == 0
            ? "security analyzers (OM1001–OM1018): no findings"
            : $"security analyzers: {unmitigated} error or warning finding(s) of {findings.Count}: {string.Join(", ", findings.Take(5))}{(findings.Count > 5 ? ", …" : string.Empty)}");
        return unmitigated;
    }

    private static AttributeResult OpenStandards(AIBom.AIBomRequest request, Bom bom)
    {
        const string name = "Open standards for interconnection";
        var weights = request.Artifacts.Where(a => a.Kind == ArtifactKind.Model && a.IsLocal)
            .Select(w => (w.Include, Format: Format(w, bom)))
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

    public static LicenseCategory ComponentLicenseCategory(Component component) => component.Licenses switch
    {
        [{ Expression: { } expression }] => LicenseClassifier.Classify(expression),
        [{ License.Id: { } id }] => LicenseClassifier.Classify(id),
        _ => LicenseCategory.Unknown,
    };

    /// <summary>The licence as the BOM states it, or null when none is declared (a reason then says so, never "licence none").</summary>
    private static string? LicenseText(Component component) => LicenseText(component.Licenses);

    private static string? LicenseText(List<LicenseChoice>? licenses) =>
        licenses?.FirstOrDefault() is { } choice ? choice.Expression ?? choice.License?.Id ?? choice.License?.Name ?? choice.License?.Url : null;

    private static string Kind(Component component) => component.Type switch
    {
        "machine-learning-model" => "model",
        "data" => "dataset",
        _ => "package",
    };
}
