using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.AIBom;

/// <summary>Maps a Hugging Face-style card and the declaration's metadata onto CycloneDX <c>modelCard</c>.</summary>
public static class ModelCardMapper
{
    public static ModelCard? Map(ArtifactDeclaration declaration, ModelCardDocument? card, Func<string, string?> datasetRef)
    {
        var datasets = declaration.GetList("TrainedOn")
            .Concat(card?.Datasets ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(name => datasetRef(name) is { } reference ? new ModelDataset { Ref = reference } : new ModelDataset { Type = "dataset", Name = name })
            .DistinctBy(d => d.Ref ?? d.Name)
            .ToList();

        var parameters = new ModelParameters
        {
            Task = declaration.Get("Task") ?? card?.PipelineTag,
            ArchitectureFamily = declaration.Get("Architecture") ?? card?.Architecture,
            Datasets = datasets.Count > 0 ? datasets : null,
        };

        var metrics = card?.Metrics.Select(m => new PerformanceMetric { Type = m.Type, Value = m.Value, Slice = m.Dataset }).ToList();
        var considerations = card is null ? null : Considerations(card);

        if (parameters.Task is null && parameters.ArchitectureFamily is null && parameters.Datasets is null && metrics is not { Count: > 0 } && considerations is null)
        {
            return null;
        }

        return new ModelCard
        {
            ModelParameters = parameters.Task is null && parameters.ArchitectureFamily is null && parameters.Datasets is null ? null : parameters,
            QuantitativeAnalysis = metrics is { Count: > 0 } ? new QuantitativeAnalysis { PerformanceMetrics = metrics } : null,
            Considerations = considerations,
        };
    }

    private static Considerations? Considerations(ModelCardDocument card)
    {
        var useCases = Texts(card, CardSection.IntendedUse);
        var limitations = Texts(card, CardSection.Limitations)
            .Concat(Texts(card, CardSection.OutOfScopeUse).Select(t => "Out-of-scope use: " + t))
            .ToList();
        var ethical = Texts(card, CardSection.Risks)
            .Concat(Texts(card, CardSection.EthicalConsiderations))
            .Distinct(StringComparer.Ordinal)
            .Select(t => new EthicalConsideration { Name = t })
            .ToList();

        return useCases.Count == 0 && limitations.Count == 0 && ethical.Count == 0
            ? null
            : new Considerations
            {
                UseCases = useCases.Count > 0 ? useCases : null,
                TechnicalLimitations = limitations.Count > 0 ? limitations : null,
                EthicalConsiderations = ethical.Count > 0 ? ethical : null,
            };
    }

    private static List<string> Texts(ModelCardDocument card, CardSection section) =>
        card.Sections.TryGetValue(section, out var text) ? [text] : [];
}
