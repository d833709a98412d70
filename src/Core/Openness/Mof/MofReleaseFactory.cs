using OpenModel.Core.Facts;

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

    public static MofRelease Create(DeclaredModel model, BuildFacts facts)
    {
        var modelFacts = facts.FactsOf(model);
        var card = modelFacts?.ModelCard;
        var release = new MofRelease
        {
            Name = model.Name,
            Version = model.Version,
            Type = card?.Task,
            Architecture = card?.Architecture,
            Producer = model.Producer,
            Repository = facts.Project.RepositoryUrl,
            HuggingFace = model.Source is { } source && HuggingFaceSource.ModelPurl(source, null) is not null ? source : null,
        };
        if ((model.License?.Text ?? modelFacts?.StatedLicense?.Spdx?.Text) is { } modelLicense)
        {
            release.Licenses["distribution"] = modelLicense;
        }

        if (facts.Project.LicenseExpression is { } codeLicense)
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
        foreach (var component in facts.Declarations.ComponentsOf(model))
        {
            if (ComponentId(component.ComponentKind) is { } id)
            {
                Include(id, component.License?.Text ?? MofReleaseComponent.Unlicensed, component.Include);
            }
        }

        if (model.IsLocal)
        {
            Include(10, model.License is null ? MofReleaseComponent.Unlicensed : null, model.RelativePath);
        }

        if (model.ModelCard is not null || card?.HasContent == true)
        {
            Include(13, null, model.ModelCard);
        }

        if (card?.Metrics.Count > 0)
        {
            Include(12, null, model.ModelCard);
        }

        // The project that loads and runs the model is its inference code.
        Include(8, facts.Project.LicenseExpression ?? MofReleaseComponent.Unlicensed, facts.Project.RepositoryUrl);

        var trainedOn = TrainingDatasets(model, facts);
        if (trainedOn.Count > 0)
        {
            Include(15, Combined(trainedOn));
        }

        var evaluation = facts.Declarations.Datasets.Where(d => d.Usage.Contains("Evaluation")).ToList();
        if (evaluation.Count > 0)
        {
            Include(19, Combined(evaluation));
        }

        if (facts.Declarations.Datasets.FirstOrDefault(d => d.DataCard is not null) is { } withCard)
        {
            Include(14, null, withCard.DataCard);
        }

        release.Components.AddRange(included.OrderBy(c => c.Key).Select(c => c.Value));
        return release;
    }

    /// <summary>Datasets the model names (TrainedOn, its card), else those declared for training.</summary>
    public static List<DeclaredDataset> TrainingDatasets(DeclaredModel model, BuildFacts facts)
    {
        var card = facts.FactsOf(model)?.ModelCard;
        var named = model.TrainedOn.Items.Concat((card?.Datasets ?? []).Select(d => d.Ref ?? d.Name)).ToList();
        var datasets = facts.Declarations.Datasets;
        var matched = datasets.Where(d => named.Any(n => d.IsNamed(n) || d.BomRef.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        return matched.Count > 0
            ? matched
            : datasets.Where(d => d.Usage.Contains("Training")).ToList();
    }

    /// <summary>Several datasets make one MOF component; all their licences apply.</summary>
    private static string Combined(IReadOnlyList<DeclaredDataset> datasets)
    {
        var licenses = datasets.Select(d => d.License?.Text).ToList();
        return licenses.Any(l => l is null)
            ? MofReleaseComponent.Unlicensed
            : string.Join(" AND ", licenses.Distinct(StringComparer.OrdinalIgnoreCase).Select(l => l!.Contains(' ') ? $"({l})" : l));
    }
}
