using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Architecture;

/// <summary>
/// The folders of src/Core form a one-way graph: no folder uses a type (or constant) of a folder that uses it back, directly
/// or through others. Checked on the semantic model of the sources, so a constant inlined by the compiler, a nameof or a
/// partly qualified name ("AIBom.AIBomBuilder") counts as a use too.
/// </summary>
public sealed class CoreLayeringTests
{
    private static readonly Lazy<(IReadOnlyList<SemanticModel> Models, string Core)> Sources = new(Compile);

    private static readonly Lazy<IReadOnlyDictionary<string, SortedSet<string>>> Graph = new(BuildGraph);

    [Fact]
    public void Core_folders_do_not_import_each_other_in_a_cycle()
    {
        var cycles = CoreFolderGraph.Cycles(Graph.Value);
        Assert.True(cycles.Count == 0, "circular imports between src/Core folders:\n" + string.Join("\n", cycles.Select(c => string.Join(" -> ", c))));
    }

    [Fact]
    public void AIBom_and_Openness_do_not_know_each_other_in_both_directions()
    {
        var graph = Graph.Value;
        Assert.False(graph["AIBom"].Contains("Openness") && graph["Openness"].Contains("AIBom"), "AIBom and Openness import each other");
        Assert.DoesNotContain("AIBom", graph["Openness"]);
    }

    /// <summary>
    /// The SPDX writer writes the typed facts (issue 11): it uses no CycloneDX or AI-BOM type, so it cannot read the finished
    /// CycloneDX document, and names no <c>openmodel:</c> property, the way such a read would look.
    /// </summary>
    [Fact]
    public void The_SPDX_writer_writes_facts_and_never_reads_the_CycloneDX_document()
    {
        var graph = Graph.Value;
        Assert.DoesNotContain("CycloneDx", graph["Spdx"]);
        Assert.DoesNotContain("AIBom", graph["Spdx"]);
        var properties = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Core", "Spdx"), "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(x => x.line.Contains("\"openmodel:", StringComparison.OrdinalIgnoreCase))
            .Select(x => $"{Path.GetFileName(x.file)}({x.index + 1}): {x.line.Trim()}")
            .ToList();
        Assert.True(properties.Count == 0, "src/Core/Spdx names openmodel: properties:\n" + string.Join("\n", properties));
    }

