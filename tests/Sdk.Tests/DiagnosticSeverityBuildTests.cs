using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>OpenModelDiagnosticSeverity sets a build rule's severity, as .editorconfig sets an analyzer rule's.</summary>
[Collection(PackedSdkCollection.Name)]
public class DiagnosticSeverityBuildTests(PackedSdk sdk)
{
    [Fact]
    public async Task OpenModelDiagnosticSeverity_lowers_raises_and_silences_build_rules_and_a_change_reruns_the_AI_BOM()
    {
        // A declared dataset that is missing (OM3001, an error) and a model with no model card (OM3005, an info message
        // nobody sees at normal verbosity).
        using var project = sdk.NewConsumer()
            .WriteModel("models/classifier.onnx")
            .Write("Program.cs", "System.Console.WriteLine(System.IO.File.ReadAllBytes(\"models/classifier.onnx\").Length);\n")
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                    <OpenModelDiagnosticSeverity>OM3001=warning;OM3005=error</OpenModelDiagnosticSeverity>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/classifier.onnx" />
                    <AIDataset Include="data/missing.csv" LicenseExpression="MIT" />
                  </ItemGroup>
                </Project>
                """);

        // From the command line, replacing the project's value (quoted: MSBuild splits -p values on ';' and ',').
        var lowered = await project.BuildAsync("-p:OpenModelDiagnosticSeverity=\"OM3001=warning;OM3005=none\"");

        Assert.True(lowered.ExitCode == 0, lowered.Output);
        Assert.Equal("warning", Assert.Single(lowered.OpenModel, d => d.Id == "OM3001").Severity);
        Assert.DoesNotContain(lowered.OpenModel, d => d.Id == "OM3005");
        Assert.True(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json")));

        // The project's own value again: nothing else changed, so only the property being an input of the AI-BOM target
        // makes the incremental build run it and report OM3005 as an error.
        var raised = await project.BuildAsync();

        Assert.NotEqual(0, raised.ExitCode);
        Assert.Equal("error", Assert.Single(raised.OpenModel, d => d.Id == "OM3005").Severity);
        Assert.Equal("warning", Assert.Single(raised.OpenModel, d => d.Id == "OM3001").Severity);
        Assert.DoesNotContain("MSB4181", raised.Output);
    }
}
