using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

public sealed class ReviewReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-review-").FullName;

    [Fact]
    public void Review_since_the_previous_release_lists_changes_then_the_whole_inventory()
    {
        var before = WriteBom("old.json", ("models/a.onnx", "v1", "MIT"));
        var after = WriteBom("new.json", ("models/a.onnx", "v2", "Apache-2.0"), ("data/train.csv", "x", "CC0-1.0"));

        var (exit, output, _) = Run("report", after, "--since", before);

        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("# AI-BOM review: App 1.0.0", lines[0]);
        Assert.True(lines.IndexOf("## Changes since the previous release") < lines.IndexOf("## Models"));
        Assert.Contains("| added | dataset | train |  |  | (CC0-1.0) |", lines);
        Assert.True(lines.Any(l => l.StartsWith("| changed | model | a | hash | sha-256:", StringComparison.Ordinal)), output);
        Assert.Contains("| changed | model | a | licence | MIT | Apache-2.0 |", lines);
        Assert.True(lines.Any(l => l.StartsWith("| a | not declared | Apache-2.0 | sha-256:", StringComparison.Ordinal) && l.EndsWith("| error |", StringComparison.Ordinal)), output); // "v2" is no ONNX file: the inspection verdict shows it
        Assert.Contains("## Code load sites", lines);
        Assert.Contains("## Security findings", lines);
    }

    [Fact]
    public void Review_as_HTML_escapes_and_an_unreadable_previous_BOM_is_exit_code_2()
    {
        var bom = WriteBom("new.json", ("models/<b>.onnx", "v1", "MIT"));
        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "{");

        var html = Run("report", bom, "--view", "review", "--format", "html");
        var unreadable = Run("report", bom, "--since", broken);

        Assert.Equal(0, html.Exit);
        Assert.StartsWith("<!DOCTYPE html>", html.Output);
        Assert.Contains("&lt;b&gt;", html.Output);
        Assert.DoesNotContain("<td><b>", html.Output);
        Assert.Equal(2, unreadable.Exit);
        Assert.Contains($"{broken}: error OM3008", unreadable.Error);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteBom(string name, params (string Path, string Content, string License)[] artifacts) =>
        Cli.WriteBom(_dir, Path.Combine(_dir, name), artifacts);
}
