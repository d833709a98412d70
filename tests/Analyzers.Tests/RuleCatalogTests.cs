using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>
/// Every shipped diagnostic agrees with the catalogue (docs/rules/README.md), has its page and is release-tracked; every
/// ID in RuleIdentifiers is a shipped descriptor, and the rule, its fix and its tests are found by the ID.
/// </summary>
public class RuleCatalogTests
{
    public static TheoryData<string> DiagnosticIds() => new(Descriptors().Select(d => d.Id).Distinct());

    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Descriptor_matches_the_catalogue(string id)
    {
        var descriptor = Descriptors().First(d => d.Id == id);
        Assert.True(Repository.CatalogueRows().TryGetValue(id, out var row), $"{id} is not in docs/rules/README.md");

        Assert.Equal(row.Title, descriptor.Title.ToString());
        Assert.Equal(row.Severity, descriptor.DefaultSeverity.ToString().ToLowerInvariant());
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

    [Fact]
    public void Every_rule_identifier_is_a_shipped_descriptor_and_each_descriptor_one_identifier()
    {
        var identifiers = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(identifiers.Order(), Descriptors().Select(d => d.Id).Distinct().Order());
        Assert.Equal(identifiers.Count, identifiers.Distinct().Count());
    }

    /// <summary>
    /// A rule is found by its ID: its descriptor lives in Rules/…/OMxxxx*.cs, a fix in OMxxxx*CodeFix.cs (a fix for several
    /// rules is named by the first), its tests in a class OMxxxxTests. Only rule files are in Rules/.
    /// </summary>
    [Theory]
    [MemberData(nameof(DiagnosticIds))]
    public void Rule_file_and_tests_are_named_by_the_ID(string id)
    {
        var rules = Path.Combine(Repository.Root, "src", "Analyzers", "Rules");

        Assert.Single(Directory.GetFiles(rules, id + "*.cs", SearchOption.AllDirectories));
        Assert.Single(typeof(RuleCatalogTests).Assembly.GetTypes(), t => t.Name == id + "Tests");
    }

    [Fact]
    public void Rules_holds_only_rule_files_and_analyzers()
    {
        var rules = Path.Combine(Repository.Root, "src", "Analyzers", "Rules");
        var others = Directory.GetFiles(rules, "*.cs", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !Regex.IsMatch(name!, @"^OM\d{4}[A-Z]") && !name!.EndsWith("Analyzer", StringComparison.Ordinal));

        Assert.Empty(others);
    }

    [Fact]
    public void Code_fixes_are_named_by_the_first_rule_they_fix()
    {
        var fixes = typeof(CodeFixes.OM1001KeepOnlyFileNameCodeFix).Assembly.GetTypes().Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t)).ToList();

        Assert.NotEmpty(fixes);
        Assert.All(fixes, fix =>
        {
            var first = ((CodeFixProvider)Activator.CreateInstance(fix)!).FixableDiagnosticIds.Order(StringComparer.Ordinal).First();
            Assert.Matches($"^{first}[A-Z][A-Za-z]*CodeFix$", fix.Name);
        });
    }

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(RuleDescriptor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
            .SelectMany(t => ((DiagnosticAnalyzer)Activator.CreateInstance(t)!).SupportedDiagnostics);
}
