using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>Each form of path the resolver follows, proven by a declared model that is then not reported.</summary>
public class PathResolutionTests
{
    private static readonly Declared Sentiment = new Declared().Model("models/sentiment.onnx");

    [Theory]
    [InlineData("\"models/sentiment.onnx\"")]
    [InlineData("\"models\\\\sentiment.onnx\"")]
    [InlineData("\"./models/../models/sentiment.onnx\"")]
    [InlineData("ModelPath")]
    [InlineData("ReadonlyPath")]
    [InlineData("Folder + \"/sentiment.onnx\"")]
    [InlineData("$\"{Folder}/sentiment.{Extension}\"")]
    [InlineData("Path.Combine(\"models\", \"sentiment.onnx\")")]
    [InlineData("Path.Combine(AppContext.BaseDirectory, \"models\", \"sentiment.onnx\")")]
    [InlineData("Path.Combine(AppDomain.CurrentDomain.BaseDirectory, Folder, \"sentiment.onnx\")")]
    [InlineData("Path.Join(Directory.GetCurrentDirectory(), \"models/sentiment.onnx\")")]
    [InlineData("Environment.CurrentDirectory + \"/models/sentiment.onnx\"")]
    [InlineData("Path.GetFullPath(\"models/sentiment.onnx\")")]
    [InlineData("FromProperty")]
    [InlineData("Settings.SharedPath")]
    [InlineData("\"/src/App/models/sentiment.onnx\"")]
    public Task Resolved_forms_match_the_declaration(string pathExpression) => V.AnalyzerAsync($$"""
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        static class Settings { public static readonly string SharedPath = Path.Combine("models", "sentiment.onnx"); }
        class Scorer
        {
            const string Folder = "models";
            const string Extension = "onnx";
            const string ModelPath = Folder + "/sentiment.onnx";
            static readonly string ReadonlyPath = Path.Combine(Folder, "sentiment.onnx");
            static string FromProperty => ModelPath;
            InferenceSession Open() => new InferenceSession({{pathExpression}});
        }
        """, Sentiment);

    /// <summary>Integrity: a load matches only the declared file relative to the project or output folder, never a suffix or a file name.</summary>
    [Theory]
    [InlineData("/srv/app/models/sentiment.onnx", "srv/app/models/sentiment.onnx")]
    [InlineData("../../elsewhere/models/sentiment.onnx", "../../elsewhere/models/sentiment.onnx")]
    [InlineData("other/models/sentiment.onnx", "other/models/sentiment.onnx")]
    [InlineData("sentiment.onnx", "sentiment.onnx")]
    [InlineData("/src/Other/models/sentiment.onnx", "src/Other/models/sentiment.onnx")]
    public Task Integrity_a_path_that_merely_ends_like_the_declared_file_is_undeclared(string path, string reported) => V.AnalyzerAsync($$"""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => {|#0:new InferenceSession("{{path}}")|};
        }
        """, Sentiment, V.Diagnostic("OM2005").WithSeverity(DiagnosticSeverity.Info).WithArguments("AIModel", "models/sentiment.onnx", "App.csproj"),
        V.Diagnostic("OM2001").WithLocation(0).WithArguments("new InferenceSession(…)", reported));

    [Fact]
    public Task Local_assigned_once_is_followed_and_reported_with_its_value() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open()
            {
                var folder = Path.Combine(AppContext.BaseDirectory, "models");
                var path = Path.Combine(folder, "toxicity.onnx");
                return {|#0:new InferenceSession(path)|};
            }
        }
        """, null, V.Diagnostic("OM2001").WithLocation(0).WithArguments("new InferenceSession(…)", "models/toxicity.onnx"));

    [Fact]
    public Task Ternary_checks_every_branch() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(bool quantized) =>
                {|#0:new InferenceSession(quantized ? "models/sentiment.int8.onnx" : "models/sentiment.onnx")|};
        }
        """, Sentiment, V.Diagnostic("OM2001").WithLocation(0).WithArguments("new InferenceSession(…)", "models/sentiment.int8.onnx"));

    [Fact]
    public Task Top_level_statements_resolve_locals() => RunTopLevel("""
        using System;
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        var modelPath = Path.Combine(AppContext.BaseDirectory, "models", "sentiment.onnx");
        using var session = new InferenceSession(modelPath);
        var other = "models/other.onnx";
        using var second = {|OM2001:new InferenceSession(other)|};
        """);

    [Fact]
    public Task Content_root_of_a_web_app_is_a_base_directory() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IWebHostEnvironment env) => new InferenceSession(Path.Combine(env.ContentRootPath, "models", "sentiment.onnx"));
        }
        """, Sentiment);

    private static Task RunTopLevel(string source)
    {
        var test = Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.Create(Sentiment);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = source;
        return test.RunAsync();
    }
}
