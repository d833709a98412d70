using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;

namespace OpenModel.Core.AIBom;

/// <summary>Writes a model's card facts (its Hugging Face-style card merged with the declaration) as CycloneDX <c>modelCard</c>.</summary>
public static class ModelCardMapper
{
    public static ModelCard? Map(ModelCardFacts card)
    {
        if (!card.HasContent)
        {
            return null;
        }

        return new ModelCard
        {
            ModelParameters = card.HasParameters
                ? new ModelParameters
                {
                    Task = card.Task,
                    ArchitectureFamily = card.Architecture,
                    Datasets = card.Datasets.Count > 0
                        ? card.Datasets.Select(d => d.Ref is { } reference ? new ModelDataset { Ref = reference } : new ModelDataset { Type = "dataset", Name = d.Name }).ToList()
                        : null,
                }
                : null,
            QuantitativeAnalysis = card.Metrics.Count > 0
                ? new QuantitativeAnalysis { PerformanceMetrics = card.Metrics.Select(m => new PerformanceMetric { Type = m.Type, Value = m.Value, Slice = m.Dataset }).ToList() }
                : null,
            Considerations = card.HasConsiderations
                ? new Considerations
                {
                    UseCases = card.UseCases.Count > 0 ? [.. card.UseCases] : null,
                    TechnicalLimitations = card.Limitations.Count > 0 ? [.. card.Limitations] : null,
                    EthicalConsiderations = card.EthicalConsiderations.Count > 0 ? card.EthicalConsiderations.Select(t => new EthicalConsideration { Name = t }).ToList() : null,
                }
                : null,
        };
    }
}
