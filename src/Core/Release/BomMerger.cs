using System.Security.Cryptography;
using System.Text;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Release;

/// <summary>A BOM to merge and the file it came from (for messages).</summary>
public sealed record MergeSource(string File, Bom Bom);

public sealed record MergeResult(Bom Bom, IReadOnlyList<OpenModelDiagnostic> Diagnostics);

/// <summary>
/// One product BOM from the BOMs of its projects. A package (same purl), model or dataset (same type, name and version)
/// that several projects use appears once when their hashes agree; when they do not, each variant is kept and OM6001 says
/// so, because two different files under one name is what a reviewer must see. Every project becomes a component that
/// keeps its own dependency edges and links its source BOM by BOM-Link (urn:cdx:serial/version). Merged as CycloneDX 1.7,
/// the sources' citations are kept (<see cref="MergedCitations"/>).
/// </summary>
public static class BomMerger
{
    /// <param name="specVersion">"1.6", or "1.7": then the sources' citations are kept, pointed at the merged BOM.</param>
    public static MergeResult Merge(IReadOnlyList<MergeSource> sources, string name, string? version, string? timestamp, string? toolVersion = null, string specVersion = "1.6")
    {
        var diagnostics = new List<OpenModelDiagnostic>();
        var variants = new Dictionary<string, List<Variant>>(StringComparer.Ordinal);
        var order = new List<Variant>();
        var sourceRefs = new List<Dictionary<string, Variant>>();
        var projects = new List<Variant>();

        // Citations point into their source as it was read: snapshot it before merging changes its components.
        var snapshots = specVersion == AIBom.FactCitations.SpecVersion
            ? sources.Select(s => s.Bom.Citations is { Count: > 0 } ? BomSerializer.ToNode(s.Bom) : null).ToList()
            : null;

        for (var i = 0; i < sources.Count; i++)
        {
            var (file, bom) = sources[i];
            var refs = new Dictionary<string, Variant>(StringComparer.Ordinal);
            sourceRefs.Add(refs);
            if (bom.Metadata.Component is not { } root)
            {
                diagnostics.Add(new(BuildRules.BomUnlinkable, "the BOM has no metadata.component, so it names no project to merge", file));
                continue;
            }

            var project = Add(root, file, variants, order, refs, diagnostics);
            projects.Add(project);
            LinkSource(project.Component, bom, file, diagnostics);
            foreach (var component in bom.Components ?? [])
            {
                Add(component, file, variants, order, refs, diagnostics);
            }
        }

        var services = MergeServices(sources, sourceRefs);
        AssignReferences(order);
        var product = new Component
        {
            Type = "application",
            BomRef = $"product:{name}" + (version is null ? string.Empty : "@" + version),
            Name = name,
            Version = version,
        };
        var merged = new Bom
        {
            SpecVersion = specVersion,
            Metadata = new BomMetadata
            {
                Timestamp = timestamp,
                Tools = new ToolChoice { Components = [new Component { Type = "application", Group = "OpenModel", Name = "openmodel", Version = toolVersion }] },
                Component = product,
                Properties = [new Property("openmodel:merged-boms", sources.Count.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            },
            // In the order they are written in, so that a JSON Pointer's index is the written one.
            Components = order.Select(v => v.Component).OrderBy(c => c.BomRef ?? c.Name, StringComparer.Ordinal).ToList(),
            Services = services.Count == 0 ? null : services.Values.Distinct().OrderBy(s => s.BomRef ?? s.Name, StringComparer.Ordinal).ToList(),
        };
        // What the projects run on is what the product runs on (the G7 Infrastructure cluster is about the whole system).
        merged.Metadata.Properties.AddRange(sources
            .SelectMany(s => s.Bom.Metadata.Properties ?? [])
            .Where(p => p.Name is Compliance.InfrastructureFacts.SoftwareProperty or Compliance.InfrastructureFacts.HardwareProperty && p.Value is not null)
            .DistinctBy(p => (p.Name, p.Value))
            .Select(p => new Property(p.Name, p.Value!)));
        merged.Metadata.Properties.AddRange(MergedMarkers.Document(sources, diagnostics));
        MergedMarkers.Product(merged, sources);
        merged.Dependencies = Dependencies(sources, sourceRefs, services, product, projects, diagnostics);
        merged.Compositions = Compositions(sources, sourceRefs, services);
        ResolveAncestorCollisions(merged);
        if (specVersion == AIBom.FactCitations.SpecVersion)
        {
            // The tools the citations attribute facts to (OpenModel.Sdk of each project) are tools of the product's BOM too.
            var tools = sources.SelectMany(s => s.Bom.Metadata.Tools?.Components ?? []).Where(t => t.BomRef is not null).DistinctBy(t => t.BomRef).ToList();
            merged.Metadata.Tools!.Components!.AddRange(tools);
            merged.Citations = MergedCitations.Rewrite(sources, snapshots!, merged, (i, reference) =>
                sourceRefs[i].TryGetValue(reference, out var variant) ? variant.Component.BomRef
                : services.TryGetValue((i, reference), out var service) ? service.BomRef
                : tools.Any(t => t.BomRef == reference) ? reference
                : null, diagnostics);
        }

        return new MergeResult(merged, diagnostics);
    }

    private static Variant Add(Component component, string file, Dictionary<string, List<Variant>> variants, List<Variant> order, Dictionary<string, Variant> refs, List<OpenModelDiagnostic> diagnostics)
    {
        var key = IdentityOf(component);
        var hashes = HashesOf(component);
        if (!variants.TryGetValue(key, out var candidates))
        {
            variants[key] = candidates = [];
        }

        // A component without hashes says less, not something else: it joins any variant of the same identity.
        var variant = candidates.FirstOrDefault(v => hashes.Length == 0 || v.Hashes.Length == 0 || v.Hashes == hashes);
        if (variant is null)
        {
            if (candidates.Count > 0 && IsConflictable(component))
            {
                var first = candidates[0];
                diagnostics.Add(new(BuildRules.MergedHashConflict, $"{Describe(component)} has {hashes} here but {first.Hashes} in {first.Files[0]}; both are kept as separate components", file));
            }

            variant = new Variant(key, hashes, component);
            candidates.Add(variant);
            order.Add(variant);
        }
        else
        {
            MergeInto(variant, component, file, diagnostics);
        }

        variant.Files.Add(file);
        variant.CandidateRefs.Add(component.BomRef ?? key);
        if (component.BomRef is { } bomRef)
        {
            refs[bomRef] = variant;
        }

        return variant;
    }

    private static void MergeInto(Variant variant, Component component, string file, List<OpenModelDiagnostic> diagnostics)
    {
        var kept = variant.Component;
        if (kept.Hashes is null or { Count: 0 } && component.Hashes is { Count: > 0 })
        {
            kept.Hashes = component.Hashes;
            variant.Hashes = HashesOf(component);
        }

        var keptLicense = LicenseOf(kept.Licenses);
        var license = LicenseOf(component.Licenses);
        if (keptLicense is null)
        {
            kept.Licenses = component.Licenses;
        }
        else if (license is not null && !string.Equals(keptLicense, license, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.Add(new(BuildRules.MergedLicenseConflict, $"{Describe(component)} is licensed '{license}' here but '{keptLicense}' in {variant.Files[0]}; the merged BOM keeps '{keptLicense}' and records '{license}' as openmodel:merge:conflicting-licence", file));
            (kept.Properties ??= []).Add(new Property("openmodel:merge:conflicting-licence", $"{license} ({Path.GetFileName(file)})"));
        }

        MergedMarkers.Carry(kept, variant.Files[0], component, file, Describe(component), diagnostics);

        // Where each project found the component (its load sites) stays visible after the merge.
        if (component.Evidence?.Occurrences is { Count: > 0 } occurrences)
        {
            kept.Evidence ??= new ComponentEvidence();
            (kept.Evidence.Occurrences ??= []).AddRange(occurrences);
        }
    }

    /// <summary>
    /// A reference several variants claim is qualified by each variant's identity hash, for all claimants, so the result
    /// does not depend on the order of the input BOMs.
    /// </summary>
    private static void AssignReferences(List<Variant> order)
    {
        foreach (var variant in order)
        {
            variant.Component.BomRef = variant.CandidateRefs.Order(StringComparer.Ordinal).First();
        }

        foreach (var group in order.GroupBy(v => v.Component.BomRef!, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            foreach (var variant in group)
            {
                var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(variant.Key + "\0" + variant.Hashes)))[..12];
                variant.Component.BomRef = $"{group.Key}#{digest}";
            }
        }
    }

    private static Dictionary<(int, string), Service> MergeServices(IReadOnlyList<MergeSource> sources, List<Dictionary<string, Variant>> sourceRefs)
    {
        var byKey = new Dictionary<string, Service>(StringComparer.Ordinal);
        var map = new Dictionary<(int, string), Service>();
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var service in sources[i].Bom.Services ?? [])
            {
                var key = $"{service.Group}/{service.Name}@{service.Version}";
                if (!byKey.TryGetValue(key, out var kept))
                {
                    byKey[key] = kept = service;
                    kept.BomRef ??= "service:" + key;
                }

                map[(i, service.BomRef ?? "service:" + key)] = kept;
            }
        }

        return map;
    }

