using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

public sealed class Component
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "library";

    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; set; }

    [JsonPropertyName("supplier")]
    public OrganizationalEntity? Supplier { get; set; }

    [JsonPropertyName("authors")]
    public List<OrganizationalContact>? Authors { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("scope")]
    public string? Scope { get; set; }

    [JsonPropertyName("hashes")]
    public List<Hash>? Hashes { get; set; }

    [JsonPropertyName("licenses")]
    public List<LicenseChoice>? Licenses { get; set; }

    [JsonPropertyName("purl")]
    public string? Purl { get; set; }

    [JsonPropertyName("externalReferences")]
    public List<ExternalReference>? ExternalReferences { get; set; }

    [JsonPropertyName("pedigree")]
    public Pedigree? Pedigree { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }

    [JsonPropertyName("evidence")]
    public ComponentEvidence? Evidence { get; set; }

    [JsonPropertyName("modelCard")]
    public ModelCard? ModelCard { get; set; }

    [JsonPropertyName("data")]
    public List<ComponentData>? Data { get; set; }
}

public sealed class OrganizationalEntity
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("url")]
    public List<string>? Url { get; set; }
}

public sealed class OrganizationalContact
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

public sealed class Pedigree
{
    [JsonPropertyName("ancestors")]
    public List<Component>? Ancestors { get; set; }
}

public sealed class ComponentEvidence
{
    [JsonPropertyName("occurrences")]
    public List<Occurrence>? Occurrences { get; set; }
}

public sealed class Occurrence
{
    [JsonPropertyName("location")]
    public string Location { get; set; } = string.Empty;

    [JsonPropertyName("line")]
    public int? Line { get; set; }
}

/// <summary>The data a <c>data</c> component describes (CycloneDX componentData).</summary>
public sealed class ComponentData
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "dataset";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("contents")]
    public DataContents? Contents { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }
}

public sealed class DataContents
{
    [JsonPropertyName("url")]
    public string? Url { get; set; }
}

public sealed class Service
{
    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; set; }

    [JsonPropertyName("provider")]
    public OrganizationalEntity? Provider { get; set; }

    [JsonPropertyName("group")]
    public string? Group { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("endpoints")]
    public List<string>? Endpoints { get; set; }

    [JsonPropertyName("authenticated")]
    public bool? Authenticated { get; set; }

    [JsonPropertyName("x-trust-boundary")]
    public bool? TrustBoundary { get; set; }

    [JsonPropertyName("licenses")]
    public List<LicenseChoice>? Licenses { get; set; }

    [JsonPropertyName("externalReferences")]
    public List<ExternalReference>? ExternalReferences { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }
}

/// <summary>
/// A licence entry: either an SPDX <see cref="Expression"/> kept whole, or a single <see cref="License"/>
/// (a licence file's text, or a URL when that is all a package says).
/// </summary>
public sealed class LicenseChoice
{
    [JsonPropertyName("license")]
    public License? License { get; set; }

    [JsonPropertyName("expression")]
    public string? Expression { get; set; }
}

public sealed class License
{
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("text")]
    public AttachedText? Text { get; set; }

    [JsonPropertyName("url")]
    public string? Url { get; set; }
}

public sealed class AttachedText
{
    [JsonPropertyName("contentType")]
    public string ContentType { get; set; } = "text/plain";

    [JsonPropertyName("content")]
    public string Content { get; set; } = string.Empty;
}
