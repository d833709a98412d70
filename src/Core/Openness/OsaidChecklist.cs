using OpenModel.Core.Facts;
using OpenModel.Core.Licensing;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>
/// The OSI Open Source AI Definition 1.0 for one model: data information, code and parameters must all be available
/// under terms that grant the freedoms to use, study, modify and share.
/// </summary>
public static class OsaidChecklist
{
    public const string DataInformation = "Data information";
    public const string Code = "Code";
    public const string Parameters = "Parameters";

    public static OsaidResult Evaluate(DeclaredModel model, MofEvaluation mof, IReadOnlyList<DeclaredDataset> trainingData)
    {
        return new OsaidResult([DataCheck(model, trainingData), CodeCheck(mof), ParametersCheck(model, mof)]);
    }

    private static OsaidCheck DataCheck(DeclaredModel model, IReadOnlyList<DeclaredDataset> trainingData)
    {
        if (model.IsService)
        {
            return new OsaidCheck(DataInformation, CheckState.Unknown, $"'{model.Include}' is a hosted model; its provider does not disclose training data here");
        }

        if (trainingData.Count == 0)
        {
            return new OsaidCheck(DataInformation, CheckState.Fail, $"no training data is declared for '{model.Name}' (TrainedOn, model-card datasets or AIDataset Usage=\"Training\")");
        }

        // Each named dataset is backed by the fact the BOM holds for it: a source URL, or a file that exists here.
        string? Backing(DeclaredDataset d) =>
            d.Source is { } source ? $"{d.Name} (source {source})"
            : d.IsLocal && (File.Exists(d.FullPath) || Directory.Exists(d.FullPath)) ? $"{d.Name} (file {d.RelativePath})"
            : null;
        var undescribed = trainingData.Where(d => Backing(d) is null).Select(d => d.Name).ToList();
        return undescribed.Count == 0
            ? new OsaidCheck(DataInformation, CheckState.Pass, $"training data declared: {string.Join(", ", trainingData.Select(Backing))}")
            : new OsaidCheck(DataInformation, CheckState.Unknown, $"training data named without a source or file: {string.Join(", ", undescribed)}");
    }

    private static OsaidCheck CodeCheck(MofEvaluation mof)
    {
        var needed = new[] { 7, 16 }.Select(id => mof.Components.Single(c => c.Component.Id == id)).ToList();
        var absent = needed.Where(c => !c.Present).Select(c => c.Component.Name.ToLowerInvariant()).ToList();
        if (absent.Count > 0)
        {
            return new OsaidCheck(Code, CheckState.Fail, $"no {string.Join(" or ", absent)} is declared (AIComponent Kind=\"TrainingCode\" / \"DataPreprocessingCode\")");
        }

        var notOsi = needed.Where(c => c.Category != LicenseCategory.OpenSource).ToList();
        return notOsi.Count == 0
            ? new OsaidCheck(Code, CheckState.Pass, "training and data-processing code under OSI-approved licences")
            : new OsaidCheck(Code, notOsi.Any(c => c.Category == LicenseCategory.Unknown) ? CheckState.Unknown : CheckState.Fail,
                string.Join("; ", notOsi.Select(c => $"{c.Component.Name.ToLowerInvariant()}: {c.Rationale}")));
    }

    private static OsaidCheck ParametersCheck(DeclaredModel model, MofEvaluation mof)
    {
        if (model.IsService)
        {
            return new OsaidCheck(Parameters, CheckState.Fail, $"'{model.Include}' is only reachable as a service; its parameters are not available");
        }

        var weights = mof.Components.Single(c => c.Component.Id == 10);
        return weights.Category switch
        {
            LicenseCategory.OpenSource or LicenseCategory.OpenData => new OsaidCheck(Parameters, CheckState.Pass, $"weights under {weights.License} ({weights.Category.Label()})"),
            LicenseCategory.Unknown => new OsaidCheck(Parameters, CheckState.Unknown, weights.License is null ? "the weights have no licence" : $"licence {weights.License} is not known"),
            _ => new OsaidCheck(Parameters, CheckState.Fail, $"weights under {weights.License} ({weights.Category.Label()})"),
        };
    }
}
