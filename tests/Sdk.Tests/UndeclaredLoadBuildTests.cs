using Xunit;

namespace OpenModel.Sdk.Tests;

[Collection(PackedSdkCollection.Name)]
public class UndeclaredLoadBuildTests(PackedSdk sdk)
{
    private const string OnnxRuntimeVersion = "1.31.1";

    private const string Program = """
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;

        var modelPath = Path.Combine(AppContext.BaseDirectory, "models", "sentiment.onnx");
        using var session = new InferenceSession(modelPath);
        Console.WriteLine(session.InputMetadata.Count);
        """;

    [Fact]
    public async Task Sdk_project_warns_at_the_loading_line_until_the_model_is_declared()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/sentiment.onnx")
            .Write("Program.cs", Program)
            .Write("App.csproj", SdkProject(declarations: string.Empty));

        var undeclared = await project.BuildAsync();

        Assert.Equal(0, undeclared.ExitCode);
        var warning = Assert.Single(undeclared.OpenModel);
        Assert.Equal(("OM2001", "warning", 6), (warning.Id, warning.Severity, warning.Line));
        Assert.EndsWith("Program.cs", warning.File);
        Assert.Contains("'models/sentiment.onnx'", warning.Message);

        project.Write("App.csproj", SdkProject("""<AIModel Include="models/sentiment.onnx" LicenseExpression="MIT" />"""));
        var declared = await project.BuildAsync();

        Assert.Equal(0, declared.ExitCode);
        Assert.Empty(declared.OpenModel);
    }

    [Fact]
    public async Task PackageReference_on_Microsoft_NET_Sdk_brings_the_same_analysis()
    {
        using var project = sdk.NewConsumer()
            .Write("Program.cs", Program)
            .Write("App.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="OpenModel.Sdk" Version="{sdk.Version}" PrivateAssets="all" />
                    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="{OnnxRuntimeVersion}" />
                  </ItemGroup>
                </Project>
                """);

        var result = await project.BuildAsync();

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { ("OM2001", 6) }, result.OpenModel.Select(d => (d.Id, d.Line)));
    }

    [Fact]
    public async Task Web_project_with_the_sdk_beside_Sdk_Web_resolves_paths_from_appsettings()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/sentiment.onnx")
            .Write("appsettings.json", """{ "Models": { "Scorer": "models/scorer.onnx" } }""")
            .Write("Program.cs", """
                using Microsoft.ML.OnnxRuntime;

                var builder = WebApplication.CreateBuilder(args);
                var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, builder.Configuration["Models:Scorer"]!));
                var app = builder.Build();
                app.MapGet("/", () => session.InputMetadata.Count);
                app.Run();
                """)
            .Write("App.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  <Sdk Name="OpenModel.Sdk" Version="{sdk.Version}" />
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <ImplicitUsings>enable</ImplicitUsings>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="{OnnxRuntimeVersion}" />
                    <AIModel Include="models/sentiment.onnx" LicenseExpression="MIT" />
                  </ItemGroup>
                </Project>
                """);

        var result = await project.BuildAsync();

        Assert.Equal(0, result.ExitCode);
        var warning = Assert.Single(result.OpenModel);
        Assert.Equal(("OM2001", 4), (warning.Id, warning.Line));
        Assert.Contains("'models/scorer.onnx'", warning.Message);
    }

    [Fact]
    public async Task Malformed_appsettings_is_reported_against_the_file_without_crashing_the_build()
    {
        using var project = sdk.NewConsumer()
            .Write("appsettings.json", "{ \"Models\": { \"Scorer\": models/scorer.onnx } }")
            .Write("Program.cs", """
                using Microsoft.Extensions.Configuration;
                using Microsoft.ML.OnnxRuntime;

                static InferenceSession Open(IConfiguration config) => new InferenceSession(config["Models:Scorer"]);
                """)
            .Write("App.csproj", SdkProject(string.Empty, "<FrameworkReference Include=\"Microsoft.AspNetCore.App\" />"));

        var result = await project.BuildAsync();

        var error = Assert.Single(result.OpenModel);
        Assert.Equal(("OM3008", "error"), (error.Id, error.Severity));
        Assert.EndsWith("appsettings.json", error.File);
        Assert.DoesNotContain("AD0001", result.Output);
        Assert.DoesNotContain("MSB4018", result.Output);
    }

    private string SdkProject(string declarations, string extraItems = "") => $"""
        <Project Sdk="OpenModel.Sdk/{sdk.Version}">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="{OnnxRuntimeVersion}" />
            {extraItems}
            {declarations}
          </ItemGroup>
        </Project>
        """;
}
