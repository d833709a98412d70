using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        app.MapGet("/h/{name}", (string name, ChatClient chat) => Process.Start(Helpers.Ask(chat, name)).Id + new InferenceSession(Helpers.Under(name) + Helpers.Model).InputMetadata.Count);
        app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine(missing, name)).InputMetadata.Count;
        app.MapPost("/b", (Unknown body, ChatClient chat) => Process.Start(chat.CompleteChat(body.Text).Value.Content[0].
        app.MapPost("/c", async (string q, ChatClient chat) => { var r = await chat.CompleteChatAsync(q, ; File.WriteAllText(r, ); });
        new System.Net.Http.HttpClientHandler { ServerCertificateCustomValidationCallback = (a, b, c, d) => };
        const string Key = "sk-proj-4f8Gk2LmQz9XwT7vB3nR1yU6aE0cD5hJ
        class Half { [Microsoft.SemanticKernel.KernelFunction] void Run(string c) => Process.Start(c) }
        static class Helpers
        {
            public static readonly string Model = "models/m.onnx";
            public static string Under(string name) => Path.Combine("models", name);
            public static string Ask(ChatClient chat, string q) => chat.CompleteChat(q).Value.Content[0].Text;
        }
        class Controller : Microsoft.AspNetCore.Mvc.ControllerBase { public object Load(string path) => new InferenceSession(path
        """;

    public static TheoryData<string> Sources()
    {
        var data = new TheoryData<string> { "Broken" };
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.cs").Order())
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Fact]
    public async Task No_analyzer_throws_on_code_with_syntax_and_binding_errors()
    {
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
        var diagnostics = await compilation.WithAnalyzers(SolutionRunner.AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        Assert.True(SolutionRunner.AllAnalyzers.Length >= 12, $"only {SolutionRunner.AllAnalyzers.Length} analyzers found");
    }

    /// <summary>
    /// Every test source split into an application and a library it references, so calls, fields and helpers cross a
    /// project boundary; analysed with the library as a compilation reference (IDE) and as a built assembly (build).
    /// </summary>
    [Theory]
    [MemberData(nameof(Sources))]
    public async Task No_analyzer_throws_with_the_source_split_across_projects_either_way(string source)
    {
        var text = source == "Broken" ? Broken : await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Corpus", source));
        var (application, library) = Split(text);
        var kind = CSharpSyntaxTree.ParseText(application).GetRoot().DescendantNodes().OfType<GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        TestProject[] projects =
        [
            new("Library", OutputKind.DynamicallyLinkedLibrary, [("/src/Library/Library.cs", library)]),
            new("App", kind, [("/src/App/App.cs", application)], "Library"),
        ];

        var ide = await SolutionRunner.AsIdeAsync(projects);
        var build = await SolutionRunner.AsBuildAsync(projects);

        Assert.Empty(ide.Concat(build).SelectMany(r => r.Exceptions));
        Assert.DoesNotContain(ide.Concat(build).SelectMany(r => r.Diagnostics), d => d.Id == "AD0001");
    }

    /// <summary>Top-level statements stay in the application with every type moved out; otherwise the second half of the types moves.</summary>
    private static (string Application, string Library) Split(string text)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(text).GetRoot();
        var usings = string.Concat(root.Usings.Select(u => u.ToFullString()));
        var hasStatements = root.Members.OfType<GlobalStatementSyntax>().Any();
        var fileScoped = root.Members.OfType<FileScopedNamespaceDeclarationSyntax>().FirstOrDefault();
        var types = (fileScoped?.Members ?? root.Members).Where(m => m is not GlobalStatementSyntax).ToList();
        var moved = types.Skip(hasStatements ? 0 : (types.Count + 1) / 2).ToHashSet();
        var header = fileScoped is null ? string.Empty : $"namespace {fileScoped.Name};\n";

        var application = usings + header + string.Concat(root.Members.Where(m => m != fileScoped).Concat(fileScoped?.Members ?? default(SyntaxList<MemberDeclarationSyntax>)).Where(m => !moved.Contains(m)).Select(m => m.ToFullString()));
        var library = usings + "[assembly: System.Runtime.CompilerServices.InternalsVisibleTo(\"App\")]\n" + header + string.Concat(moved.Select(m => m.ToFullString()));
        Assert.False(moved.Count == 0 || application.Length == usings.Length + header.Length, "the source does not split into two projects");
        return (application, library);
    }
}
