using OpenModel.Core.Diagnostics;
using Xunit;

namespace OpenModel.Core.Tests;

public class SeverityOverridesTests
{
    private static readonly OpenModelDiagnostic[] Findings =
    [
        new(BuildRules.NoLicense, "no licence", "App.csproj"),
        new(BuildRules.ArtifactNotFound, "missing", "App.csproj"),
        new(BuildRules.ExecutableContent, "graded", "model.keras", level: DiagnosticLevel.Error),
        new(BuildRules.TrainingDataUndisclosed, "no data", "App.csproj"),
    ];

    [Fact]
    public void Overrides_relevel_every_finding_of_a_rule_and_none_drops_it()
    {
        var problems = new DiagnosticBag();

        var applied = SeverityOverrides.Parse(" om3003 = error ; OM3001=warning,OM4006=suggestion;OM5006=none", "App.csproj", problems).Apply(Findings).ToList();

        Assert.Empty(problems.Items);
        Assert.Equal(
            [("OM3003", DiagnosticLevel.Error), ("OM3001", DiagnosticLevel.Warning), ("OM4006", DiagnosticLevel.Info)],
            applied.Select(d => (d.Id, d.Level)));
    }

    [Fact]
    public void Without_overrides_the_levels_are_the_rules_and_the_sites()
    {
        var problems = new DiagnosticBag();

        var applied = SeverityOverrides.Parse(string.Empty, "App.csproj", problems).Apply(Findings).ToList();

        Assert.Empty(problems.Items);
        Assert.Equal(Findings, applied);
        Assert.Equal(DiagnosticLevel.Warning, BuildRules.ExecutableContent.DefaultLevel);
        Assert.Equal(DiagnosticLevel.Error, applied[2].Level);
    }

    [Fact]
    public void Default_undoes_an_earlier_entry()
    {
        var problems = new DiagnosticBag();

        var applied = SeverityOverrides.Parse("OM3003=error;OM3003=default", null, problems).Apply(Findings).ToList();

        Assert.Empty(problems.Items);
        Assert.Equal(DiagnosticLevel.Warning, applied[0].Level);
    }

    [Theory]
    [InlineData("OM3003", "'OM3003' is not ID=severity")]
    [InlineData("=error", "'=error' is not ID=severity")]
    [InlineData("OM3003=fatal", "'fatal' for OM3003 is not a severity")]
    [InlineData("OM9999=error", "'OM9999' is not an OpenModel build rule")]
    [InlineData("CS8618=error", "'CS8618' is not an OpenModel build rule")]
    [InlineData("om1001=none", "OM1001 is an analyzer rule; set dotnet_diagnostic.OM1001.severity in .editorconfig")]
    public void A_bad_entry_is_an_OM3008_naming_the_project_and_changes_nothing(string text, string message)
    {
        var problems = new DiagnosticBag();

        var applied = SeverityOverrides.Parse(text + ";OM5006=none", "App.csproj", problems).Apply(Findings).ToList();

        var problem = Assert.Single(problems.Items);
        Assert.Equal(("OM3008", DiagnosticLevel.Error, "App.csproj"), (problem.Id, problem.Level, problem.File));
        Assert.Contains(message, problem.Message);
        Assert.Equal(Findings.Take(3), applied);
    }
}
