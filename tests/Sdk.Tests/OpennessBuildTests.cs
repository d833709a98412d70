using Xunit;

namespace OpenModel.Sdk.Tests;

[Collection(PackedSdkCollection.Name)]
public class OpennessBuildTests(PackedSdk sdk)
{
    [Fact]
    public async Task Minimum_class_II_fails_the_build_with_OM5001_listing_the_missing_components_and_the_report_is_written()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/classifier.onnx")
            .Write("models/README.md", "---\nlicense: mit\n---\n## Intended use\nDemos.\n## Limitations\nSmall.\n## Risks\nBias.\n")
            .Write("data/train.csv", "label,text\n")
            .Write("docs/report.md", "# Technical report\n")
            .Write("src/Model.cs", "internal static class Model { }\n")
            .Write("data/CARD.md", "# Data card\n")
            .Write("results.json", "{ \"accuracy\": 0.9 }\n")
            .Write("Program.cs", """
                System.Console.WriteLine(System.IO.File.ReadAllBytes("models/classifier.onnx").Length);
                System.Console.WriteLine(System.IO.File.ReadAllLines("data/train.csv").Length);
                """)
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>Apache-2.0</PackageLicenseExpression>
                    <AIOpennessMinimumClass>II</AIOpennessMinimumClass>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/classifier.onnx" LicenseExpression="MIT" ModelCard="models/README.md" TrainedOn="train" />
                    <AIDataset Include="data/train.csv" Name="train" LicenseExpression="CC-BY-4.0" Usage="Training" />
                    <AIComponent Include="src/Model.cs" Kind="ModelArchitecture" LicenseExpression="Apache-2.0" />
                    <AIComponent Include="docs/report.md" Kind="TechnicalReport" LicenseExpression="CC-BY-4.0" />
                    <AIComponent Include="data/CARD.md" Kind="DataCard" LicenseExpression="CC-BY-4.0" />
                    <AIComponent Include="results.json" Kind="EvaluationResults" LicenseExpression="CC-BY-4.0" />
                  </ItemGroup>
                </Project>
                """);

        var result = await project.BuildAsync();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM5001");
        Assert.Equal("error", error.Severity);
        Assert.EndsWith("App.csproj", error.File);
        Assert.Contains("model 'classifier' reaches Model Openness Framework Class III, below AIOpennessMinimumClass Class II; missing: Training code, Evaluation code, Evaluation data", error.Message);
        Assert.DoesNotContain("MSB4018", result.Output);

        var output = Path.Combine(project.Directory, "bin", "Debug", "net10.0");
        var report = File.ReadAllText(Path.Combine(output, "App.openness.md"));
        Assert.Contains("**AI system class: Class III**", report);
        Assert.Contains("- OM5001 error: model 'classifier' reaches", report);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(Path.Combine(output, "App.openness.html")));
        Assert.Contains("name: classifier", File.ReadAllText(Path.Combine(output, "App.classifier.mof.yml")));
    }
}
