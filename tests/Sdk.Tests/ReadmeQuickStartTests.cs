using System.Text.RegularExpressions;
using OpenModel.Core.CycloneDx;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>The README's "Quick start for your project", pasted as a newcomer would, built against the packed SDK.</summary>
[Collection(PackedSdkCollection.Name)]
public partial class ReadmeQuickStartTests(PackedSdk sdk)
{
    private const string Code = """
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;

        public static class Reviews
        {
            public static InferenceSession LoadModel() => new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "sentiment.onnx"));

            public static string[] Load() => File.ReadAllLines("data/reviews.csv");
        }
        """;

    [Fact]
    public async Task Quick_start_project_from_the_README_builds_and_its_BOM_holds_what_it_declares()
    {
        var readme = File.ReadAllText(Path.Combine(DotNet.RepoRoot, "README.md"));
        var quickStart = readme[readme.IndexOf("## Quick start for your project", StringComparison.Ordinal)..];
        var snippet = XmlBlock().Match(quickStart).Groups["xml"].Value;
        Assert.Contains("<Project Sdk=\"OpenModel.Sdk/1.0.0\">", snippet);
        using var project = sdk.NewConsumer()
            .Write("App.csproj", snippet.Replace("OpenModel.Sdk/1.0.0", $"OpenModel.Sdk/{sdk.Version}", StringComparison.Ordinal))
            .WriteModel("models/sentiment.onnx")
            .Write("data/reviews.csv", File.ReadAllText(Path.Combine(DotNet.RepoRoot, "samples", "SentimentService", "data", "reviews.csv")))
            .Write("Reviews.cs", Code);

        // NU1603: this machine's package mirror serves a near version of one ONNX Runtime dependency.
        var build = await project.BuildAsync("-p:NoWarn=NU1603");

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.DoesNotContain(build.Diagnostics, d => d.Severity == "error");
        var bom = BomSerializer.Deserialize(File.ReadAllBytes(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json")));
        var model = Assert.Single(bom.Components!, c => c.Type == "machine-learning-model" && c.Hashes is { Count: > 0 });
        Assert.Equal("Apache-2.0", model.Licenses!.Single().Expression);
        Assert.Equal("CC0-1.0", Assert.Single(bom.Components!, c => c.Type == "data").Licenses!.Single().Expression);
        Assert.Contains(bom.Services ?? [], s => s.Name.Contains("gpt-4o-mini", StringComparison.Ordinal));
        Assert.Contains(bom.Components!, c => c.Name == "Microsoft.ML.OnnxRuntime" && c.Version == "1.31.1");

        // The restore went into this run's own packages folder: the SDK package is there and not in the user's NuGet
        // cache, and third-party packages the user's cache already had were read from it, not downloaded again.
        var version = sdk.Version.ToLowerInvariant();
        Assert.True(Directory.Exists(Path.Combine(sdk.Packages, "openmodel.sdk", version)), sdk.Packages);
        Assert.False(Directory.Exists(Path.Combine(PackedSdk.SharedPackages, "openmodel.sdk", version)), PackedSdk.SharedPackages);
        if (Directory.Exists(Path.Combine(PackedSdk.SharedPackages, "microsoft.ml.onnxruntime", "1.31.1")))
        {
            Assert.False(Directory.Exists(Path.Combine(sdk.Packages, "microsoft.ml.onnxruntime")));
        }
    }

    [GeneratedRegex(@"```xml\n(?<xml>.*?)```", RegexOptions.Singleline)]
    private static partial Regex XmlBlock();
}
