using OpenModel.Core.Openness.Mof;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>The six real release files from the Model Openness Tool (Mof/, MIT) and the classes its README computes.</summary>
public class MofEvaluatorTests
{
    [Theory]
    [InlineData("Amber.yml", 1, 100, 100, 100)]
    [InlineData("OLMo-7B.yml", 1, 100, 100, 100)]
    [InlineData("Pythia-6.9B.yml", 1, 100, 100, 100)]
    [InlineData("Mistral-7B-Instruct-v0.3.yml", null, 0, 0, 67)]
    [InlineData("BLOOM.yml", null, 0, 0, 17)]
    [InlineData("Llama-3-8B.yml", null, 0, 0, 0)]
    public void Release_files_get_the_expected_class_and_progress(string file, int? expectedClass, int classI, int classII, int classIII)
    {
        var evaluation = MofEvaluator.Evaluate(MofReleaseFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mof", file))));

        Assert.Equal(expectedClass, evaluation.AchievedClass);
        Assert.Equal((classI, classII, classIII), ((int)Math.Round(evaluation.For(1).Progress), (int)Math.Round(evaluation.For(2).Progress), (int)Math.Round(evaluation.For(3).Progress)));
    }

    [Fact]
    public void Mistral_lists_what_is_missing_and_what_is_unlicensed()
    {
        var evaluation = MofEvaluator.Evaluate(MofReleaseFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mof", "Mistral-7B-Instruct-v0.3.yml"))));
        var classIII = evaluation.For(3);

        Assert.Equal(new[] { "Evaluation results", "Data card" }, classIII.Missing.Order().Reverse());
        Assert.Empty(classIII.Unlicensed);
        Assert.Contains("Model parameters (Final) (Apache-2.0)", classIII.NotTypeAppropriate);
        Assert.Equal("licence CC-BY-4.0 (open data)", evaluation.Components.Single(c => c.Component.Id == MofFramework.ResearchPaper).Rationale);
    }

    [Fact]
    public void Restricted_licences_are_not_open()
    {
        var evaluation = MofEvaluator.Evaluate(MofReleaseFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mof", "BLOOM.yml"))));

        Assert.Contains("Model parameters (Final) (BigScience-BLOOM-RAIL-1.0)", evaluation.For(3).NotOpen);
    }

    [Fact]
    public void Written_release_files_read_back_to_the_same_evaluation()
    {
        var original = MofReleaseFile.Read(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Mof", "Mistral-7B-Instruct-v0.3.yml")));

        var roundTripped = MofReleaseFile.Read(MofReleaseFile.Write(original));

        Assert.Equal(MofEvaluator.Evaluate(original).Classes.Select(c => c.Progress), MofEvaluator.Evaluate(roundTripped).Classes.Select(c => c.Progress));
        Assert.Equal(original.Components.Select(c => (c.Name, c.License)), roundTripped.Components.Select(c => (c.Name, c.License)));
    }

    [Fact]
    public void Framework_has_17_components_and_6_4_4_required()
    {
        Assert.Equal(17, MofFramework.Components.Count);
        Assert.Equal((6, 4, 4), (MofFramework.RequiredFor(3).Count, MofFramework.RequiredFor(2).Count, MofFramework.RequiredFor(1).Count));
    }
}
