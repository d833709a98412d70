using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Openness.Mof;

/// <summary>
/// Describes a declared model as a MOF release: its weights, the project's code, the datasets it was trained and
/// evaluated on, its model card and metrics, and every AIComponent that belongs to it.
/// </summary>
public static class MofReleaseFactory
{
    private static readonly Dictionary<string, int> KindAliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["TrainingCode"] = 7, ["InferenceCode"] = 8, ["ModelArchitecture"] = 9, ["Architecture"] = 9,
        ["ModelParameters"] = 10, ["FinalParameters"] = 10, ["Weights"] = 10, ["TechnicalReport"] = 11,
        ["EvaluationResults"] = 12, ["ModelCard"] = 13, ["DataCard"] = 14, ["Datasets"] = 15, ["TrainingData"] = 15,
        ["DataPreprocessingCode"] = 16, ["DataPreprocessing"] = 16, ["ModelMetadata"] = 17, ["EvaluationCode"] = 18,
        ["EvaluationData"] = 19, ["SampleOutputs"] = 20, ["SampleModelOutputs"] = 20, ["ResearchPaper"] = 21, ["Paper"] = 21,
        ["SupportingLibraries"] = 22, ["SupportingLibrariesAndTools"] = 22, ["Tools"] = 22,
        ["IntermediateParameters"] = 24, ["Checkpoints"] = 24, ["IntermediateCheckpoints"] = 24,
    };

    /// <summary>The MOF component id an AIComponent Kind names ("TrainingCode", "Training code"), if any.</summary>
    public static int? ComponentId(string? kind)
    {
        if (kind is null)
        {
            return null;
        }

        var compact = kind.Replace(" ", string.Empty).Replace("(", string.Empty).Replace(")", string.Empty);
        return KindAliases.TryGetValue(compact, out var id) ? id : MofFramework.Find(kind)?.Id;
    }

    public static MofRelease Create(ArtifactDeclaration model, AIBomRequest request, Component? modelComponent)
    {
        var release = new MofRelease
        {
            Name = model.Name,
            Version = model.Get("Version"),
            Type = modelComponent?.ModelCard?.ModelParameters?.Task,
            Architecture = modelComponent?.ModelCard?.ModelParameters?.ArchitectureFamily,
            Producer = model.Get("Producer"),
            Repository = request.Project.RepositoryUrl,
            HuggingFace = model.Get("Source") is { } source && HuggingFaceSource.ModelPurl(source, null) is not null ? source : null,
        };
        if ((model.Get("LicenseExpression") ?? modelComponent?.Licenses?.FirstOrDefault()?.Expression) is { } modelLicense)
        {
            release.Licenses["distribution"] = modelLicense;
        }

        if (request.Project.LicenseExpression is { } codeLicense)
        {
            release.Licenses["code"] = codeLicense;
        }

        var included = new Dictionary<int, MofReleaseComponent>();
        void Include(int id, string? license, string? path = null)
        {
            if (!included.ContainsKey(id))
            {
                included[id] = new MofReleaseComponent(MofFramework.Get(id).Name, license, null, path);
            }
        }

        // Components declared explicitly win over what is inferred below.
        foreach (var component in request.Artifacts.Where(a => a.Kind == ArtifactKind.Component && BelongsTo(a, model)))
        {
            if (ComponentId(component.Get("Kind")) is { } id)
            {
                Include(id, component.Get("LicenseExpression") ?? MofReleaseComponent.Unlicensed, component.Include);
            }
        }

        if (!model.IsRemoteService && model.IsLocal)
        {
            Include(10, model.Get("LicenseExpression") is null ? MofReleaseComponent.Unlicensed : null, model.RelativePath);
        }

        if (model.Get("ModelCard") is not null || modelComponent?.ModelCard is not null)
        {
            Include(13, null, model.Get("ModelCard"));
        }

        if (modelComponent?.ModelCard?.QuantitativeAnalysis?.PerformanceMetrics is { Count: > 0 })
        {
            Include(12, null, model.Get("ModelCard"));
        }

        // The project that loads and runs the model is its inference code.
        Include(8, request.Project.LicenseExpression ?? MofReleaseComponent.Unlicensed, request.Project.RepositoryUrl);

        var datasets = request.Artifacts.Where(a => a.Kind == ArtifactKind.Dataset).ToList();
        var trainedOn = TrainingDatasets(model, modelComponent, datasets);
        if (trainedOn.Count > 0)
        {
            Include(15, Combined(trainedOn));
        }

        var evaluation = datasets.Where(d => d.GetList("Usage").Contains("Evaluation", StringComparer.OrdinalIgnoreCase)).ToList();
        if (evaluation.Count > 0)
        {
            Include(19, Combined(evaluation));
        }

        if (datasets.FirstOrDefault(d => d.Get("DataCard") is not null) is { } withCard)
        {
            Include(14, null, withCard.Get("DataCard"));
        }

        release.Components.AddRange(included.OrderBy(c => c.Key).Select(c => c.Value));
        return release;
    }

    /// <summary>Datasets the model names (TrainedOn, its card), else those declared for training.</summary>
    public static List<ArtifactDeclaration> TrainingDatasets(ArtifactDeclaration model, Component? modelComponent, IReadOnlyList<ArtifactDeclaration> datasets)
    {
        var named = model.GetList("TrainedOn").Concat(modelComponent?.ModelCard?.ModelParameters?.Datasets?.Select(d => d.Ref ?? d.Name ?? string.Empty) ?? [])
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var matched = datasets.Where(d => named.Contains(d.Name) || named.Contains(d.Include) || named.Contains(ArtifactComponentFactory.BomRefOf(d))).ToList();
        return matched.Count > 0
            ? matched
            : datasets.Where(d => d.GetList("Usage").Contains("Training", StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private static bool BelongsTo(ArtifactDeclaration component, ArtifactDeclaration model) =>
        component.Get("Model") is not { } owner
        || owner.Equals(model.Name, StringComparison.OrdinalIgnoreCase)
        || owner.Equals(model.Include, StringComparison.OrdinalIgnoreCase);

    /// <summary>Several datasets make one MOF component; all their licences apply.</summary>
    private static string Combined(IReadOnlyList<ArtifactDeclaration> datasets)
    {
        var licenses = datasets.Select(d => d.Get("LicenseExpression")).ToList();
        return licenses.Any(l => l is null)
            ? MofReleaseComponent.Unlicensed
            : string.Join(" AND ", licenses.Distinct(StringComparer.OrdinalIgnoreCase).Select(l => l!.Contains(' ') ? $"({l})" : l));
    }
}
