using Xunit;

namespace OpenModel.Tests.Shared;

/// <summary>The repository the tests run from, and the checks every rule page must pass.</summary>
internal static class Repository
{
    public static readonly string Root = FindRoot();

    public static string RulePage(string id) => Path.Combine(Root, "docs", "rules", id + ".md");

    public static string Catalogue => File.ReadAllText(Path.Combine(Root, "docs", "rules", "README.md"));

    /// <summary>The page exists, starts with the ID and title, and has every section the catalogue promises.</summary>
    public static void AssertRulePage(string id, string? title = null)
    {
        var page = RulePage(id);
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith(title is null ? $"# {id}: " : $"# {id}: {title}", text);
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
}
