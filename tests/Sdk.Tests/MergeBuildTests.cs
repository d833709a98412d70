using OpenModel.Core.CycloneDx;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>AIBomMerge=true on the product's project merges its AI-BOM with those of its project references.</summary>
[Collection(PackedSdkCollection.Name)]
public class MergeBuildTests(PackedSdk sdk)
{
    [Theory]
    [InlineData("1.6")]
    [InlineData("1.7")]
    public async Task Product_project_writes_one_BOM_with_the_shared_model_and_each_project_once(string specVersion)
    {
        using var project = sdk.NewConsumer()
            .WriteModel("Lib/models/shared.onnx")
            .WriteModel("App/models/shared.onnx")
            .Write("Lib/Class1.cs", "namespace Lib; public static class Class1 { }")
            .Write("Lib/Lib.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup>
                  <ItemGroup><AIModel Include="models/shared.onnx" Name="shared" Version="1" LicenseExpression="MIT" /></ItemGroup>
                </Project>
                """)
            .Write("App/App.cs", "namespace App; public static class Entry { }")
            .Write("App/App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                    <AIBomMerge>true</AIBomMerge>
                    <AIBomProductName>Shop</AIBomProductName>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/shared.onnx" Name="shared" Version="1" LicenseExpression="MIT" />
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """);

        var build = await DotNet.RunAsync(Path.Combine(project.Directory, "App"), "build", "-nologo", "-clp:NoSummary", $"-p:AIBomSpecVersion={specVersion}");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.OpenModel, d => d.Id.StartsWith("OM6", StringComparison.Ordinal));
        var bytes = File.ReadAllBytes(Path.Combine(project.Directory, "App", "bin", "Debug", "net10.0", "App.product.aibom.cdx.json"));
        Assert.Empty(specVersion == "1.7" ? CycloneDxSchema.Validate17(bytes) : CycloneDxSchema.Validate16(bytes));
        var bom = BomSerializer.Deserialize(bytes);
        Assert.Equal(specVersion, bom.SpecVersion);
        Assert.Empty(BomSemanticValidator.Validate(bom));
        Assert.Equal("Shop", bom.Metadata.Component!.Name);
        var model = Assert.Single(bom.Components!, c => c.Type == "machine-learning-model");
        Assert.Single(bom.Components!, c => c.Name == "Lib");
        Assert.Contains(model.BomRef!, bom.Dependencies!.Single(d => d.Ref == "pkg:nuget/Lib@1.0.0").DependsOn!);
        Assert.Contains(model.BomRef!, bom.Dependencies!.Single(d => d.Ref == "pkg:nuget/App@1.0.0").DependsOn!);
        Assert.Contains("pkg:nuget/Lib@1.0.0", bom.Dependencies!.Single(d => d.Ref == "pkg:nuget/App@1.0.0").DependsOn!);
        Assert.Equal(2, bom.Components!.Count(c => c.ExternalReferences?.Any(r => r.Type == "bom") == true));
        if (specVersion == "1.6")
        {
            Assert.Null(bom.Citations);
            return;
        }

        // Both projects' citations of the shared model, pointed at its one merged bom-ref, each naming its project file and line.
        var licences = bom.Citations!.Where(c => c.Expressions!.Single() == $"$.components[?(@['bom-ref']=='{model.BomRef}')].licenses").Select(c => c.Note).Order(StringComparer.Ordinal);
        Assert.Equal(["LicenseExpression of AIModel 'models/shared.onnx' in App.csproj:9", "LicenseExpression of AIModel 'models/shared.onnx' in Lib.csproj:3"], licences.Select(n => n!.Split(';')[0]));
        Assert.Contains(bom.Citations!, c => c.Expressions!.Single() == "$.components[?(@['bom-ref']=='pkg:nuget/Lib@1.0.0')].licenses");
    }
}
