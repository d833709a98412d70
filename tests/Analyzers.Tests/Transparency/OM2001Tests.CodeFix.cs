using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Transparency;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2001UseDeclaredArtifactCodeFix, which also fixes OM2002 and OM2003.</summary>
public partial class OM2001Tests
{
    private static readonly Declared Artifacts = new Declared()
        .Model("models/sentiment.onnx")
        .Dataset("data/reviews.csv")
        .RemoteModel("openai:gpt-4o-mini");

    [Fact]
    public Task Typo_in_a_model_path_is_fixed_to_the_declared_path() => VerifyAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => {|OM2001:new InferenceSession("models/sentment.onnx")|};
        }
        """, """
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => new InferenceSession("models/sentiment.onnx");
        }
        """);

    [Fact]
    public Task Typo_in_a_file_name_inside_Path_Combine_fixes_only_the_file_name() => VerifyAsync("""
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => {|OM2001:new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "Sentiment.onxx"))|};
        }
        """, """
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "sentiment.onnx"));
        }
        """);

    [Fact]
    public Task Typo_in_a_dataset_and_a_model_id_are_fixed_all_at_once() => VerifyAsync("""
        using System.IO;
        using OpenAI.Chat;
        class App
        {
            void Run(string key)
            {
                var lines = {|OM2002:File.ReadAllLines("data/review.csv")|};
                var chat = {|OM2003:new ChatClient("gpt-4o-mni", key)|};
            }
        }
        """, """
        using System.IO;
        using OpenAI.Chat;
        class App
        {
            void Run(string key)
            {
                var lines = File.ReadAllLines("data/reviews.csv");
                var chat = new ChatClient("gpt-4o-mini", key);
            }
        }
        """, fixAllIterations: 2);

    [Fact]
    public Task A_different_model_is_not_offered_as_a_fix() => VerifyAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => {|OM2001:new InferenceSession("models/toxicity.onnx")|};
        }
        """, null, fixAllIterations: 0);

    private static Task VerifyAsync(string source, string? fixedSource, int fixAllIterations = 1)
    {
        var test = new CSharpCodeFixTest<UndeclaredLoadAnalyzer, OM2001UseDeclaredArtifactCodeFix, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
            TestCode = source,
            FixedCode = fixedSource ?? source,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.DisabledDiagnostics.Add("OM2000");
        test.TestState.AdditionalFiles.Add((Verify<UndeclaredLoadAnalyzer>.DeclarationsPath, Artifacts.ToString()));

        // OM2005 is a compilation-end finding: declarations no code loads before the fix, and those still unused after it.
        test.TestState.ExpectedDiagnostics.AddRange(UnusedDeclarations(source));
        test.FixedState.ExpectedDiagnostics.AddRange(UnusedDeclarations(fixedSource ?? source));
        test.FixedState.InheritanceMode = StateInheritanceMode.AutoInheritAll;

        // Each declared target is its own equivalence key, so fixing two different typos takes one pass each.
        test.NumberOfIncrementalIterations = fixedSource is null ? 0 : null;
        test.NumberOfFixAllIterations = fixAllIterations;
        test.NumberOfFixAllInDocumentIterations = fixAllIterations;
        test.NumberOfFixAllInProjectIterations = fixAllIterations;
        return test.RunAsync();
    }

    private static IEnumerable<DiagnosticResult> UnusedDeclarations(string source) =>
        new[] { ("AIModel", "models/sentiment.onnx", "sentiment.onnx\""), ("AIDataset", "data/reviews.csv", "data/reviews.csv\""), ("AIModel", "openai:gpt-4o-mini", "\"gpt-4o-mini\"") }
            .Where(d => !source.Contains(d.Item3, StringComparison.Ordinal))
            .Select(d => OM2005Tests.UnusedModel(d.Item2, d.Item1));
}
