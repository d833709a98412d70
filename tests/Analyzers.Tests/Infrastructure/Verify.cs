using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>Runs an analyzer over test sources with the real AI libraries referenced.</summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public const string DeclarationsPath = "/src/App/obj/Debug/net10.0/openmodel.declarations.tsv";

    public static Task AnalyzerAsync(string source, Declared? declarations = null, params DiagnosticResult[] expected) =>
        AnalyzerAsync(source, declarations, Array.Empty<(string, string)>(), expected);

    public static Task AnalyzerAsync(string source, Declared? declarations, (string Path, string Text)[] additionalFiles, params DiagnosticResult[] expected)
    {
        var test = Create(declarations, additionalFiles);
        test.TestCode = source;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> Create(Declared? declarations, params (string Path, string Text)[] additionalFiles)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);

        // OM2000 is evidence for the AI-BOM on every declared load; OM2000Tests covers it, the rest need not repeat it.
        test.DisabledDiagnostics.Add("OM2000");
        if (declarations is not null)
        {
            test.TestState.AdditionalFiles.Add((DeclarationsPath, declarations.ToString()));
        }

        foreach (var file in additionalFiles)
        {
            test.TestState.AdditionalFiles.Add(file);
        }

        return test;
    }

    public static DiagnosticResult Diagnostic(string id) => new(id, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);
}
