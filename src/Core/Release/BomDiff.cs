using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Release;

public enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>One difference between two BOMs: what (model, dataset, service, package, chat template), how, and why it matters when that is not obvious.</summary>
public sealed record BomChange(ChangeKind Kind, string Category, string Name, string? Before, string? After, string Aspect = "", string? Note = null);

/// <summary>What a release changes: models, datasets, model services, packages and chat templates added or removed, versions, licences and hashes changed.</summary>
public static class BomDiff
{
    /// <summary>A changed fact's value in the BOM that does not state it.</summary>
    public const string Absent = "(none)";

    public static IReadOnlyList<BomChange> Compare(Bom before, Bom after)
    {
        var old = Entries(before);
        var current = Entries(after);
        var changes = new List<BomChange>();
        foreach (var (key, entry) in current.Where(e => !old.ContainsKey(e.Key)))
        {
            changes.Add(new BomChange(ChangeKind.Added, entry.Category, entry.Name, null, Describe(entry), Note: ChatTemplateNote(entry, ChangeKind.Added)));
        }

        foreach (var (key, entry) in old.Where(e => !current.ContainsKey(e.Key)))
        {
            changes.Add(new BomChange(ChangeKind.Removed, entry.Category, entry.Name, Describe(entry), null, Note: ChatTemplateNote(entry, ChangeKind.Removed)));
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
            Compare(changes, was, now, "scan", e => e.Scan);
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
            changes.Add(new BomChange(ChangeKind.Changed, now.Category, now.Name, value(was) ?? Absent, value(now) ?? Absent, aspect, ChatTemplateNote(now, ChangeKind.Changed, aspect)));
        }
    }

    /// <summary>
    /// A chat template runs on every prompt and can change while the weights do not: a swap is a supply-chain change
    /// (instructions injected into every conversation, or code run through a Jinja sandbox escape), so it is said so.
    /// </summary>
    private static string? ChatTemplateNote(Entry entry, ChangeKind kind, string aspect = "") => entry.Category != ChatTemplateCategory ? null : (kind, aspect) switch
    {
        (ChangeKind.Added, _) => "a chat template was added: it is run on every prompt, review it before release",
        (ChangeKind.Removed, _) => "the chat template was removed: the runtime falls back to another template, review what it uses",
        (_, "hash") => "the chat template was swapped: it is run on every prompt and can inject instructions or, through a sandbox escape, run code; review it before release",
        (_, "scan") => "the chat template's scan verdict changed",
        _ => null,
    };

    private const string ChatTemplateCategory = "chat-template";

    private static string Describe(Entry entry) =>
        string.Join(' ', new[] { entry.Version, entry.License is null ? null : $"({entry.License})", entry.Category == ChatTemplateCategory ? entry.Hash : null }.Where(p => p is not null));

    private static Dictionary<string, Entry> Entries(Bom bom)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        foreach (var component in bom.Components ?? [])
        {
            var category = component.Type switch
            {
                "file" when AIBom.ChatTemplateComponentFactory.IsChatTemplate(component) => ChatTemplateCategory,
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
                component.Scope,
                category == ChatTemplateCategory ? component.Properties?.FirstOrDefault(p => p.Name == "openmodel:scan")?.Value : null);
        }

        foreach (var service in bom.Services ?? [])
        {
            entries["service:" + (service.Group is null ? service.Name : service.Group + ":" + service.Name)] =
                new Entry("service", service.Group is null ? service.Name : $"{service.Group}:{service.Name}", service.Version, License(service.Licenses), null, null, null);
        }

        return entries;
    }

    private static string? License(List<LicenseChoice>? licenses) =>
        licenses is null or { Count: 0 }
            ? null
            : string.Join(" AND ", licenses.Select(l => l.Expression ?? l.License?.Id ?? l.License?.Name ?? l.License?.Url));

    /// <summary>Scan is compared for chat templates only, whose verdict is theirs alone (a model's follows its hash).</summary>
    private sealed record Entry(string Category, string Name, string? Version, string? License, string? Hash, string? Scope, string? Scan);
}
