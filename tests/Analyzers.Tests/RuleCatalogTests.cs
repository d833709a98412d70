using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>Every shipped diagnostic agrees with the catalogue (docs/rules/README.md), has its page and is release-tracked.</summary>
public partial class RuleCatalogTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> DiagnosticIds() => new(Descriptors().Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_matches_the_catalogue(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.True(CatalogueRows().TryGetValue(id, out var row), $"{id} is not in docs/rules/README.md");

        Assert.Equal(row.Title, descriptor.Title.ToString());
        Assert.Equal(row.Severity, descriptor.DefaultSeverity);
        Assert.True(descriptor.IsEnabledByDefault);
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_has_a_help_page_with_every_section(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        var page = Path.Combine(RepoRoot, "docs", "rules", id + ".md");

        Assert.Equal($"https://github.com/openmodel-sdk/openmodel-sdk/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: {descriptor.Title}", text);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## When to suppress", "## Example" })
        {
            Assert.Contains(section, text);
        }
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_is_release_tracked(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        var unshipped = File.ReadAllText(Path.Combine(RepoRoot, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Matches($@"(?m)^{id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", unshipped);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(Rules.RuleDescriptor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    private static Dictionary<string, (string Title, DiagnosticSeverity Severity)> CatalogueRows()
    {
        var rows = new Dictionary<string, (string, DiagnosticSeverity)>();
        foreach (Match match in CatalogueRow().Matches(File.ReadAllText(Path.Combine(RepoRoot, "docs", "rules", "README.md"))))
        {
            var cells = match.Value.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            var severity = cells[^1].Split(' ')[0] switch
            {
                "error" => DiagnosticSeverity.Error,
                "warning" => DiagnosticSeverity.Warning,
                "info" => DiagnosticSeverity.Info,
                var other => throw new InvalidOperationException($"unknown severity '{other}' for {cells[0]}"),
            };
            rows[cells[0]] = (cells[1].Replace("`", string.Empty), severity);
        }

        return rows;
    }

    [GeneratedRegex(@"(?m)^\| OM\d{4} \|.*\|\s*$")]
    private static partial Regex CatalogueRow();

    private static string FindRepoRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenModelSdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
