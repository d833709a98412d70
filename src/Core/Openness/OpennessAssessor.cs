using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>How open the AI system in a BOM is: MOF class and OSAID per model, the five attributes, and the policy findings.</summary>
public static class OpennessAssessor
{
    public static (OpennessResult Result, IReadOnlyList<OpenModelDiagnostic> Findings) Assess(AIBomRequest request, Bom bom, string projectFile)
    {
        var datasets = request.Artifacts.Where(a => a.Kind == ArtifactKind.Dataset).ToList();
        var models = request.Artifacts.Where(a => a.Kind == ArtifactKind.Model).Select(model =>
        {
            var bomRef = ArtifactComponentFactory.BomRefOf(model);
            var component = bom.Components!.FirstOrDefault(c => c.BomRef == bomRef);
            var release = MofReleaseFactory.Create(model, request, component);
            var mof = MofEvaluator.Evaluate(release);
            var osaid = OsaidChecklist.Evaluate(model, mof, MofReleaseFactory.TrainingDatasets(model, component, datasets));
            return new ModelOpenness(model.Name, bomRef, release, mof, osaid);
        }).ToList();

        var result = new OpennessResult(models, OpennessAttributes.Evaluate(request, bom));
        var claims = new OpennessClaims(
            request.Openness.Claims.Select(c => (c, "AIOpennessClaim"))
                .Concat(request.Project.Tags.Select(t => (t, "PackageTags")))
                .Concat(bom.Components!.Where(c => c.Type == "machine-learning-model")
                    .SelectMany(c => (c.Properties ?? []).Where(p => p.Name == "openmodel:tag").Select(p => (p.Value ?? string.Empty, $"the model card of '{c.Name}'")))));
        return (result, new OpennessPolicy(request, bom, result, claims, projectFile).Evaluate());
    }
}
