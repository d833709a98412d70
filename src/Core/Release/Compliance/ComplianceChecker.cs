using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release.Attestations;

namespace OpenModel.Core.Release.Compliance;

public enum ElementStatus
{
    Present,

    /// <summary>Explicitly marked unknown (<c>openmodel:unknown</c>): the producer says it does not know.</summary>
    Unknown,

    /// <summary>Explicitly marked withheld (<c>openmodel:withheld</c>): known, deliberately not disclosed.</summary>
    Withheld,
    Missing,
}

/// <summary>How one element fares: overall, and which components lack it or mark it unknown or withheld.</summary>
public sealed record ElementResult(MinimumElement Element, ElementStatus Status, IReadOnlyList<string> Missing, IReadOnlyList<string> Unknown, IReadOnlyList<string> Withheld);

public sealed record ComplianceReport(ComplianceProfile Profile, string File, IReadOnlyList<ElementResult> Results)
{
    public bool Passes => Results.All(r => r.Status != ElementStatus.Missing);

    /// <summary>One warning per missing element, with its own ID, naming up to five of the components that lack it.</summary>
    public IEnumerable<OpenModelDiagnostic> Diagnostics =>
        Results.Where(r => r.Status == ElementStatus.Missing).Select(r => new OpenModelDiagnostic(
            r.Element.Rule,
            r.Element.Scope == ElementScope.Document
                ? $"{Profile.Name}: minimum element '{r.Element.Name}' is missing"
                : $"{Profile.Name}: minimum element '{r.Element.Name}' is missing for {r.Missing.Count} component(s): {string.Join(", ", r.Missing.Take(5))}{(r.Missing.Count > 5 ? ", …" : string.Empty)}",
            File));
}

/// <summary>Checks a CycloneDX JSON BOM against a minimum-elements profile.</summary>
public static class ComplianceChecker
{
    /// <param name="attestation">A DSSE envelope or Sigstore bundle shipped with the BOM, if any: it is the BOM's signature
    /// when it is signed and its predicate is this BOM. Whether the signature verifies is <c>openmodel verify</c>'s job.</param>
    /// <exception cref="JsonException">The BOM is not JSON.</exception>
    public static ComplianceReport Check(ComplianceProfile profile, string file, byte[] bomJson, byte[]? attestation = null)
    {
        using var document = JsonDocument.Parse(bomJson, new JsonDocumentOptions { MaxDepth = 256 });
        var view = new BomView(document.RootElement, attestation is not null && AttestationVerifier.IsSignedAttestationOf(attestation, bomJson));
        var results = profile.Elements.Select(element => Evaluate(view, element)).ToList();
        return new ComplianceReport(profile, file, results);
    }

    private static ElementResult Evaluate(BomView view, MinimumElement element)
    {
        if (element.Scope == ElementScope.Document)
        {
            var status = element.IsPresent(view, default) ? ElementStatus.Present : StatusOf(BomView.Marker(view.Metadata, element.Key));
            return new ElementResult(element, status, [], [], []);
        }

        var components = element.Scope switch
        {
            ElementScope.Models => view.Components.Where(c => BomView.Text(c, "type") == "machine-learning-model"),
            ElementScope.Datasets => view.Components.Where(c => BomView.Text(c, "type") == "data"),
            _ => view.EveryComponent,
        };
        var missing = new List<string>();
        var unknown = new List<string>();
        var withheld = new List<string>();
        foreach (var component in components.Where(c => !element.IsPresent(view, c)))
        {
            var name = BomView.Text(component, "bom-ref") ?? BomView.Text(component, "name") ?? "(unnamed)";
            (StatusOf(BomView.Marker(component, element.Key)) switch
            {
                ElementStatus.Unknown => unknown,
                ElementStatus.Withheld => withheld,
                _ => missing,
            }).Add(name);
        }

        var overall = missing.Count > 0 ? ElementStatus.Missing : withheld.Count > 0 ? ElementStatus.Withheld : unknown.Count > 0 ? ElementStatus.Unknown : ElementStatus.Present;
        return new ElementResult(element, overall, missing, unknown, withheld);
    }

    private static ElementStatus StatusOf(string? marker) => marker switch
    {
        "openmodel:unknown" => ElementStatus.Unknown,
        "openmodel:withheld" => ElementStatus.Withheld,
        _ => ElementStatus.Missing,
    };
}
