using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Flow;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>
/// Which blocks the taint rules analyse must not depend on the order (or the thread) in which blocks are analysed: the
/// compilation-wide "this method returns untrusted text" cache holds final answers only.
/// </summary>
public sealed class TaintSourceCacheTests
{
    private const string Source = """
        static class Llm
        {
            public static OpenAI.Chat.ChatCompletion Ask(OpenAI.Chat.ChatClient chat) => chat.CompleteChat("command?").Value;
        }
        static class Chain
        {
            public static string D0(OpenAI.Chat.ChatClient c) => D1(c);
            static string D1(OpenAI.Chat.ChatClient c) => D2(c);
            static string D2(OpenAI.Chat.ChatClient c) => D3(c);
            static string D3(OpenAI.Chat.ChatClient c) => D4(c);
            static string D4(OpenAI.Chat.ChatClient c) => D5(c);
            public static string D5(OpenAI.Chat.ChatClient c) => D6(c);
            static string D6(OpenAI.Chat.ChatClient c) => D7(c);
            static string D7(OpenAI.Chat.ChatClient c) => Llm.Ask(c).Content[0].Text;
        }
        class Blocks
        {
            void Deep(OpenAI.Chat.ChatClient c) => System.Diagnostics.Process.Start(Chain.D0(c));
            void Near(OpenAI.Chat.ChatClient c) => System.Diagnostics.Process.Start(Chain.D5(c));
        }
        """;

    [Fact]
    public void A_method_cut_off_by_the_depth_limit_on_one_path_is_still_a_source_on_a_shorter_one()
    {
        var (compilation, deep, near) = Compile();
        var tables = TaintTables.From(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), compilation.SyntaxTrees.Single());

        // The long path reaches D7 only past the depth limit, so it cannot tell; that must not be remembered as "no".
        TaintAnalysis.MayContainSource(deep, tables, compilation, CancellationToken.None);

        Assert.True(TaintAnalysis.MayContainSource(near, tables, compilation, CancellationToken.None));
    }

    private static (Compilation Compilation, IOperation Deep, IOperation Near) Compile()
    {
        var tree = CSharpSyntaxTree.ParseText(Source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create("Chain", [tree], TestReferences.All, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var model = compilation.GetSemanticModel(tree);
        IOperation Body(string name) => model.GetOperation(tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == name))!;
        return (compilation, Body("Deep"), Body("Near"));
    }
}
