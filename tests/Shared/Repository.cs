using System.Text.RegularExpressions;
using Xunit;

namespace OpenModel.Tests.Shared;

/// <summary>The repository the tests run from, and the checks every rule page must pass.</summary>
internal static partial class Repository
{
    public static readonly string Root = FindRoot();

    public static string RulePage(string id) => Path.Combine(Root, "docs", "rules", id + ".md");

    public static string Catalogue => File.ReadAllText(Path.Combine(Root, "docs", "rules", "README.md"));

    /// <summary>
    /// The rows of docs/rules/README.md: ID → title (code marks removed, as descriptors have none) and the first word of
    /// the default column (error, warning or info; "warning (error if untrusted)" is a warning).
    /// </summary>
    public static IReadOnlyDictionary<string, (string Title, string Severity)> CatalogueRows()
    {
        var rows = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (Match match in CatalogueRow().Matches(Catalogue))
        {
            var cells = match.Value.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            Assert.False(rows.ContainsKey(cells[0]), $"{cells[0]} has two rows in docs/rules/README.md");
            rows[cells[0]] = (cells[1].Replace("`", string.Empty), cells[^1].Split(' ')[0]);
        }

        return rows;
    }

    /// <summary>The page exists, starts with the ID and title, and has every section the catalogue promises.</summary>
    public static void AssertRulePage(string id, string? title = null)
    {
        var page = RulePage(id);
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith(title is null ? $"# {id}: " : $"# {id}: {title}", text.Replace("`", string.Empty));
        foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## When to suppress", "## Example" })
        {
            Assert.Contains(section, text);
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "OpenModelSdk.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("OpenModelSdk.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"(?m)^\| OM\d{4} \|.*\|\s*$")]
    private static partial Regex CatalogueRow();
}
