using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Release.Compliance;
using Xunit;

using static OpenModel.Cli.Tests.Cli;

namespace OpenModel.Cli.Tests;

public sealed class MergeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-merge-").FullName;

    [Fact]
    public void Three_projects_sharing_a_model_merge_into_one_product_with_the_model_once()
    {
        var boms = new[] { "Api", "Worker", "Batch" }.Select(p => WriteProject(p, "same weights")).ToArray();
        var output = Path.Combine(_dir, "product.cdx.json");

        var (exit, text, error) = Run(["merge", .. boms, "-o", output, "--name", "Shop", "--version", "3.1.0"]);

        Assert.True(exit == 0, error);
        Assert.Equal(string.Empty, error);
        Assert.Contains("3 BOMs", text);
        var bom = BomSerializer.Deserialize(File.ReadAllBytes(output));
        Assert.Equal(("Shop", "3.1.0"), (bom.Metadata.Component!.Name, bom.Metadata.Component.Version));
        var model = Assert.Single(bom.Components!, c => c.Type == "machine-learning-model");
        foreach (var project in new[] { "Api", "Worker", "Batch" })
        {
            Assert.Contains(model.BomRef!, bom.Dependencies!.Single(d => d.Ref == $"pkg:nuget/{project}@1.0.0").DependsOn!);
        }

        Assert.Empty(BomSemanticValidator.Validate(bom));
    }

    [Fact]
    public void A_conflict_is_printed_as_OM6001_and_an_unreadable_BOM_is_exit_code_2()
    {
        var api = WriteProject("Api", "weights v1");
        var worker = WriteProject("Worker", "weights v2");
        var broken = Path.Combine(_dir, "broken.json");
        File.WriteAllText(broken, "[");

        var conflict = Run(["merge", api, worker, "-o", Path.Combine(_dir, "p.json"), "--name", "P"]);
        var unreadable = Run(["merge", api, broken, "-o", Path.Combine(_dir, "q.json"), "--name", "P"]);

        Assert.Equal(0, conflict.Exit);
        Assert.Contains($"{worker}: warning OM6001: model 'shared' has SHA-256:", conflict.Error);
        Assert.Equal(2, unreadable.Exit);
        Assert.Contains($"{broken}: error OM3008", unreadable.Error);
        Assert.False(File.Exists(Path.Combine(_dir, "q.json")));
    }

    [Fact]
    public void Spec_version_1_7_keeps_the_projects_citations_and_1_6_writes_none()
    {
        var boms = new[] { "Api", "Worker" }.Select(p => WriteProject(p, "same weights", "1.7")).ToArray();
        var v17 = Path.Combine(_dir, "product17.cdx.json");
        var v16 = Path.Combine(_dir, "product16.cdx.json");

        var (exit, _, error) = Run(["merge", .. boms, "-o", v17, "--name", "Shop", "--spec-version", "1.7"]);
        var plain = Run(["merge", .. boms, "-o", v16, "--name", "Shop"]);
        var unknown = Run(["merge", .. boms, "-o", Path.Combine(_dir, "x.json"), "--name", "Shop", "--spec-version", "1.5"]);

        Assert.True(exit == 0, error);
        var merged = BomSerializer.Deserialize(File.ReadAllBytes(v17));
        Assert.Equal("1.7", merged.SpecVersion);
        var model = Assert.Single(merged.Components!, c => c.Type == "machine-learning-model");
        Assert.Contains(merged.Citations!, c => c.Expressions!.Single() == $"$.components[?(@['bom-ref']=='{model.BomRef}')].hashes");
        Assert.Equal(0, plain.Exit);
        var old = BomSerializer.Deserialize(File.ReadAllBytes(v16));
        Assert.Equal("1.6", old.SpecVersion);
        Assert.Null(old.Citations);
        Assert.NotEqual(0, unknown.Exit);
    }

    [Fact]
    public void Check_on_the_merged_BOM_reports_what_every_project_withholds_as_withheld()
    {
        var boms = new[] { "Api", "Worker" }.Select(p => WriteProject(p, "same weights")).ToArray();
        foreach (var path in boms)
        {
            // What a build with AIBomComplianceProfiles=g7-ai and AIBomInfrastructureHardware=withheld writes.
            var bom = BomSerializer.Deserialize(File.ReadAllBytes(path));
            ComplianceFacts.Apply(bom, [ComplianceProfiles.G7Ai], null, new DeclaredInfrastructure([], [DeclaredInfrastructure.Withheld], Path.GetFileName(path)));
            File.WriteAllBytes(path, BomSerializer.Serialize(bom));
        }

        var output = Path.Combine(_dir, "product.cdx.json");
        var merge = Run(["merge", .. boms, "-o", output, "--name", "Shop"]);
        var (exit, text, error) = Run(["check", output, "--profile", "g7-ai", "--format", "json"]);

        Assert.True(merge.Exit == 0, merge.Error);
        Assert.DoesNotContain("OM6009", merge.Error + merge.Output, StringComparison.Ordinal);
        Assert.True(exit is 0 or 1, error);
        var elements = System.Text.Json.JsonDocument.Parse(text).RootElement[0].GetProperty("elements").EnumerateArray().ToDictionary(e => e.GetProperty("id").GetString()!, e => e.GetProperty("status").GetString());
        Assert.Equal("withheld", elements["OM6215"]);
        Assert.Equal("unknown", elements["OM6201"]);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteProject(string name, string weights, string specVersion = "1.6")
    {
        var project = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(project, "models"));
        File.WriteAllText(Path.Combine(project, "models", "shared.onnx"), weights);
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = name, Directory = project },
            Artifacts = [new ArtifactDeclaration(ArtifactKind.Model, "models/shared.onnx", new Dictionary<string, string> { ["LicenseExpression"] = "MIT" }, project)],
            SpecVersion = specVersion,
        };
        var path = Path.Combine(project, name + ".aibom.cdx.json");
        File.WriteAllBytes(path, BomSerializer.Serialize(AIBomBuilder.Build(request, Path.Combine(project, name + ".csproj")).Bom));
        return path;
    }
}
