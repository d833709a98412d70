using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM3008 as the analyzers report it (appsettings*.json, the declarations file); the build's OM3008 is tested in Core.Tests and Sdk.Tests.</summary>
public class OM3008Tests
{
    private const string Source = """
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => {|#0:new InferenceSession(config["Models:Path"])|};
        }
        """;

    [Theory]
    [InlineData("{ \"Models\": { \"Path\": \"models/a.onnx\" ", 1, 39, "expected ',' or '}'")]
    [InlineData("{ \"Models\": { \"Path\": models/a.onnx } }", 1, 23, "invalid value 'models'")]
    [InlineData("{\n  \"Models\": [1, 2,, 3]\n}", 2, 19, "unexpected character ','")]
    [InlineData("{ \"A\": 1 } trailing", 1, 12, "unexpected content after the root value")]
    public Task Malformed_appsettings_is_OM3008_at_the_error_and_never_a_crash(string json, int line, int column, string problem) =>
        V.AnalyzerAsync(Source, new Declared(), new[] { ("/src/App/appsettings.json", json) },
            new DiagnosticResult("OM2004", DiagnosticSeverity.Info).WithLocation(0)
                .WithArguments("model path", "new InferenceSession(…)", "configuration key 'Models:Path' is not set in any appsettings*.json"),
            new DiagnosticResult("OM3008", DiagnosticSeverity.Error)
                .WithSpan("/src/App/appsettings.json", line, column, line, column)
                .WithArguments("/src/App/appsettings.json", $"invalid JSON at line {line}, column {column}: {problem}"));

    [Fact]
    public Task Malformed_declaration_line_is_OM3008_and_the_rest_still_counts() =>
        V.AnalyzerAsync(
            """
            using Microsoft.ML.OnnxRuntime;
            class Scorer
            {
                InferenceSession Open() => new InferenceSession("models/sentiment.onnx");
            }
            """,
            null,
            new[] { (Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.DeclarationsPath, "AIModel\tmodels/sentiment.onnx\t\t\t/src/App/App.csproj\nAIWeights\tbroken\n") },
            new DiagnosticResult("OM3008", DiagnosticSeverity.Error)
                .WithSpan(Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.DeclarationsPath, 2, 1, 2, 17)
                .WithArguments(Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.DeclarationsPath, "line 2 is not '<ItemType>\\t<Include>\\t<Name>\\t<Access>\\t<DefiningProject>'"));

    [Fact]
    public Task Code_that_does_not_compile_gives_no_analyzer_exception()
    {
        var test = Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.Create(new Declared().Model("models/a.onnx"));
        test.TestCode = """
            using System.IO;
            using Microsoft.ML.OnnxRuntime;
            class Broken
            {
                InferenceSession Open() => new InferenceSession(Path.Combine(UnknownBase, "models", "a.onnx")
                void Missing() { var x = new InferenceSession(undefined); File.ReadAllBytes(; }
                InferenceSession Typo() => new InferenceSesion("models/b.onnx");
            }
            """;
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;

        // Nothing well-formed loads the model, so OM2005 is the only finding; an AD0001 would fail the run.
        test.ExpectedDiagnostics.Add(OM2005Tests.UnusedModel("models/a.onnx"));
        return test.RunAsync();
    }
}
