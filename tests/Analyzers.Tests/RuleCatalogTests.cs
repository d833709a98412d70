using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>Every shipped diagnostic agrees with the catalogue (docs/rules/README.md), has its page and is release-tracked.</summary>
public partial class RuleCatalogTests
{
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

        Assert.Equal($"https://github.com/openmodel-sdk/openmodel-sdk/blob/main/docs/rules/{id}.md", descriptor.HelpLinkUri);
        Repository.AssertRulePage(id, descriptor.Title.ToString());
    }

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_is_release_tracked(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        var unshipped = File.ReadAllText(Path.Combine(Repository.Root, "src", "Analyzers", "AnalyzerReleases.Unshipped.md"));

        Assert.Matches($@"(?m)^{id} \| {Regex.Escape(descriptor.Category)} \| {descriptor.DefaultSeverity} \|", unshipped);
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(Rules.RuleDescriptor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);

    private static Dictionary<string, (string Title, DiagnosticSeverity Severity)> CatalogueRows()
    {
        var rows = new Dictionary<string, (string, DiagnosticSeverity)>();
        foreach (Match match in CatalogueRow().Matches(Repository.Catalogue))
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
}
