using System.Text.Json;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>The build's reviewer page (App.review.md/.html) against the packed SDK, with and without AIBomPreviousPath.</summary>
[Collection(PackedSdkCollection.Name)]
public class ReviewPageBuildTests(PackedSdk sdk)
{
    [Fact]
    public async Task The_build_writes_the_reviewer_page_and_with_a_previous_BOM_starts_it_with_what_changed()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/scorer.onnx")
            .Write("Program.cs", "System.Console.WriteLine(System.IO.File.ReadAllBytes(\"models/scorer.onnx\").Length);\n")
            .Write("App.csproj", Project(sdk.Version, "MIT"));
        var output = Path.Combine(project.Directory, "bin", "Debug", "net10.0");

        var first = await project.BuildAsync();

        Assert.True(first.ExitCode == 0, first.Output);
        var html = File.ReadAllText(Path.Combine(output, "App.review.html"));
        Assert.StartsWith("<!DOCTYPE html>", html);
        foreach (var section in new[] { "Models", "Datasets", "Model services", "Code load sites", "Security findings", "Other findings of the build", "Openness", "Packages" })
        {
            Assert.Contains($"<h2>{section}</h2>", html);
        }

        Assert.DoesNotContain("Changes since the previous release", html);
        Assert.Contains("<td>scorer</td><td>not declared</td><td>MIT</td><td class=\"hash\">sha-256:", html);
        Assert.Contains("<td>scorer</td><td>Program.cs:1</td>", html);
        Assert.Contains("## Code load sites", File.ReadAllText(Path.Combine(output, "App.review.md")));
        Assert.True(File.Exists(Path.Combine(output, "App.openness.html")));

        // The declared infrastructure is in the BOM, so the G7 hardware element is met.
        using (var bom = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(output, "App.aibom.cdx.json"))))
        {
            Assert.Contains(
                "NVIDIA L4 GPU (declared by AIBomInfrastructureHardware in App.csproj)",
                bom.RootElement.GetProperty("metadata").GetProperty("properties").EnumerateArray()
                    .Where(p => p.GetProperty("name").GetString() == "openmodel:infrastructure:hardware").Select(p => p.GetProperty("value").GetString()));
        }

        Assert.DoesNotContain(first.OpenModel, d => d.Id == "OM6215");

        File.Copy(Path.Combine(output, "App.aibom.cdx.json"), Path.Combine(project.Directory, "previous.aibom.cdx.json"));
        project.Write("App.csproj", Project(sdk.Version, "Apache-2.0"));
        var second = await project.BuildAsync("-p:AIBomPreviousPath=previous.aibom.cdx.json");

        Assert.True(second.ExitCode == 0, second.Output);
        html = File.ReadAllText(Path.Combine(output, "App.review.html"));
        Assert.Contains("<h2>Changes since the previous release</h2>", html);
        Assert.Contains("<td>changed</td><td>model</td><td>scorer</td><td>licence</td><td class=\"wrap\">MIT</td><td class=\"wrap\">Apache-2.0</td>", html);
        Assert.True(html.IndexOf("Changes since the previous release", StringComparison.Ordinal) < html.IndexOf("<h2>Models</h2>", StringComparison.Ordinal));

        var missing = await project.BuildAsync("-p:AIBomPreviousPath=missing.aibom.cdx.json");

        Assert.NotEqual(0, missing.ExitCode);
        var error = Assert.Single(missing.OpenModel, d => d.Id == "OM3008");
        Assert.EndsWith("missing.aibom.cdx.json", error.File);
        Assert.Contains("AIBomPreviousPath: the AI-BOM cannot be read", error.Message);
        Assert.DoesNotContain("MSB4018", missing.Output);
    }

    private static string Project(string version, string license) => $"""
        <Project Sdk="OpenModel.Sdk/{version}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <AIBomComplianceProfiles>g7-ai</AIBomComplianceProfiles>
            <AIBomInfrastructureHardware>NVIDIA L4 GPU</AIBomInfrastructureHardware>
          </PropertyGroup>
          <ItemGroup>
            <AIModel Include="models/scorer.onnx" LicenseExpression="{license}" />
          </ItemGroup>
        </Project>
        """;
}
