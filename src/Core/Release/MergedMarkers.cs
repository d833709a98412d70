using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release.Compliance;

namespace OpenModel.Core.Release;

/// <summary>
/// The explicit <c>openmodel:unknown</c> / <c>openmodel:withheld</c> markers of the source BOMs in the merged BOM, so
/// that <c>openmodel check --profile</c> on the product reports an element withheld or unknown rather than missing.
/// A document element (author, infrastructure…) is the product's answer only when every project gives it: a project
/// that neither states nor marks it is not excused by the others' markers. One project withholding what another does not
/// know is withheld for the product. Every disagreement is OM6009.
/// </summary>
internal static class MergedMarkers
{
    public static IEnumerable<Property> Document(IReadOnlyList<MergeSource> sources, List<OpenModelDiagnostic> diagnostics)
    {
        var marked = sources.Select(s => Markers(s.Bom.Metadata.Properties)).ToList();
        foreach (var key in marked.SelectMany(m => m.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var states = sources.Select((s, i) => (s.File, Marker: marked[i].GetValueOrDefault(key))).ToList();
            var first = states.First(s => s.Marker is not null);
            var everyone = states.All(s => s.Marker is not null);
            var carried = states.All(s => s.Marker == first.Marker) ? first.Marker
                : everyone ? ComplianceFacts.WithheldProperty
                : null;
            foreach (var (file, marker) in states.Where(s => s.Marker != first.Marker))
            {
                diagnostics.Add(new(
                    BuildRules.MergedMarkerConflict,
                    $"'{key}' is {State(marker)} here but {State(first.Marker)} in {first.File}; " +
                    (carried is null ? "the merged BOM does not mark it, so a profile check reports it missing" : $"the merged BOM keeps it {State(carried)}"),
                    file));
            }

            if (carried is not null)
            {
                yield return new Property(carried, key);
            }
        }
    }

    /// <summary>
    /// Projects built for the profiles (<c>AIBomComplianceProfiles</c>: they state a generation context or mark elements)
    /// make a product BOM that answers the document elements the same way: their SBOM authors, the generation context
    /// of a merge (after the builds: <c>post-build</c>), and for the product component, which has no file, purl or licence
    /// of its own, an explicit unknown for each of those rather than a silent gap. Plain builds mark nothing; neither does this.
    /// </summary>
    public static void Product(Bom merged, IReadOnlyList<MergeSource> sources)
    {
        if (!sources.Any(s => s.Bom.Metadata.Lifecycles is { Count: > 0 } || Markers(s.Bom.Metadata.Properties).Count > 0))
        {
            return;
        }

        var authors = sources.SelectMany(s => s.Bom.Metadata.Authors ?? []).Where(a => a.Name is { Length: > 0 }).DistinctBy(a => a.Name).ToList();
        merged.Metadata.Authors = authors.Count > 0 ? authors : null;
        merged.Metadata.Lifecycles = [new Lifecycle { Phase = "post-build" }];
        var product = merged.Metadata.Component!;
        var unknown = new List<string> { "producer", "identifier", "hash", "license" };
        if (product.Version is null)
        {
            unknown.Add("version");
        }

        (product.Properties ??= []).AddRange(unknown.Select(key => new Property(ComplianceFacts.UnknownProperty, key)));
    }

    /// <summary>A component's markers from another project's copy of it join the kept copy's.</summary>
    public static void Carry(Component kept, string keptFile, Component other, string file, string description, List<OpenModelDiagnostic> diagnostics)
    {
        foreach (var (key, marker) in Markers(other.Properties))
        {
            var existing = kept.Properties?.FirstOrDefault(p => p.Value == key && IsMarker(p.Name));
            if (existing is null)
            {
                (kept.Properties ??= []).Add(new Property(marker, key));
            }
            else if (existing.Name != marker)
            {
                diagnostics.Add(new(BuildRules.MergedMarkerConflict, $"'{key}' of {description} is {State(marker)} here but {State(existing.Name)} in {keptFile}; the merged BOM marks it withheld", file));
                existing.Name = ComplianceFacts.WithheldProperty;
            }
        }
    }

    private static Dictionary<string, string> Markers(List<Property>? properties)
    {
        var markers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in properties ?? [])
        {
            if (IsMarker(property.Name) && property.Value is { Length: > 0 } key)
            {
                // A BOM that says both says something is known: withheld.
                markers[key] = markers.TryGetValue(key, out var seen) && seen != property.Name ? ComplianceFacts.WithheldProperty : property.Name;
            }
        }

        return markers;
    }

    private static bool IsMarker(string name) => name is ComplianceFacts.UnknownProperty or ComplianceFacts.WithheldProperty;

    private static string State(string? marker) => marker switch
    {
        ComplianceFacts.UnknownProperty => "marked unknown",
        ComplianceFacts.WithheldProperty => "marked withheld",
        _ => "neither marked unknown nor withheld",
    };
}
