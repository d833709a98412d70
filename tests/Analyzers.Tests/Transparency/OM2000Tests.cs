using OpenModel.Analyzers.Rules.Transparency;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2000 Load sites of declared artefacts recorded.</summary>
public class OM2000Tests
{
    [Fact]
    public async Task Every_load_of_a_declared_artifact_is_a_related_location_of_one_OM2000()
    {
        var declarations = new Declared().Model("models/sentiment.onnx").Dataset("data/reviews.csv").RemoteModel("openai:gpt-4o-mini");

        var diagnostics = await AnalyzerRunner.RunAsync(new UndeclaredLoadAnalyzer(), """
            using System.IO;
            using Microsoft.ML.OnnxRuntime;
            using OpenAI.Chat;
            class App
            {
                InferenceSession Open() => new InferenceSession("models/sentiment.onnx");
                string[] Data() => File.ReadAllLines("data/reviews.csv");
                ChatClient Chat(string key) => new ChatClient("gpt-4o-mini", key);
                InferenceSession Again() => new InferenceSession("models/sentiment.onnx");
                InferenceSession Undeclared() => new InferenceSession("models/other.onnx");
            }
            """, (Verify<UndeclaredLoadAnalyzer>.DeclarationsPath, declarations.ToString()));

        Assert.Equal(new[] { "OM2000", "OM2001" }, diagnostics.Select(d => d.Id).Order());
        var evidence = diagnostics.Single(d => d.Id == "OM2000");
        Assert.Equal("4 code site(s) load declared AI artefacts; they are recorded as evidence in the AI-BOM", evidence.GetMessage());
        Assert.Equal(new[] { 6, 7, 8, 9 }, evidence.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1));
        Assert.Equal(
            new[] { "AIModel\tmodels/sentiment.onnx", "AIDataset\tdata/reviews.csv", "AIModel\topenai:gpt-4o-mini", "AIModel\tmodels/sentiment.onnx" },
            Enumerable.Range(0, 4).Select(i => evidence.Properties["site" + i]));
    }

    [Fact]
    public async Task Evidence_records_the_line_that_opens_the_weights_not_the_options_object_or_the_chain_start()
    {
        var declarations = new Declared().Model("models/llama.gguf").Model("models/sentiment.zip");

        var diagnostics = await AnalyzerRunner.RunAsync(new UndeclaredLoadAnalyzer(), """
            using Microsoft.Extensions.ML;
            namespace LLama.Common { public class ModelParams { public ModelParams(string modelPath) { } } }
            namespace LLama { public sealed class LLamaWeights { public static LLamaWeights LoadFromFile(LLama.Common.ModelParams @params) => new(); } }
            namespace Microsoft.Extensions.ML
            {
                public sealed class Builder { }
                public static class BuilderExtensions { public static Builder FromFile(this Builder builder, string modelName, string filePath) => builder; }
            }
            class App
            {
                void Load(Microsoft.Extensions.ML.Builder builder)
                {
                    var parameters = new LLama.Common.ModelParams("models/llama.gguf");
                    var weights = LLama.LLamaWeights.LoadFromFile(parameters);
                    Microsoft.Extensions.ML.BuilderExtensions.FromFile(builder
                        , "sentiment", "models/sentiment.zip");
                    builder
                        .FromFile("sentiment", "models/sentiment.zip");
                }
            }
            """, (Verify<UndeclaredLoadAnalyzer>.DeclarationsPath, declarations.ToString()));

        var evidence = Assert.Single(diagnostics, d => d.Id == "OM2000");
        Assert.Equal("14 15 18", string.Join(" ", evidence.AdditionalLocations.Select(l => l.GetLineSpan().StartLinePosition.Line + 1)));
    }

    [Fact]
    public async Task No_declared_load_means_no_OM2000()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new UndeclaredLoadAnalyzer(), "class Empty { }", (Verify<UndeclaredLoadAnalyzer>.DeclarationsPath, new Declared().ToString()));

        Assert.Empty(diagnostics);
    }
}
