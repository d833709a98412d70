using System.Collections.Immutable;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace OpenModel.Analyzers.Tests;

/// <summary>
/// Precision and recall of the security rules over a labelled corpus written in the style of real applications
/// (Corpus/*.cs): "// expect: ID" marks a line the rule must report, "// ok: ID" a look-alike it must not.
/// </summary>
public partial class CorpusTests(ITestOutputHelper output)
{
    private const double Target = 0.9;

    [Fact]
    public async Task Security_rules_reach_90_percent_precision_and_recall_on_the_corpus()
    {
        var expected = new HashSet<(string File, int Line, string Id)>();
        var labelled = 0;
        var actual = new HashSet<(string File, int Line, string Id)>();
        foreach (var path in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus"), "*.cs").Order())
        {
            var file = Path.GetFileName(path);
            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                var labels = Label().Matches(lines[i]);
                labelled += labels.Count > 0 ? 1 : 0;
                foreach (Match label in labels.Where(l => l.Groups["kind"].Value == "expect"))
                {
                    foreach (var id in label.Groups["ids"].Value.Split(',', StringSplitOptions.TrimEntries))
                    {
                        expected.Add((file, i + 1, id));
                    }
                }
            }

            foreach (var diagnostic in await AnalyzeAsync(path))
            {
                actual.Add((file, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1, diagnostic.Id));
            }
        }

        Assert.True(labelled >= 120, $"the corpus has {labelled} labelled lines");
        var failures = new List<string>();
        output.WriteLine("rule     TP  FP  FN  precision  recall");
        foreach (var id in expected.Select(e => e.Id).Concat(actual.Select(a => a.Id)).Distinct().Order())
        {
            var tp = actual.Count(a => a.Id == id && expected.Contains(a));
            var fp = actual.Count(a => a.Id == id && !expected.Contains(a));
            var fn = expected.Count(e => e.Id == id && !actual.Contains(e));
            var precision = tp + fp == 0 ? 1 : tp / (double)(tp + fp);
            var recall = tp + fn == 0 ? 1 : tp / (double)(tp + fn);
            output.WriteLine($"{id}  {tp,3} {fp,3} {fn,3}  {precision,9:P0}  {recall,6:P0}");
            if (precision < Target || recall < Target)
            {
                failures.Add($"{id}: precision {precision:P0}, recall {recall:P0}; false positives {string.Join(", ", actual.Where(a => a.Id == id && !expected.Contains(a)).Select(a => $"{a.File}:{a.Line}"))}; missed {string.Join(", ", expected.Where(e => e.Id == id && !actual.Contains(e)).Select(e => $"{e.File}:{e.Line}"))}");
            }
        }

        var allTp = actual.Count(expected.Contains);
        output.WriteLine($"all      {allTp,3} {actual.Count - allTp,3} {expected.Count - allTp,3}  {allTp / (double)actual.Count,9:P0}  {allTp / (double)expected.Count,6:P0}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(string path)
    {
        var text = await File.ReadAllTextAsync(path);
        var tree = CSharpSyntaxTree.ParseText(text, path: path);
        var kind = tree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.GlobalStatementSyntax>().Any() ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
        var compilation = CSharpCompilation.Create(Path.GetFileNameWithoutExtension(path), [tree], TestReferences.All, new CSharpCompilationOptions(kind));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"{Path.GetFileName(path)} does not compile: {string.Join("; ", errors.Take(5))}");

        var analyzers = typeof(RuleDescriptor).Assembly.GetTypes()
            .Where(t => t.Namespace == "OpenModel.Analyzers.Rules.Security" && !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
    }

    [GeneratedRegex(@"\b(?<kind>expect|ok): (?<ids>OM\d{4}(?:\s*,\s*OM\d{4})*)")]
    private static partial Regex Label();
}
