using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Spdx;

/// <summary>
/// SPDX 3.0.1 JSON-LD from the same in-memory AI-BOM the CycloneDX writer writes, with the Core, Software,
/// SimpleLicensing, AI and Dataset profiles: packages (purl, version, hashes), models as <c>ai_AIPackage</c>, datasets as
/// <c>dataset_DatasetPackage</c>, files, declared licences, the dependency graph and <c>trainedOn</c>/<c>testedOn</c>.
/// Deterministic: identifiers derive from the BOM's serial number and bom-refs, never from the clock.
/// SPDX 3.0.1 has no service class: a remote model service (a CycloneDX <c>service</c>) is written as what it serves, an
/// <c>ai_AIPackage</c> with primary purpose <c>model</c>, <c>suppliedBy</c> its provider (an <c>Organization</c>), its
/// endpoints as <c>externalRef</c> locators and a comment saying that it is hosted, not distributed — never hashes or a
/// download location, which a hosted model does not have.
/// </summary>
public static class Spdx3Writer
{
    public const string Context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
    private const string CreationInfo = "_:creationinfo";

    public static byte[] Write(Bom bom)
    {
        var serial = bom.SerialNumber?.Replace("urn:uuid:", string.Empty, StringComparison.Ordinal) ?? "unnumbered";
        var ns = $"https://openmodel-sdk.github.io/spdx/{serial}/";
        var graph = new List<Dictionary<string, object?>>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        string IdOf(string bomRef) => ids.TryGetValue(bomRef, out var id) ? id : ids[bomRef] = ns + "element/" + Uri.EscapeDataString(bomRef);

        var tool = bom.Metadata.Tools?.Components?.FirstOrDefault();
        var toolId = ns + "tool";
        var agentId = ns + "agent";
        var timestamp = bom.Metadata.Timestamp;
        graph.Add(new()
        {
            ["type"] = "CreationInfo",
            ["@id"] = CreationInfo,
            ["specVersion"] = "3.0.1",
            ["created"] = timestamp ?? "1970-01-01T00:00:00Z",
            ["createdBy"] = new[] { agentId },
            ["createdUsing"] = new[] { toolId },
            ["comment"] = timestamp is null ? "created is the Unix epoch: the build is reproducible and SOURCE_DATE_EPOCH was not set" : null,
        });
        graph.Add(Element("SoftwareAgent", agentId, tool is null ? "unknown" : $"{tool.Group}/{tool.Name}".TrimStart('/')));
        graph.Add(Element("Tool", toolId, tool is null ? "unknown" : $"{tool.Name} {tool.Version}".TrimEnd()));

        var root = bom.Metadata.Component;
        var packages = new List<string>();
        foreach (var component in (root is null ? [] : new[] { root }).Concat(bom.Components ?? []))
        {
            var id = IdOf(component.BomRef ?? component.Name);
            packages.Add(id);
            graph.Add(Artefact(component, id, component == root));
        }

        var organizations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var service in bom.Services ?? [])
        {
            var id = IdOf(service.BomRef ?? service.Name);
            packages.Add(id);
            string? supplier = null;
            if (service.Provider?.Name is { Length: > 0 } provider && !organizations.TryGetValue(provider, out supplier))
            {
                organizations[provider] = supplier = ns + "organization/" + Uri.EscapeDataString(provider);
            }

            graph.Add(HostedModel(service, id, supplier));
        }

        graph.AddRange(organizations.Select(o => Element("Organization", o.Value, o.Key)));

        var relationships = new List<(string From, string Type, List<string> To)>();
        var licences = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var licensed = (root is null ? [] : new[] { root }).Concat(bom.Components ?? []).Select(c => (Ref: c.BomRef ?? c.Name, c.Licenses))
            .Concat((bom.Services ?? []).Select(s => (Ref: s.BomRef ?? s.Name, s.Licenses)));
        foreach (var (reference, declared) in licensed)
        {
            if (LicenseExpression(declared) is { } expression)
            {
                if (!licences.TryGetValue(expression, out var licenceId))
                {
                    licences[expression] = licenceId = ns + "license/" + Uri.EscapeDataString(expression);
                }

                relationships.Add((IdOf(reference), "hasDeclaredLicense", [licenceId]));
            }
        }

        foreach (var (expression, licenceId) in licences)
        {
            graph.Add(new()
            {
                ["type"] = "simplelicensing_LicenseExpression",
                ["spdxId"] = licenceId,
                ["creationInfo"] = CreationInfo,
                ["simplelicensing_licenseExpression"] = expression,
            });
        }