    private static List<Dependency> Dependencies(IReadOnlyList<MergeSource> sources, List<Dictionary<string, Variant>> sourceRefs, Dictionary<(int, string), Service> services, Component product, List<Variant> projects, List<OpenModelDiagnostic> diagnostics)
    {
        var edges = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            [product.BomRef!] = projects.Select(p => p.Component.BomRef!).ToHashSet(StringComparer.Ordinal),
        };
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var dependency in sources[i].Bom.Dependencies ?? [])
            {
                if (Resolve(i, dependency.Ref) is not { } from)
                {
                    diagnostics.Add(new(BuildRules.BomUnlinkable, $"dependency reference '{dependency.Ref}' does not resolve to a component or service; its edges are dropped", sources[i].File, level: DiagnosticLevel.Warning));
                    continue;
                }

                if (!edges.TryGetValue(from, out var targets))
                {
                    edges[from] = targets = new HashSet<string>(StringComparer.Ordinal);
                }

                foreach (var to in dependency.DependsOn ?? [])
                {
                    if (Resolve(i, to) is { } target)
                    {
                        targets.Add(target);
                    }
                    else
                    {
                        diagnostics.Add(new(BuildRules.BomUnlinkable, $"dependency reference '{to}' does not resolve to a component or service; the edge from '{dependency.Ref}' is dropped", sources[i].File, level: DiagnosticLevel.Warning));
                    }
                }
            }
        }

        return edges.Select(e => new Dependency { Ref = e.Key, DependsOn = e.Value.ToList() }).ToList();

        string? Resolve(int source, string reference) =>
            sourceRefs[source].TryGetValue(reference, out var variant) ? variant.Component.BomRef
            : services.TryGetValue((source, reference), out var service) ? service.BomRef
            : null;
    }

    private static List<Composition>? Compositions(IReadOnlyList<MergeSource> sources, List<Dictionary<string, Variant>> sourceRefs, Dictionary<(int, string), Service> services)
    {
        var compositions = new List<Composition>();
        for (var i = 0; i < sources.Count; i++)
        {
            foreach (var composition in sources[i].Bom.Compositions ?? [])
            {
                var assemblies = (composition.Assemblies ?? [])
                    .Select(a => sourceRefs[i].TryGetValue(a, out var v) ? v.Component.BomRef : services.TryGetValue((i, a), out var s) ? s.BomRef : null)
                    .OfType<string>()
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (!compositions.Any(c => c.Aggregate == composition.Aggregate && c.Assemblies!.SequenceEqual(assemblies)))
                {
                    compositions.Add(new Composition { Aggregate = composition.Aggregate, Assemblies = assemblies });
                }
            }
        }

        return compositions.Count == 0 ? null : compositions;
    }

    /// <summary>The project carries its source BOM's link and the facts its metadata held (openness, findings).</summary>
    private static void LinkSource(Component project, Bom bom, string file, List<OpenModelDiagnostic> diagnostics)
    {
        if (bom.SerialNumber is { } serial && serial.StartsWith("urn:uuid:", StringComparison.Ordinal))
        {
            (project.ExternalReferences ??= []).Add(new ExternalReference("bom", $"urn:cdx:{serial["urn:uuid:".Length..]}/{bom.Version}", Path.GetFileName(file)));
        }
        else
        {
            diagnostics.Add(new(BuildRules.BomUnlinkable, "the BOM has no urn:uuid serialNumber, so the merged BOM cannot link to it (BOM-Link)", file, level: DiagnosticLevel.Warning));
        }

        if (bom.Metadata.Properties is { Count: > 0 } properties)
        {
            project.Properties ??= [];
            project.Properties.AddRange(properties.Where(p => !project.Properties.Any(q => q.Name == p.Name && q.Value == p.Value)));
        }
    }

    /// <summary>Pedigree ancestors (base models) keep their reference unless two merged components carry different ones.</summary>
    private static void ResolveAncestorCollisions(Bom bom)
    {
        var used = bom.Components!.Select(c => c.BomRef!).ToHashSet(StringComparer.Ordinal);
        foreach (var component in bom.Components!)
        {
            foreach (var ancestor in component.Pedigree?.Ancestors ?? [])
            {
                if (ancestor.BomRef is { } reference && !used.Add(reference))
                {
                    ancestor.BomRef = $"{component.BomRef}/{reference}";
                    used.Add(ancestor.BomRef);
                }
            }
        }
    }

    /// <summary>
    /// A project reference ("project:Lib@1.0.0" in the referencing project's BOM) is the project whose own BOM has the
    /// root "pkg:nuget/Lib@1.0.0": one identity, so a solution lists each project once.
    /// </summary>
    private static string IdentityOf(Component component) =>
        component.Purl is { Length: > 0 } purl ? "purl:" + purl
        : component.BomRef is { } reference && reference.StartsWith("project:", StringComparison.Ordinal) ? "purl:pkg:nuget/" + reference["project:".Length..]
        : IsConflictable(component) ? $"{component.Type}:{component.Group}/{component.Name}@{component.Version}"
        : $"{component.Type}:{component.BomRef ?? component.Name}:{HashesOf(component)}";

    /// <summary>Packages, models and datasets are named things whose content must agree; files are only equal or not.</summary>
    private static bool IsConflictable(Component component) =>
        component.Purl is { Length: > 0 } || component.Type is "machine-learning-model" or "data";

    private static string HashesOf(Component component) =>
        string.Join(", ", (component.Hashes ?? []).Select(h => $"{h.Alg.ToUpperInvariant()}:{h.Content.ToLowerInvariant()}").Order(StringComparer.Ordinal));

    private static string? LicenseOf(List<LicenseChoice>? licenses) =>
        licenses is null or { Count: 0 }
            ? null
            : string.Join(" AND ", licenses.Select(l => l.Expression ?? l.License?.Id ?? l.License?.Name ?? l.License?.Url).Order(StringComparer.Ordinal));

    private static string Describe(Component component) =>
        component.Type switch
        {
            "machine-learning-model" => $"model '{component.Name}'",
            "data" => $"dataset '{component.Name}'",
            _ => component.Purl ?? $"component '{component.Name}'",
        };

    private sealed class Variant(string key, string hashes, Component component)
    {
        public string Key { get; } = key;

        public string Hashes { get; set; } = hashes;

        public Component Component { get; } = component;

        public List<string> Files { get; } = [];

        public List<string> CandidateRefs { get; } = [];
    }
}
