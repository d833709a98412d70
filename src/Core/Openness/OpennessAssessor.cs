using OpenModel.Core.Diagnostics;
using OpenModel.Core.Facts;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>How open the AI system is, from the build's facts: MOF class and OSAID per model, the five attributes, and the policy findings.</summary>
public static class OpennessAssessor
{
    public static (OpennessResult Result, IReadOnlyList<OpenModelDiagnostic> Findings) Assess(BuildFacts facts, OpennessOptions options, string projectFile)
    {
        var models = facts.Declarations.Models.Select(model =>
        {
            var release = MofReleaseFactory.Create(model, facts);
            var mof = MofEvaluator.Evaluate(release);
            var osaid = OsaidChecklist.Evaluate(model, mof, MofReleaseFactory.TrainingDatasets(model, facts));
            return new ModelOpenness(model.Name, model.BomRef, release, mof, osaid);
        }).ToList();

        var licensed = LicensedItem.Of(facts);
        var result = new OpennessResult(models, OpennessAttributes.Evaluate(facts, licensed))
        {
            // What the BOM records per component: every model, dataset and service, and NuGet packages (not project references).
            LicenseCategories = licensed.Where(l => !l.IsProjectReference).ToDictionary(l => l.BomRef, l => l.Category, StringComparer.Ordinal),
        };
        var claims = new OpennessClaims(
            options.Claims.Select(c => (c, "AIOpennessClaim"))
                .Concat(facts.Project.Tags.Select(t => (t, "PackageTags")))
                .Concat(facts.Artifacts.Where(a => a.Declared is DeclaredModel)
                    .SelectMany(a => a.Tags.Select(t => (t, $"the model card of '{a.Declared.Name}'")))));
        return (result, new OpennessPolicy(facts, options, licensed, result, claims, projectFile).Evaluate());
    }
}
