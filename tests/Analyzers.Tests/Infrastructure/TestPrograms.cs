using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>Programs the rule tests share: a minimal-API app around endpoints, a top-level program, an LLM helper.</summary>
internal static class TestPrograms
{
    /// <summary>A helper that returns LLM output, for sources that need one.</summary>
    internal const string LlmHelpers = """
        static class Llm
        {
            public static OpenAI.Chat.ChatCompletion Ask(OpenAI.Chat.ChatClient chat, string question) => chat.CompleteChat(question).Value;
        }
        """;

    /// <summary>The usings of a top-level program run by <see cref="Program{TAnalyzer}"/>.</summary>
    internal const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        """;

    /// <summary>Runs the taint rules over a minimal-API app with these endpoints.</summary>
    internal static Task Web(string endpoints, string extra = "")
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram(endpoints, extra);
        return test.RunAsync();
    }

    internal static string WebProgram(string endpoints, string extra) => $$"""
        using System.Collections.Generic;
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        using Microsoft.ML;
        using Microsoft.ML.OnnxRuntime;
        using System.Diagnostics;

        var app = WebApplication.Create();
        {{endpoints}}
        app.Run();

        {{extra}}
        """;

    /// <summary>Runs an analyzer over a top-level program (with <see cref="Usings"/>).</summary>
    internal static Task Program<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = Verify<TAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + source;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
