using System.Reflection;
using System.Text.RegularExpressions;
using OpenModel.Analyzers;
using OpenModel.Core.Diagnostics;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>
/// The build rules (BuildRules) and the analyzers' IDs (RuleIdentifiers) are the only places an ID is written; every rule
/// has its row in docs/rules/README.md with the same title and severity, and its page; every row is a rule.
/// </summary>
public partial class RuleCatalogueTests
{
    private static readonly string[] Catalogues =
    [
        Path.Combine("src", "Core", "Diagnostics", "BuildRules.cs"),
        Path.Combine("src", "Analyzers", "RuleIdentifiers.cs"),
    ];

    public static TheoryData<string> BuildRuleIds() => new(BuildRules.All.Select(r => r.Id));

    [Fact]
    public void Build_rules_are_unique_and_in_the_build_ranges()
    {
        Assert.Equal(60, BuildRules.All.Count);
        Assert.Equal(BuildRules.All.Count, BuildRules.All.Select(r => r.Id).Distinct().Count());
        Assert.All(BuildRules.All, r => Assert.Matches(@"^OM[3-6]\d{3}$", r.Id));
        Assert.All(BuildRules.All, r => Assert.Same(r, BuildRules.Find(r.Id.ToLowerInvariant())));
    }

    [Theory]
    [MemberData(nameof(BuildRuleIds))]
    public void Build_rule_has_its_catalogue_row_and_page(string id)
    {
        var rule = BuildRules.Find(id)!;
        Assert.True(Repository.CatalogueRows().TryGetValue(id, out var row), $"{id} has no row in docs/rules/README.md");

        Assert.Equal(row.Title, rule.Title);
        Assert.Equal(row.Severity, rule.DefaultLevel.ToString().ToLowerInvariant());
        Assert.Equal($"https://github.com/openmodel-sdk/openmodel-sdk/blob/main/docs/rules/{id}.md", rule.HelpLink);
        Repository.AssertRulePage(id, rule.Title);
        var page = File.ReadAllText(Repository.RulePage(id));
        Assert.Matches($@"(?m)^\| Category \| {Regex.Escape(rule.Category)}\b", page);
        Assert.Matches($@"(?m)^\| Default severity \| {rule.DefaultLevel}\b", page);
    }

    [Fact]
    public void Every_catalogue_row_is_a_rule_and_every_analyzer_id_has_a_row()
    {
        var analyzerIds = typeof(RuleIdentifiers).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var rows = Repository.CatalogueRows();

        Assert.Equal(analyzerIds.Count, analyzerIds.Distinct().Count());
        Assert.DoesNotContain(rows.Keys, id => BuildRules.Find(id) is null && !analyzerIds.Contains(id));
        Assert.DoesNotContain(analyzerIds, id => !rows.ContainsKey(id));
        Assert.All(analyzerIds, id => Repository.AssertRulePage(id));
    }

    /// <summary>
    /// An ID written out ("OM3001", or a hand-formatted "error OM3001:") is a rule whose severity and title the site
    /// chooses itself; emitters name a rule from a catalogue instead. Comments may mention IDs.
    /// </summary>
    [Fact]
    public void No_rule_id_is_written_outside_the_catalogues()
    {
        var offenders = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && !Catalogues.Any(c => file.EndsWith(c, StringComparison.Ordinal)))
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(x => !x.line.TrimStart().StartsWith("//", StringComparison.Ordinal) && WrittenId().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(Repository.Root, x.file)}({x.index + 1}): {x.line.Trim()}")
            .ToList();

        Assert.Empty(offenders);
    }

    /// <summary>
    /// The MSBuild files emit no rule of their own: a <c>Warning Code="OM…"</c> in a .targets file chooses its own severity,
    /// out of reach of OpenModelDiagnosticSeverity; a task reports it through the catalogue instead. XML comments may
    /// mention IDs.
    /// </summary>
    [Fact]
    public void No_rule_id_is_written_in_the_MSBuild_files()
    {
        var offenders = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(file) && Path.GetExtension(file) is ".targets" or ".props" or ".xaml" or ".csproj")
            .SelectMany(file => MsBuildIds(File.ReadAllText(file)).Select(id => $"{Path.GetRelativePath(Repository.Root, file)}: {id}"))
            .ToList();

        Assert.True(offenders.Count == 0, "rule IDs written in MSBuild files:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_MSBuild_literal_check_sees_an_emitted_id_and_skips_comments()
    {
        Assert.Equal(["OM6006"], MsBuildIds("<!-- OM6008 is the task's -->\n<Warning Code=\"OM6006\" Text=\"no BOM\" />\n<!--\n  multi-line OM3001\n-->"));
        Assert.Empty(MsBuildIds("<AttestAIBom DiagnosticSeverity=\"$(OpenModelDiagnosticSeverity)\" /> <!-- OM6008 -->"));
    }

    [Fact]
    public void The_literal_check_sees_both_forms()
    {
        Assert.Matches(WrittenId(), "diagnostics.Add(\"OM3001\", DiagnosticLevel.Error, message);");
        Assert.Matches(WrittenId(), "error.WriteLine($\"{file}: error OM3008: the AI-BOM cannot be read\");");
        Assert.DoesNotMatch(WrittenId(), "internal static class OM1001UntrustedModelPath");
        Assert.DoesNotMatch(WrittenId(), "diagnostics.Add(BuildRules.ArtifactNotFound, message);");
    }

    private static bool IsBuildOutput(string file) =>
        file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
        || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

    [GeneratedRegex(@"""OM\d{4}""|\b(?:error|warning|info) OM\d{4}\b")]
    private static partial Regex WrittenId();

    private static List<string> MsBuildIds(string xml) =>
        MsBuildId().Matches(XmlComment().Replace(xml, string.Empty)).Select(m => m.Value).ToList();

    [GeneratedRegex(@"\bOM\d{4}\b")]
    private static partial Regex MsBuildId();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex XmlComment();
}
