using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>CycloneDX 1.6 <c>definitions</c>: the standards a BOM's attestations refer to.</summary>
public sealed class Definitions
{
    [JsonPropertyName("standards")]
    public List<Standard>? Standards { get; set; }
}

public sealed class Standard
{
    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("version")]
    public string? Version { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("owner")]
    public string? Owner { get; set; }

    [JsonPropertyName("requirements")]
    public List<Requirement>? Requirements { get; set; }

    [JsonPropertyName("levels")]
    public List<Level>? Levels { get; set; }

    [JsonPropertyName("externalReferences")]
    public List<ExternalReference>? ExternalReferences { get; set; }
}

public sealed class Requirement
{
    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; set; }

    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }
}

public sealed class Level
{
    [JsonPropertyName("bom-ref")]
    public string? BomRef { get; set; }

    [JsonPropertyName("identifier")]
    public string? Identifier { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("description")]
    public string? Description { get; set; }

    [JsonPropertyName("requirements")]
    public List<string>? Requirements { get; set; }
}

/// <summary>CycloneDX 1.6 <c>declarations</c>: attestations of conformance to the standards in <see cref="Definitions"/>.</summary>
public sealed class Declarations
{
    [JsonPropertyName("attestations")]
    public List<Attestation>? Attestations { get; set; }
}

public sealed class Attestation
{
    [JsonPropertyName("summary")]
    public string? Summary { get; set; }

    [JsonPropertyName("map")]
    public List<AttestationMap>? Map { get; set; }
}

public sealed class AttestationMap
{
    [JsonPropertyName("requirement")]
    public string? Requirement { get; set; }

    [JsonPropertyName("conformance")]
    public Score? Conformance { get; set; }

    [JsonPropertyName("confidence")]
    public Score? Confidence { get; set; }
}

/// <summary>Conformance or confidence: a score from 0 to 1 and why.</summary>
public sealed class Score
{
    [JsonPropertyName("score")]
    public double? Value { get; set; }

    [JsonPropertyName("rationale")]
    public string? Rationale { get; set; }
}
