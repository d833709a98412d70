using System.Text.Json;
using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using Xunit;

namespace OpenModel.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("openmodel-cli-").FullName;

    [Fact]
    public void Verify_passes_when_every_artifact_matches()
    {
        var bom = WriteBom("release.json", ("models/a.onnx", "weights", "MIT"), ("data/train.csv", "a,b", "CC0-1.0"));

        var (exit, output, _) = Run("verify", bom, "--root", _project);

        Assert.Equal(0, exit);
        Assert.Contains("verified  models/a.onnx  sha256:", output);
        Assert.EndsWith("2 verified, 0 failed" + Environment.NewLine, output);
    }

    [Fact]
    public void Verify_fails_with_OM3002_for_a_swapped_file_and_OM3001_for_a_missing_one()
    {
        var bom = WriteBom("release.json", ("models/a.onnx", "weights", "MIT"), ("data/train.csv", "a,b", "CC0-1.0"));
        File.WriteAllText(Path.Combine(_project, "models", "a.onnx"), "poisoned");
        File.Delete(Path.Combine(_project, "data", "train.csv"));

        var (exit, output, _) = Run("verify", bom, "--root", _project);

        Assert.Equal(1, exit);
        Assert.Contains("models/a.onnx: error OM3002: a has SHA-256 ", output);
        Assert.Contains("data/train.csv: error OM3001: train is listed in the AI-BOM but not found", output);
        Assert.Contains("0 verified, 2 failed", output);
    }

    [Fact]
    public void Unreadable_bom_is_OM3008_and_exit_code_2()
    {
        var path = Path.Combine(_project, "broken.json");
        File.WriteAllText(path, "{ \"bomFormat\": ");

        var (exit, _, error) = Run("verify", path);

        Assert.Equal(2, exit);
        Assert.Contains($"{path}: error OM3008: the AI-BOM cannot be read", error);
    }

    [Fact]
    public void Diff_lists_added_removed_and_changed_artifacts_and_licences()
    {
        var before = WriteBom("old.json", ("models/a.onnx", "v1", "MIT"), ("data/old.csv", "x", "CC0-1.0"));
        var after = WriteBom("new.json", ("models/a.onnx", "v2", "Apache-2.0"), ("data/new.csv", "y", "CC-BY-4.0"));

        var (exit, output, _) = Run("diff", before, after);

        Assert.Equal(1, exit);
        Assert.Equal(
            new[]
            {
                "+ dataset  new (CC-BY-4.0)",
                "- dataset  old (CC0-1.0)",
                "~ model    a hash: sha-256:" + Sha("v1") + " -> sha-256:" + Sha("v2"),
                "~ model    a licence: MIT -> Apache-2.0",
                "4 difference(s)",
            },
            output.TrimEnd().Split(Environment.NewLine));
    }

    [Fact]
    public void Diff_of_identical_boms_is_clean_and_json_is_structured()
    {
        var bom = WriteBom("a.json", ("models/a.onnx", "v1", "MIT"));
        var other = WriteBom("b.json", ("models/a.onnx", "v1", "MIT"), ("models/b.onnx", "v2", "MIT"));

        var same = Run("diff", bom, bom);
        var json = Run("diff", bom, other, "--format", "json");

        Assert.Equal((0, "no differences"), (same.Exit, same.Output.Trim()));
        Assert.Equal(1, json.Exit);
        var change = Assert.Single(JsonDocument.Parse(json.Output).RootElement.EnumerateArray());
        Assert.Equal(("added", "model", "b"), (change.GetProperty("kind").GetString(), change.GetProperty("category").GetString(), change.GetProperty("name").GetString()));
    }

    [Fact]
    public void Report_prints_the_openness_of_the_BOM_as_Markdown_or_HTML()
    {
        var bom = WriteBom("release.json", ("models/a.onnx", "weights", "MIT"));

        var markdown = Run("report", bom);
        var html = Run("report", bom, "--format", "html");

        Assert.Equal(0, markdown.Exit);
        Assert.StartsWith("# Openness report: App 1.0.0", markdown.Output);
        Assert.Contains("## Model a: None (Class III=", markdown.Output);
        Assert.Contains("| a | model | ", markdown.Output);
        Assert.Equal(0, html.Exit);
        Assert.StartsWith("<!DOCTYPE html>", html.Output);
    }

    [Fact]
    public void Report_of_a_BOM_without_openness_results_is_OM3008()
    {
        var path = Path.Combine(_project, "plain.json");
        File.WriteAllText(path, """{ "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "metadata": {} }""");

        var (exit, _, error) = Run("report", path);

        Assert.Equal(2, exit);
        Assert.Contains("error OM3008: the AI-BOM has no openness results", error);
    }

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>A real AI-BOM, made by OpenModel.Core from files written here.</summary>
    private string WriteBom(string name, params (string Path, string Content, string License)[] artifacts)
    {
        foreach (var artifact in artifacts)
        {
            var path = Path.Combine(_project, artifact.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, artifact.Content);
        }

        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _project },
            Artifacts = artifacts.Select(a => new ArtifactDeclaration(
                a.Path.StartsWith("data/") ? ArtifactKind.Dataset : ArtifactKind.Model,
                a.Path,
                new Dictionary<string, string> { ["LicenseExpression"] = a.License },
                _project)).ToList(),
        };
        var bomPath = Path.Combine(_project, "bin", name);
        Directory.CreateDirectory(Path.GetDirectoryName(bomPath)!);
        File.WriteAllBytes(bomPath, BomSerializer.Serialize(AIBomBuilder.Build(request, Path.Combine(_project, "App.csproj")).Bom));
        return bomPath;
    }

    private static string Sha(string content) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(content)));
}
