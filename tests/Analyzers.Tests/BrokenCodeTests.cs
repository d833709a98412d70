using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>Every analyzer over code that does not compile: findings are fine, an analyzer exception (AD0001) is not.</summary>
public class BrokenCodeTests
{
    private const string Broken = """
        using System.IO;
        using System.Diagnostics;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        using OpenAI.Chat;

        var app = WebApplication.Create();
        app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine(missing, name)).InputMetadata.Count;
        app.MapPost("/b", (Unknown body, ChatClient chat) => Process.Start(chat.CompleteChat(body.Text).Value.Content[0].
        app.MapPost("/c", async (string q, ChatClient chat) => { var r = await chat.CompleteChatAsync(q, ; File.WriteAllText(r, ); });
        new System.Net.Http.HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b, c, d) => };
        const string Key = "sk-proj-4f8Gk2LmQz9XwT7vB3nR1yU6aE0cD5hJ
        class Half { [Microsoft.SemanticKernel.KernelFunction] void Run(string c) => Process.Start(c) }
        class Controller : Microsoft.AspNetCore.Mvc.ControllerBase { public object Load(string path) => new InferenceSession(path
        """;

    [Fact]
    public async Task No_analyzer_throws_on_code_with_syntax_and_binding_errors()
    {
        var analyzers = typeof(Rules.RuleDescriptor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        var compilation = CSharpCompilation.Create(
            "Broken",
            [CSharpSyntaxTree.ParseText(Broken, path: "/src/App/Program.cs")],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication));
        Assert.Contains(compilation.GetDiagnostics(), d => d.Severity == DiagnosticSeverity.Error);

        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.True(analyzers.Length >= 12, $"only {analyzers.Length} analyzers found");
    }
}
