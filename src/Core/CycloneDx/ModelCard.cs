using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>CycloneDX 1.6 modelCard: what the model does, what it was measured on, and what to beware of.</summary>
public sealed class ModelCard
{
    [JsonPropertyName("modelParameters")]
    public ModelParameters? ModelParameters { get; set; }

    [JsonPropertyName("quantitativeAnalysis")]
    public QuantitativeAnalysis? QuantitativeAnalysis { get; set; }

    [JsonPropertyName("considerations")]
    public Considerations? Considerations { get; set; }

    [JsonPropertyName("properties")]
    public List<Property>? Properties { get; set; }
}

public sealed class ModelParameters
{
    [JsonPropertyName("approach")]
    public ModelApproach? Approach { get; set; }

    [JsonPropertyName("task")]
    public string? Task { get; set; }

    [JsonPropertyName("architectureFamily")]
    public string? ArchitectureFamily { get; set; }

    [JsonPropertyName("modelArchitecture")]
    public string? ModelArchitecture { get; set; }

    [JsonPropertyName("datasets")]
    public List<ModelDataset>? Datasets { get; set; }
}

public sealed class ModelApproach
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }
}

/// <summary>Either a reference to a data component in this BOM, or an inline dataset named by the model card.</summary>
public sealed class ModelDataset
{
    [JsonPropertyName("ref")]
    public string? Ref { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }
}

public sealed class QuantitativeAnalysis
{
    [JsonPropertyName("performanceMetrics")]
    public List<PerformanceMetric>? PerformanceMetrics { get; set; }
}

public sealed class PerformanceMetric
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("slice")]
    public string? Slice { get; set; }
}

public sealed class Considerations
{
    [JsonPropertyName("useCases")]
    public List<string>? UseCases { get; set; }

    [JsonPropertyName("technicalLimitations")]
    public List<string>? TechnicalLimitations { get; set; }

    [JsonPropertyName("ethicalConsiderations")]
    public List<EthicalConsideration>? EthicalConsiderations { get; set; }
}

public sealed class EthicalConsideration
{
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("mitigationStrategy")]
    public string? MitigationStrategy { get; set; }
}