    [Fact]
    public void The_cycle_finder_finds_a_cycle_through_three_folders_and_none_in_a_chain()
    {
        var cyclic = new Dictionary<string, SortedSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] };
        Assert.Equal(["A -> B -> C -> A"], CoreFolderGraph.Cycles(cyclic).Select(c => string.Join(" -> ", c)));
        var chain = new Dictionary<string, SortedSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = [] };
        Assert.Empty(CoreFolderGraph.Cycles(chain));
    }

    /// <summary>
    /// Declaration metadata is read by name in the parsing step only (Facts/DeclarationReader.cs, and the item class
    /// itself for Access, which decides whether the item is a path at all); everything else works on typed facts.
    /// </summary>
    [Fact]
    public void Declaration_metadata_is_read_by_name_only_in_the_parsing_step()
    {
        var (models, core) = Sources.Value;
        var reads = new List<string>();
        foreach (var model in models)
        {
            var tree = model.SyntaxTree;
            var file = Path.GetRelativePath(core, tree.FilePath).Replace('\\', '/');
            if (file is "Facts/DeclarationReader.cs" or "Artifacts/ArtifactDeclaration.cs")
            {
                continue;
            }

            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Identifier.Text is "Get" or "Metadata"))
            {
                if (model.GetSymbolInfo(name).Symbol is { ContainingType.Name: "ArtifactDeclaration" } symbol)
                {
                    reads.Add($"{file}({name.GetLocation().GetLineSpan().StartLinePosition.Line + 1}): {symbol.Name}");
                }
            }
        }

        Assert.True(reads.Count == 0, $"{reads.Count} raw reads of declaration metadata outside the parsing step:\n" + string.Join("\n", reads));
    }

    /// <summary>A semantic model of every src/Core file, in a compilation that binds without errors.</summary>
    private static (IReadOnlyList<SemanticModel>, string) Compile()
    {
        var core = Path.Combine(Repository.Root, "src", "Core");
        var files = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .Concat(Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Contract"), "*.cs"))
            .Append(Path.Combine(Repository.Root, "src", "Analyzers", "RuleIdentifiers.cs"))
            .ToList();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Latest), f)).ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
            .Where(p => !Path.GetFileName(p).StartsWith("OpenModel.Core", StringComparison.Ordinal))
            .DistinctBy(Path.GetFileName)
            .Select(p => MetadataReference.CreateFromFile(p));
        // The SDK's implicit usings (ImplicitUsings=enable in OpenModel.Core.csproj).
        trees.Add(CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
            new CSharpParseOptions(LanguageVersion.Latest),
            Path.Combine(Repository.Root, "src", "Contract", "ImplicitUsings.g.cs")));
        var compilation = CSharpCompilation.Create("CoreLayering", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, allowUnsafe: true));

        // Only a compilation without errors has a complete semantic model: an unbound call would hide the uses inside it.
        // Two errors are this test's compiler's, not the code's: CS8795, [GeneratedRegex] methods, whose bodies the regex
        // source generator writes; CS0121, Split([';', ','], …), which Roslyn 4.8 (C# 12) cannot resolve between the char[]
        // and string overloads the way the SDK's newer compiler does.
        var models = compilation.SyntaxTrees.Where(t => IsCore(core, t)).Select(t => compilation.GetSemanticModel(t)).ToList();
        var errors = models.SelectMany(m => m.GetDiagnostics()).Where(d => d.Severity == DiagnosticSeverity.Error && d.Id is not ("CS8795" or "CS0121")).Take(5).ToList();
        Assert.True(errors.Count == 0, "src/Core does not compile here: " + string.Join("\n", errors));
        return (models, core);
    }

    /// <summary>Folder → the other Core folders whose symbols its sources use.</summary>
    private static IReadOnlyDictionary<string, SortedSet<string>> BuildGraph()
    {
        var (models, core) = Sources.Value;
        var graph = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var model in models)
        {
            var tree = model.SyntaxTree;
            var from = FolderOf(Path.GetRelativePath(core, tree.FilePath));
            var uses = graph.TryGetValue(from, out var set) ? set : graph[from] = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol ?? model.GetSymbolInfo(name).CandidateSymbols.FirstOrDefault();
                if (symbol is null or INamespaceSymbol || symbol.ContainingNamespace is not { } ns)
                {
                    continue;
                }

                if (FolderOfNamespace(ns.ToDisplayString()) is { } to && to != from)
                {
                    uses.Add(to);
                }
            }
        }

        return graph;
    }

    /// <summary>The contract file is compiled in (Core links it) but is not a Core folder.</summary>
    private static bool IsCore(string core, SyntaxTree tree) => !Path.GetRelativePath(core, tree.FilePath).StartsWith("..", StringComparison.Ordinal);

    /// <summary>"AIBom/AIBomBuilder.cs" → "AIBom"; files at the root of Core belong to no folder.</summary>
    private static string FolderOf(string relativePath)
    {
        var slash = relativePath.IndexOfAny(['/', '\\']);
        return slash < 0 ? "(root)" : relativePath[..slash];
    }

    /// <summary>"OpenModel.Core.Openness.Mof" → "Openness" (sub-namespaces belong to their folder).</summary>
    private static string? FolderOfNamespace(string ns)
    {
        const string prefix = "OpenModel.Core.";
        if (!ns.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns[prefix.Length..];
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest[..dot];
    }
}

/// <summary>Cycles in a small directed graph, each listed once from its alphabetically first node.</summary>
internal static class CoreFolderGraph
{
    public static List<List<string>> Cycles(IReadOnlyDictionary<string, SortedSet<string>> graph)
    {
        var cycles = new List<List<string>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in graph.Keys.Order(StringComparer.Ordinal))
        {
            Walk(start, [start]);
        }

        return cycles;

        void Walk(string node, List<string> path)
        {
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (next == path[0])
                {
                    // A cycle is reported from its smallest node only, so each appears once.
                    if (path.All(p => string.CompareOrdinal(p, path[0]) >= 0) && seen.Add(string.Join(">", path)))
                    {
                        cycles.Add([.. path, next]);
                    }
                }
                else if (!path.Contains(next) && string.CompareOrdinal(next, path[0]) > 0)
                {
                    Walk(next, [.. path, next]);
                }
            }
        }
    }
}
