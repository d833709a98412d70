using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.AIBom;

/// <summary>
/// Runs the artefact inspector on a declared file: its findings become build diagnostics naming the file, what it
/// reveals (format, architecture, parameter count, licence) goes into the component, and disagreements with the
/// declaration are OM3007.
/// </summary>
internal static class ArtifactInspection
{
    /// <summary>Applies the inspection to the component; returns the licence the file's own metadata names, if any.</summary>
    public static string? Apply(ArtifactDeclaration declaration, Component component, Hashing.ArtifactFactCache cache, DiagnosticBag diagnostics)
    {
        var result = cache.GetInspection(declaration.FullPath);
        foreach (var finding in result.Findings)
        {
            var where = finding.Where.Length > 0 ? $" ({finding.Where})" : string.Empty;
            diagnostics.Add(finding.Id, finding.Level, $"{declaration.ItemType} '{declaration.Include}'{where}: {finding.Message}", declaration.FullPath);
        }

        var properties = component.Properties ??= [];
        properties.Add(new Property("openmodel:format", result.Metadata.GetValueOrDefault("format") ?? result.Format.ToString().ToLowerInvariant()));
        properties.Add(new Property("openmodel:scan", result.Verdict.ToString().ToLowerInvariant()));
        foreach (var key in new[] { "architecture", "parameter_count", "tensor_count", "producer", "onnx.opset" })
        {
            if (result.Metadata.TryGetValue(key, out var value))
            {
                properties.Add(new Property("openmodel:" + key.Replace('_', '-'), value));
            }
        }

        if (component.Type == "machine-learning-model" && result.Metadata.TryGetValue("architecture", out var architecture))
        {
            component.ModelCard ??= new ModelCard();
            component.ModelCard.ModelParameters ??= new ModelParameters();
            component.ModelCard.ModelParameters.ArchitectureFamily ??= architecture;
        }

        Conflicts(declaration, result, diagnostics);
        return result.Metadata.GetValueOrDefault("license");
    }

    private static void Conflicts(ArtifactDeclaration declaration, InspectionResult result, DiagnosticBag diagnostics)
    {
        if (declaration.Get("LicenseExpression") is { } declared && result.Metadata.TryGetValue("license", out var embedded)
            && !string.Equals(declared, SpdxLicenseList.Find(embedded)?.Id ?? embedded, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declaration.ItemType} '{declaration.Include}' declares licence '{declared}' but the file's own metadata says '{embedded}'", declaration.FullPath);
        }

        if (declaration.Get("Architecture") is { } architecture && result.Metadata.TryGetValue("architecture", out var actual)
            && !string.Equals(architecture, actual, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(BuildRules.MetadataConflict, $"{declaration.ItemType} '{declaration.Include}' declares architecture '{architecture}' but the file says '{actual}'", declaration.FullPath);
        }
    }
}
