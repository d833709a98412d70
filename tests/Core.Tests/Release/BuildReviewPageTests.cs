using System.Text;
using OpenModel.Core.AIBom;
using OpenModel.Core.Build;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;
using OpenModel.Core.Release;
using Xunit;

namespace OpenModel.Core.Tests.Release;

/// <summary>The build writes the reviewer page (Markdown and HTML) beside its BOM, with the same facts as <c>openmodel report --since</c>.</summary>
public sealed class BuildReviewPageTests : IDisposable
{
    private readonly TestProject _test = new();

    [Fact]
    public void The_build_writes_the_reviewer_page_with_every_section_and_the_changes_since_the_previous_BOM()
    {
        _test.WriteOnnx("models/a.onnx");
        var previous = Build(("LicenseExpression", "MIT"));
        var current = Build(("LicenseExpression", "Apache-2.0"));

        var files = BuildOutputs.Files(current, Request(previous.Bom));

        var markdown = Text(files, "App.review.md");
        var html = Text(files, "App.review.html");
        Assert.Equal(ReviewReport.Markdown(current.Bom, previous.Bom), markdown);
        Assert.Equal(ReviewReport.Html(current.Bom, previous.Bom), html);
        foreach (var section in new[] { "Changes since the previous release", "Models", "Datasets", "Model services", "Code load sites", "Security findings", "Openness", "Packages" })
        {
            Assert.Contains($"## {section}\n", markdown.ReplaceLineEndings("\n"));
            Assert.Contains($"<h2>{section}</h2>", html);
        }

        Assert.Contains("| changed | model | a | licence | MIT | Apache-2.0 |", markdown);
        Assert.Contains("<td>licence</td><td class=\"wrap\">MIT</td><td class=\"wrap\">Apache-2.0</td>", html); // a changed hash wraps in its cell
        Assert.Contains("| a | not declared | Apache-2.0 | sha-256:", markdown);
        Assert.True(markdown.Contains("| class | ", StringComparison.Ordinal), markdown); // the BOM's openness results
        Assert.Contains(files, f => Path.GetFileName(f.Path) == "App.openness.html");
    }

    [Fact]
    public void Without_a_previous_BOM_the_page_has_no_changes_section_and_without_a_path_none_is_written()
    {
        _test.WriteOnnx("models/a.onnx");
        var result = Build(("LicenseExpression", "MIT"));

        var markdown = Text(BuildOutputs.Files(result, Request(null)), "App.review.md");
        var none = BuildOutputs.Files(result, Request(null) with { ReviewPath = null });

        Assert.DoesNotContain("Changes since the previous release", markdown);
        Assert.Contains("## Models", markdown);
        Assert.DoesNotContain(none, f => f.Path.Contains(".review.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_previous_BOM_that_is_not_a_regular_CycloneDX_file_is_OM3008_naming_it()
    {
        var missing = Path.Combine(_test.Directory, "old.aibom.cdx.json");
        var notBom = _test.Write("other.json", "{ \"spdxVersion\": \"SPDX-2.3\" }");
        var broken = _test.Write("broken.json", "{");

        Assert.Null(BomReader.TryRead(missing, out var absent));
        Assert.Null(BomReader.TryRead(notBom, out var other));
        Assert.Null(BomReader.TryRead(broken, out var invalid));
        Assert.Null(BomReader.TryRead(_test.Directory, out var folder));

        Assert.All(new[] { absent, other, invalid, folder }, d => Assert.Equal("OM3008", d!.Id));
        Assert.Equal(missing, absent!.File);
        Assert.Equal(notBom, other!.File);
        Assert.Contains("is not a CycloneDX BOM", other.Message);
        Assert.Equal(broken, invalid!.File);
        Assert.Contains("cannot be read", folder!.Message);
    }

    public void Dispose() => _test.Dispose();

    private OutputRequest Request(Bom? previous) => new()
    {
        ProjectName = "App",
        BomPath = Path.Combine(_test.Directory, "bin", "App.aibom.cdx.json"),
        ReportPath = Path.Combine(_test.Directory, "bin", "App.openness.md"),
        ReviewPath = Path.Combine(_test.Directory, "bin", "App.review.md"),
        Previous = previous,
    };

    private static string Text(IReadOnlyList<OutputFile> files, string name) =>
        Encoding.UTF8.GetString(Assert.Single(files, f => Path.GetFileName(f.Path) == name).Content);

    private AIBomResult Build(params (string, string)[] metadata) => AIBomBuilder.Build(
        new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _test.Directory, LicenseExpression = "MIT" },
            Artifacts = [_test.Model("models/a.onnx", metadata)],
            SourceDateEpoch = "1767225600",
            ToolVersion = "1.0.0",
        },
        _test.ProjectFile);
}
