using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>The parts of a CycloneDX 1.6 BOM that OpenModel writes. Property order here is the order in the JSON.</summary>
public sealed class Bom
{
    [JsonPropertyName("bomFormat")]
    public string BomFormat { get; set; } = "CycloneDX";

    [JsonPropertyName("specVersion")]
    public string SpecVersion { get; set; } = "1.6";

    [JsonPropertyName("serialNumber")]
    public string? SerialNumber { get; set; }

    [JsonPropertyName("version")]
    public int Version { get; set; } = 1;

    [JsonPropertyName("metadata")]
    public BomMetadata Metadata { get; set; } = new();

    [JsonPropertyName("components")]
    public List<Component>? Components { get; set; }

    [JsonPropertyName("services")]
    public List<Service>? Services { get; set; }

    [JsonPropertyName("dependencies")]
    public List<Dependency>? Dependencies { get; set; }

    [JsonPropertyName("compositions")]
    public List<Composition>? Compositions { get; set; }

    [JsonPropertyName("declarations")]
    public Declarations? Declarations { get; set; }

    [JsonPropertyName("definitions")]
    public Definitions? Definitions { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }

    /// <summary>CycloneDX 1.7 only: where each licence, hash, card and dataset fact came from.</summary>
    [JsonPropertyName("citations")]
    public List<Citation>? Citations { get; set; }
}

public sealed class BomMetadata
{
    [JsonPropertyName("timestamp")]
    public string? Timestamp { get; set; }

    /// <summary>When in the lifecycle the BOM was made (CycloneDX 1.5+): the "generation context" of CISA's minimum elements.</summary>
    [JsonPropertyName("lifecycles")]
    public List<Lifecycle>? Lifecycles { get; set; }

    [JsonPropertyName("tools")]
    public ToolChoice? Tools { get; set; }

    /// <summary>Who wrote the BOM (the "SBOM author"), as opposed to who made the software.</summary>
    [JsonPropertyName("authors")]
    public List<OrganizationalContact>? Authors { get; set; }

    [JsonPropertyName("component")]
    public Component? Component { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }
}

public sealed class Lifecycle
{
    [JsonPropertyName("phase")]
    public string Phase { get; set; } = "build";
}

public sealed class ToolChoice
{
    [JsonPropertyName("components")]
    public List<Component>? Components { get; set; }
}

public sealed class Dependency
{
    [JsonPropertyName("ref")]
    public string Ref { get; set; } = string.Empty;

    [JsonPropertyName("dependsOn")]
    public List<string>? DependsOn { get; set; }
}

public sealed class Composition
{
    [JsonPropertyName("aggregate")]
    public string Aggregate { get; set; } = "unknown";

    [JsonPropertyName("assemblies")]
    public List<string>? Assemblies { get; set; }
}

public sealed class Property
{
    public Property()
    {
    }

    public Property(string name, string value)
    {
        Name = name;
        Value = value;
    }

    [JsonPropertyName("name")]
    public string Name { get; set; } = string.Empty;

    [JsonPropertyName("value")]
    public string? Value { get; set; }
}

public sealed class Hash
{
    public Hash()
    {
    }

    public Hash(string alg, string content)
    {
        Alg = alg;
        Content = content;
    }

    [JsonPropertyName("alg")]
    public string Alg { get; set; } = string.Empty;

    [JsonPropertyName("content")]
    public string Content { get; set; } = string.Empty;
}

public sealed class ExternalReference
{
    public ExternalReference()
    {
    }

    public ExternalReference(string type, string url, string? comment = null)
    {
        Type = type;
        Url = url;
        Comment = comment;
    }

    [JsonPropertyName("url")]
    public string Url { get; set; } = string.Empty;

    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    [JsonPropertyName("type")]
    public string Type { get; set; } = "other";
}
