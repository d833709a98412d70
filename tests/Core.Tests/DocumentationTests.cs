using System.Text.RegularExpressions;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>Every diagnostic ID the build and the CLI can emit is in the catalogue and has its page.</summary>
public partial class DocumentationTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    public static TheoryData<string> EmittedIds()
    {
        var ids = new[] { "src/Core", "src/Cli", "src/Sdk/Tasks" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(RepoRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(file => QuotedId().Matches(File.ReadAllText(file)).Select(m => m.Groups["id"].Value))
            .Distinct()
            .Order();
        return new TheoryData<string>(ids);
    }

    [Theory]
    [MemberData(nameof(EmittedIds))]
    public void Emitted_id_is_catalogued_and_documented(string id)
    {
        var catalogue = File.ReadAllText(Path.Combine(RepoRoot, "docs", "rules", "README.md"));
        var page = Path.Combine(RepoRoot, "docs", "rules", id + ".md");

        Assert.Matches($@"(?m)^\| {id} \| ", catalogue);
        Assert.True(File.Exists(page), $"{page} is missing");
        var text = File.ReadAllText(page);
        Assert.StartsWith($"# {id}: ", text);
        foreach (var section in new[] { "## Cause", "## Why it matters", "## How to fix", "## When to suppress", "## Example" })
        {
            Assert.Contains(section, text);
        }
    }

    [GeneratedRegex("\"(?<id>OM\\d{4})\"")]
    private static partial Regex QuotedId();

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
