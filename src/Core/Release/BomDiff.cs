using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Release;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two BOMs: what (model, dataset, service, package), and how.</summary>
public sealed record BomChange(ChangeKind Kind, string Category, string Name, string? Before, string? After, string Aspect = "");

/// <summary>What a release changes: models, datasets, model services and packages added or removed, versions, licences and hashes changed.</summary>
public static class BomDiff
{
    public static IReadOnlyList<BomChange> Compare(Bom before, Bom after)
    {
        var old = Entries(before);
        var current = Entries(after);
        var changes = new List<BomChange>();
        foreach (var (key, entry) in current.Where(e => !old.ContainsKey(e.Key)))
        {
            changes.Add(new BomChange(ChangeKind.Added, entry.Category, entry.Name, null, Describe(entry)));
        }

        foreach (var (key, entry) in old.Where(e => !current.ContainsKey(e.Key)))
        {
            changes.Add(new BomChange(ChangeKind.Removed, entry.Category, entry.Name, Describe(entry), null));
        }

        foreach (var (key, was) in old)
        {
            if (!current.TryGetValue(key, out var now))
            {
                continue;
            }

            Compare(changes, was, now, "version", e => e.Version);
            Compare(changes, was, now, "licence", e => e.License);
            Compare(changes, was, now, "hash", e => e.Hash);
            Compare(changes, was, now, "scope", e => e.Scope);
        }

        return changes
            .OrderBy(c => c.Category, StringComparer.Ordinal)
            .ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(c => c.Kind)
            .ThenBy(c => c.Aspect, StringComparer.Ordinal)
            .ToList();
    }

    private static void Compare(List<BomChange> changes, Entry was, Entry now, string aspect, Func<Entry, string?> value)
    {
        if (!string.Equals(value(was), value(now), StringComparison.Ordinal))
        {
            changes.Add(new BomChange(ChangeKind.Changed, now.Category, now.Name, value(was) ?? "(none)", value(now) ?? "(none)", aspect));
        }
    }

    private static string Describe(Entry entry) =>
        string.Join(' ', new[] { entry.Version, entry.License is null ? null : $"({entry.License})" }.Where(p => p is not null));

    private static Dictionary<string, Entry> Entries(Bom bom)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var component in bom.Components ?? [])
        {
            var category = component.Type switch
            {
                "machine-learning-model" => "model",
                "data" => "dataset",
                "library" when component.Purl?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true => "package",
                "library" => "project",
                _ => "component",
            };
            entries[category + ":" + component.Name] = new Entry(
                category,
                component.Name,
                component.Version,
                License(component.Licenses),
                component.Hashes?.OrderBy(h => h.Alg, StringComparer.Ordinal).Select(h => $"{h.Alg.ToLowerInvariant()}:{h.Content}").FirstOrDefault(),
                component.Scope);
        }

        foreach (var service in bom.Services ?? [])
        {
            entries["service:" + (service.Group is null ? service.Name : service.Group + ":" + service.Name)] =
                new Entry("service", service.Group is null ? service.Name : $"{service.Group}:{service.Name}", service.Version, License(service.Licenses), null, null);
        }

        return entries;
    }

    private static string? License(List<LicenseChoice>? licenses) =>
        licenses is null or { Count: 0 }
            ? null
            : string.Join(" AND ", licenses.Select(l => l.Expression ?? l.License?.Id ?? l.License?.Name ?? l.License?.Url));

    private sealed record Entry(string Category, string Name, string? Version, string? License, string? Hash, string? Scope);
}
