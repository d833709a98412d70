using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2005 Declared model never loaded.</summary>
public class OM2005Tests
{
    private const string LoadsSentiment = """
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => new InferenceSession("models/sentiment.onnx");
        }
        """;

    [Fact]
    public Task Unused_model_dataset_and_service_are_OM2005() => V.AnalyzerAsync(
        LoadsSentiment,
        new Declared().Model("models/sentiment.onnx").Model("models/legacy.onnx").Dataset("data/old.csv").RemoteModel("openai:gpt-4o"),
        OM2005Tests.UnusedModel("models/legacy.onnx"),
        OM2005Tests.UnusedModel("data/old.csv", "AIDataset"),
        OM2005Tests.UnusedModel("openai:gpt-4o"));

    [Fact]
    public Task Components_are_not_expected_to_be_loaded() => V.AnalyzerAsync(
        LoadsSentiment,
        new Declared().Model("models/sentiment.onnx").Component("https://example.org/train"));

    [Fact]
    public Task An_unresolved_load_might_be_the_one_so_OM2005_stays_quiet() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(string path) => {|OM2004:new InferenceSession(path)|};
        }
        """, new Declared().Model("models/sentiment.onnx"));

    /// <summary>The OM2005 a declaration nothing loads gives at the end of the compilation; other rules' tests expect it too.</summary>
    internal static Microsoft.CodeAnalysis.Testing.DiagnosticResult UnusedModel(string include, string itemType = "AIModel") =>
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(OpenModel.Analyzers.Rules.Transparency.OM2005DeclaredNeverLoaded.Descriptor).WithNoLocation().WithArguments(itemType, include, "App.csproj");
}