        var known = new HashSet<string>((root is null ? [] : new[] { root }).Concat(bom.Components ?? []).Select(c => c.BomRef ?? c.Name)
            .Concat((bom.Services ?? []).Select(s => s.BomRef ?? s.Name)), StringComparer.Ordinal);
        foreach (var dependency in bom.Dependencies ?? [])
        {
            var targets = (dependency.DependsOn ?? []).Where(known.Contains).Select(IdOf).ToList();
            if (known.Contains(dependency.Ref) && targets.Count > 0)
            {
                relationships.Add((IdOf(dependency.Ref), "dependsOn", targets));
            }
        }

        AddTrainingRelationships(bom, IdOf, relationships);

        var relationshipIds = new List<string>();
        var n = 0;
        foreach (var (from, type, to) in relationships.OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal))
        {
            var id = ns + "relationship/" + (++n).ToString(CultureInfo.InvariantCulture);
            relationshipIds.Add(id);
            graph.Add(new()
            {
                ["type"] = "Relationship",
                ["spdxId"] = id,
                ["creationInfo"] = CreationInfo,
                ["from"] = from,
                ["relationshipType"] = type,
                ["to"] = to.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            });
        }

        var elements = packages.Concat(organizations.Values).Concat(licences.Values).Concat(relationshipIds).ToList();
        var sbomId = ns + "sbom";
        graph.Insert(3, new()
        {
            ["type"] = "software_Sbom",
            ["spdxId"] = sbomId,
            ["creationInfo"] = CreationInfo,
            ["rootElement"] = root is null ? null : new[] { IdOf(root.BomRef ?? root.Name) },
            ["element"] = elements,
            ["software_sbomType"] = new[] { "build" },
        });
        graph.Insert(3, new()
        {
            ["type"] = "SpdxDocument",
            ["spdxId"] = ns + "document",
            ["creationInfo"] = CreationInfo,
            ["name"] = root is null ? "AI-BOM" : $"AI-BOM of {root.Name} {root.Version}".TrimEnd(),
            ["rootElement"] = new[] { sbomId },
            ["element"] = elements.Prepend(sbomId).Prepend(toolId).Prepend(agentId).ToList(),
            ["profileConformance"] = new[] { "core", "software", "simpleLicensing", "ai", "dataset" },
        });

        // Absent facts are left out, not written as null (JSON-LD has no null values for these properties).
        foreach (var node in graph)
        {
            foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
            {
                node.Remove(key);
            }
        }

        var document = new Dictionary<string, object?> { ["@context"] = Context, ["@graph"] = graph };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(document, new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return [.. bytes, (byte)'\n'];
    }

    private static Dictionary<string, object?> Element(string type, string id, string name) => new()
    {
        ["type"] = type,
        ["spdxId"] = id,
        ["creationInfo"] = CreationInfo,
        ["name"] = name,
    };

    private static Dictionary<string, object?> Artefact(Component component, string id, bool isRoot)
    {
        var type = component.Type switch
        {
            "machine-learning-model" => "ai_AIPackage",
            "data" => "dataset_DatasetPackage",
            "file" => "software_File",
            _ => "software_Package",
        };
        var element = Element(type, id, component.Name);
        element["description"] = component.Description;
        element["verifiedUsing"] = component.Hashes is { Count: > 0 } hashes
            ? hashes.Where(h => Algorithm(h.Alg) is not null).Select(h => new Dictionary<string, object?> { ["type"] = "Hash", ["algorithm"] = Algorithm(h.Alg), ["hashValue"] = h.Content.ToLowerInvariant() }).ToList()
            : null;
        element["software_primaryPurpose"] = component.Type switch
        {
            "machine-learning-model" => "model",
            "data" => "data",
            "application" => "application",
            "library" => "library",
            _ => null,
        };
        if (type != "software_File")
        {
            element["software_packageVersion"] = component.Version;
            element["software_packageUrl"] = component.Purl;
            element["software_downloadLocation"] = component.ExternalReferences?.FirstOrDefault(r => r.Type == "distribution")?.Url is { } url && Uri.IsWellFormedUriString(url, UriKind.Absolute) ? url : null;
        }

        if (type == "ai_AIPackage" && component.ModelCard is { } card)
        {
            element["ai_typeOfModel"] = card.ModelParameters?.Task is { } task ? new[] { task } : null;
            element["ai_limitation"] = card.Considerations?.TechnicalLimitations is { Count: > 0 } limits ? string.Join(" ", limits) : null;
            element["ai_metric"] = card.QuantitativeAnalysis?.PerformanceMetrics is { Count: > 0 } metrics
                ? metrics.Where(m => m.Type is not null && m.Value is not null).Select(m => new Dictionary<string, object?> { ["type"] = "DictionaryEntry", ["key"] = m.Slice is null ? m.Type : $"{m.Type} ({m.Slice})", ["value"] = m.Value }).ToList()
                : null;
        }

        if (type == "dataset_DatasetPackage")
        {
            // The declarations do not say what kind of data it is; SPDX requires the field, so it says so.
            element["dataset_datasetType"] = new[] { "noAssertion" };
            element["software_downloadLocation"] ??= component.Data?.FirstOrDefault()?.Contents?.Url;
        }

        return element;
    }

    private static Dictionary<string, object?> HostedModel(Service service, string id, string? supplier)
    {
        var element = Element("ai_AIPackage", id, service.Group is null ? service.Name : $"{service.Group}:{service.Name}");
        element["description"] = service.Description;
        element["comment"] = "A hosted model this software calls over the network (a CycloneDX service in the AI-BOM): it is not distributed with the software"
            + (service.Authenticated == true ? "; calls are authenticated" : string.Empty)
            + (service.TrustBoundary == true ? "; calls cross a trust boundary" : string.Empty) + ".";
        element["software_packageVersion"] = service.Version;
        element["software_primaryPurpose"] = "model";
        element["suppliedBy"] = supplier;
        var endpoints = (service.Endpoints ?? []).Where(e => Uri.IsWellFormedUriString(e, UriKind.Absolute))
            .Select(e => new Dictionary<string, object?> { ["type"] = "ExternalRef", ["externalRefType"] = "other", ["locator"] = new[] { e }, ["comment"] = "service endpoint" })
            .ToList();
        element["externalRef"] = endpoints.Count > 0 ? endpoints : null;
        return element;
    }

    private static void AddTrainingRelationships(Bom bom, Func<string, string> idOf, List<(string, string, List<string>)> relationships)
    {
        var datasets = (bom.Components ?? []).Where(c => c.Type == "data" && c.BomRef is not null).ToList();
        foreach (var model in (bom.Components ?? []).Where(c => c.Type == "machine-learning-model" && c.BomRef is not null))
        {
            var used = (model.ModelCard?.ModelParameters?.Datasets ?? []).Select(d => d.Ref).OfType<string>()
                .Concat(datasets.Where(d => model.Properties?.Any(p => p.Name == "openmodel:trainedOn" && p.Value == d.Name) == true).Select(d => d.BomRef!))
                .Distinct(StringComparer.Ordinal)
                .Select(r => datasets.FirstOrDefault(d => d.BomRef == r))
                .OfType<Component>()
                .ToList();
            if (used.Count == 0)
            {
                continue;
            }

            relationships.Add((idOf(model.BomRef!), "trainedOn", used.Select(d => idOf(d.BomRef!)).ToList()));
            var tested = used.Where(d => Usage(d).Any(u => u is "Evaluation" or "Testing" or "Validation")).Select(d => idOf(d.BomRef!)).ToList();
            if (tested.Count > 0)
            {
                relationships.Add((idOf(model.BomRef!), "testedOn", tested));
            }
        }
    }

    private static IEnumerable<string> Usage(Component dataset) =>
        dataset.Properties?.Where(p => p.Name == "openmodel:usage").SelectMany(p => (p.Value ?? string.Empty).Split(';', StringSplitOptions.TrimEntries)) ?? [];

    private static string? LicenseExpression(List<LicenseChoice>? licenses) =>
        licenses switch
        {
            [{ Expression: { } expression }] => expression,
            { Count: > 0 } when licenses.All(l => l.License?.Id is not null) => string.Join(" AND ", licenses.Select(l => l.License!.Id)),
            _ => null,
        };

    private static string? Algorithm(string cycloneDx) => cycloneDx.ToUpperInvariant() switch
    {
        "SHA-1" => "sha1",
        "SHA-256" => "sha256",
        "SHA-384" => "sha384",
        "SHA-512" => "sha512",
        "SHA3-256" => "sha3_256",
        "SHA3-384" => "sha3_384",
        "SHA3-512" => "sha3_512",
        "MD5" => "md5",
        "BLAKE2B-256" => "blake2b256",
        "BLAKE2B-384" => "blake2b384",
        "BLAKE2B-512" => "blake2b512",
        "BLAKE3" => "blake3",
        _ => null,
    };
}
