using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

public class ConfigurationTests
{
    private const string Settings = """
        {
          // comments and trailing commas are accepted, as by Microsoft.Extensions.Configuration.Json
          "Models": { "Sentiment": { "Path": "models/sentiment.onnx" }, "Fallback": "models/undeclared.onnx", },
          "ConnectionStrings": { "Reviews": "data/reviews.csv" },
          "Shards": [ "data/a.csv", "data/b.csv" ],
        }
        """;

    private static readonly (string, string)[] AppSettings = { ("/src/App/appsettings.json", Settings) };

    private static readonly Declared Artifacts = new Declared().Model("models/sentiment.onnx").Dataset("data/reviews.csv").Dataset("data/a.csv");

    [Theory]
    [InlineData("config[\"Models:Sentiment:Path\"]")]
    [InlineData("config[\"models:sentiment:path\"]")]
    [InlineData("config.GetSection(\"Models\")[\"Sentiment:Path\"]")]
    [InlineData("config.GetSection(\"Models\").GetSection(\"Sentiment\")[\"Path\"]")]
    [InlineData("config.GetSection(\"Models:Sentiment:Path\").Value")]
    [InlineData("config.GetRequiredSection(\"Models\")[\"Sentiment:Path\"]")]
    [InlineData("config.GetValue<string>(\"Models:Sentiment:Path\")")]
    [InlineData("config.GetValue<string>(\"Models:Missing\", \"models/sentiment.onnx\")")]
    [InlineData("config[\"Models:Missing\"] ?? \"models/sentiment.onnx\"")]
    [InlineData("Path.Combine(AppContext.BaseDirectory, config[\"Models:Sentiment:Path\"]!)")]
    public Task Configuration_reads_resolve_to_the_declared_model(string expression) => V.AnalyzerAsync($$"""
        using System;
        using System.IO;
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => new InferenceSession({{expression}});
            void Data(IConfiguration config)
            {
                var reviews = File.ReadAllLines(config.GetConnectionString("Reviews")!);
                var shard = File.ReadAllLines(config["Shards:0"]!);
            }
        }
        """, Artifacts, AppSettings);

    [Fact]
    public Task Configured_value_that_is_not_declared_is_OM2001() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => {|#0:new InferenceSession(config["Models:Fallback"])|};
        }
        """, new Declared(), AppSettings, V.Diagnostic("OM2001").WithLocation(0).WithArguments("new InferenceSession(…)", "models/undeclared.onnx"));

    [Fact]
    public Task Environment_files_are_checked_too() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => {|#0:new InferenceSession(config["Models:Sentiment:Path"])|};
        }
        """,
        new Declared().Model("models/sentiment.onnx"),
        new[] { ("/src/App/appsettings.json", Settings), ("/src/App/appsettings.Development.json", """{ "Models": { "Sentiment": { "Path": "models/dev.onnx" } } }""") },
        V.Diagnostic("OM2001").WithLocation(0).WithArguments("new InferenceSession(…)", "models/dev.onnx"));

    [Fact]
    public Task Missing_key_is_OM2004() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => {|#0:new InferenceSession(config["Models:Nope"])|};
        }
        """, new Declared(), AppSettings,
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("OM2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithLocation(0)
            .WithArguments("model path", "new InferenceSession(…)", "configuration key 'Models:Nope' is not set in any appsettings*.json"));

    [Fact]
    public Task Missing_appsettings_gives_OM2004_not_OM2001() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(IConfiguration config) => {|OM2004:new InferenceSession(config["Models:Sentiment:Path"])|};
        }
        """);
}
