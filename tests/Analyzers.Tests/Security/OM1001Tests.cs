using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.CodeFixVerify;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1001 Model, tokenizer or dataset path from untrusted input: the analyzer and its code fix.</summary>
public class OM1001Tests
{
    [Fact]
    public Task OM1001_minimal_api_parameter_reaches_InferenceSession() => Web("""
        app.MapGet("/score/{model}", (string model) =>
        {
            using var session = {|OM1001:new InferenceSession(Path.Combine("models", model))|};
            return session.InputMetadata.Count;
        });
        """);

    [Fact]
    public Task OM1001_query_string_and_request_dto_reach_loaders() => Web("""
        app.MapPost("/train", (HttpRequest request, TrainRequest body, MLContext ml) =>
        {
            var data = {|OM1001:ml.Data.LoadFromTextFile<Row>(request.Query["data"].ToString())|};
            var model = {|OM1001:ml.Model.Load(body.ModelPath, out var schema)|};
            return "ok";
        });
        """, extra: """
        public sealed record TrainRequest(string ModelPath);
        public sealed class Row { [Microsoft.ML.Data.LoadColumn(0)] public string Text { get; set; } = ""; }
        """);

    [Fact]
    public Task OM1001_controller_action_parameter_and_FromQuery_parameter() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.Tokenizers;
        public sealed class TokensController : ControllerBase
        {
            [HttpGet]
            public int Count(string vocabulary, string text) => {|OM1001:BertTokenizer.Create(vocabulary)|}.CountTokens(text);
        }
        public sealed class Jobs
        {
            public object Load([FromQuery] string path) => {|OM1001:new Microsoft.ML.OnnxRuntime.InferenceSession(path)|};
        }
        """);

    [Fact]
    public Task OM1001_LLM_output_chooses_the_model() => V.AnalyzerAsync("""
        class Router
        {
            object Pick(OpenAI.Chat.ChatClient chat)
            {
                var answer = Llm.Ask(chat, "Which model?").Content[0].Text;
                return {|OM1001:new Microsoft.ML.OnnxRuntime.InferenceSession(answer)|};
            }
        }
        """ + LlmHelpers);

    [Fact]
    public Task OM1001_validated_paths_numbers_allow_lists_and_services_are_clean() => Web("""
        var allowed = new Dictionary<string, string> { ["small"] = "models/small.onnx" };
        app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine("models", Path.GetFileName(name))).InputMetadata.Count);
        app.MapGet("/b/{name}", (string name) =>
        {
            var root = Path.GetFullPath("models");
            var full = Path.GetFullPath(Path.Combine(root, name));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar)) return Results.BadRequest();
            return Results.Ok(new InferenceSession(full).InputMetadata.Count);
        });
        app.MapGet("/c/{version}", (int version) => new InferenceSession($"models/v{version}.onnx").InputMetadata.Count);
        app.MapGet("/d/{name}", (string name) => new InferenceSession(allowed[name]).InputMetadata.Count);
        app.MapGet("/e", (Scorer scorer) => new InferenceSession(scorer.Path).InputMetadata.Count);
        """, extra: """
        public sealed class Scorer(Microsoft.Extensions.Configuration.IConfiguration configuration)
        {
            public string Path => configuration["Model"]!;
        }
        """);

    [Fact]
    public Task OM1001_and_OM1011_sinks_inside_helpers_reached_with_request_data_are_reported_once_at_the_sink() => Web("""
        app.MapGet("/load/{name}", (string name, ModelStore store) => store.Open(name));
        app.MapGet("/again/{name}", (string name, ModelStore store) => store.Open("v2/" + name));
        app.MapGet("/fixed", (ModelStore store) => store.OpenFixed("models/default.onnx"));
        app.MapPost("/run", (string command, Shell shell) => shell.Run(command));
        """, extra: """
        public sealed class ModelStore
        {
            public int Open(string name) => {|OM1001:new InferenceSession(Path.Combine("models", name))|}.InputMetadata.Count;
            public int OpenFixed(string path) => new InferenceSession(path).InputMetadata.Count;
        }
        public sealed class Shell
        {
            public int Run(string command) => Execute(command);
            static int Execute(string line) => Process.Start("/bin/sh", "-c " + line).Id;
        }
        """);

    [Fact]
    public Task OM1001_keeps_only_the_file_name() => VerifyAsync<TaintRulesAnalyzer, OM1001KeepOnlyFileNameCodeFix>("""
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a/{model}", (string model) => {|OM1001:new InferenceSession(Path.Combine("models", model))|}.InputMetadata.Count);
                app.MapGet("/b/{model}", (string model) => {|OM1001:new InferenceSession(model)|}.InputMetadata.Count);
            }
        }
        """, """
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a/{model}", (string model) => new InferenceSession(Path.Combine("models", System.IO.Path.GetFileName(model))).InputMetadata.Count);
                app.MapGet("/b/{model}", (string model) => new InferenceSession(System.IO.Path.GetFileName(model)).InputMetadata.Count);
            }
        }
        """);
}
