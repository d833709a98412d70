using System.Text.RegularExpressions;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>Every diagnostic ID the build and the CLI can emit is in the catalogue and has its page.</summary>
public partial class DocumentationTests
{
    public static TheoryData<string> EmittedIds()
    {
        var ids = new[] { "src/Core", "src/Cli", "src/Sdk/Tasks" }
            .SelectMany(folder => Directory.GetFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
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
        Assert.Matches($@"(?m)^\| {id} \| ", Repository.Catalogue);
        Repository.AssertRulePage(id);
    }

    [GeneratedRegex("\"(?<id>OM\\d{4})\"")]
    private static partial Regex QuotedId();
}
