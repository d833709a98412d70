using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>The flow engine every taint rule (OM1001, OM1009, OM1011–OM1014, OM1018) shares: calls, sanitizers, code with errors.</summary>
public class TaintFlowTests
{
    [Fact]
    public Task Calls_into_the_same_compilation_are_followed() => Web("""
        app.MapGet("/x/{name}", (string name) => {|OM1001:new InferenceSession(Paths.Unsafe(name))|}.InputMetadata.Count);
        app.MapGet("/y/{name}", (string name) => new InferenceSession(Paths.Safe(name)).InputMetadata.Count);
        """, extra: """
        static class Paths
        {
            public static string Unsafe(string name) => Path.Combine("models", name + ".onnx");
            public static string Safe(string name)
            {
                var file = Path.GetFileName(name);
                return Path.Combine("models", file);
            }
        }
        """);

    [Fact]
    public Task Methods_without_a_source_are_not_analysed_and_constants_never_flag() => V.AnalyzerAsync("""
        using System.Diagnostics;
        class Plain
        {
            void Run(string command) => Process.Start(command);
            object Load(string path) => new Microsoft.ML.OnnxRuntime.InferenceSession(path);
        }
        """);

    [Fact]
    public async Task Users_add_their_own_sanitizers_in_editorconfig()
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram("""
            app.MapGet("/a/{name}", (string name) => new InferenceSession(App.Validation.CleanPath(name)).InputMetadata.Count);
            """, """
            namespace App { static class Validation { public static string CleanPath(string value) => value; } }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nopenmodel_taint_sanitizers = App.Validation.CleanPath\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Code_with_errors_gives_no_analyzer_exception()
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram("""
            app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine(missing, name)).InputMetadata.Count;
            app.MapPost("/b", (Unknown body) => Process.Start(body.Text
            """, string.Empty);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    /// <summary>
    /// A helper that returns a tuple hands its elements' taint to the locals a deconstruction declares (BotSharp's HTTP
    /// tool: <c>var (uri, request) = BuildHttpRequest(url, …)</c>); the helper's own sink is reported for the tainted
    /// call. Look-alike: the same helper fed a constant.
    /// </summary>
    [Fact]
    public Task Tuple_deconstruction_carries_the_taint_of_the_tuple() => V.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.AI;
        class Tool
        {
            async System.Threading.Tasks.Task Act(IChatClient client, HttpClient http)
            {
                var url = (await client.GetResponseAsync("Which page?")).Text;
                var (uri, request) = Build(url);
                await {|OM1014:http.GetAsync(uri)|};
                (Uri fixedUri, HttpRequestMessage fixedRequest) = Build("https://example.com/status");
                await http.GetAsync(fixedUri);
            }

            static (Uri, HttpRequestMessage) Build(string url)
            {
                var uri = new Uri(url);
                return (uri, new HttpRequestMessage { {|OM1014:RequestUri = uri|} });
            }
        }
        """);

    /// <summary>
    /// A lambda handed to a library call over an untrusted collection (LINQ's Select, List.ForEach) receives its
    /// elements: the lambda's parameters carry the collection's taint. Look-alike: a lambda over constant items.
    /// </summary>
    [Fact]
    public Task Lambda_parameters_carry_the_taint_of_the_collection_they_iterate() => V.AnalyzerAsync("""
        using System.IO;
        using System.Linq;
        using Microsoft.Extensions.AI;
        class Tool
        {
            async System.Threading.Tasks.Task Act(IChatClient client)
            {
                var files = (await client.GetResponseAsync("Which files?")).Text.Split(',');
                var texts = files.Select(f => {|OM1014:File.ReadAllText(f)|}).ToList();
                files.ToList().ForEach(f => {|OM1014:File.Delete(f)|});
                var fixedTexts = new[] { "a.txt", "b.txt" }.Select(f => File.ReadAllText(f)).ToList();
            }
        }
        """);
}
