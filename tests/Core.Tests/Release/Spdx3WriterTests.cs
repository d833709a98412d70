using System.Text.Json;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Spdx;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Release;

public sealed class Spdx3WriterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-spdx-").FullName;

    [Fact]
    public void AI_BOM_as_SPDX_3_0_1_is_valid_against_the_official_schema_with_AI_and_dataset_profiles()
    {
        var (bom, spdx) = Write();

        var errors = Spdx3Schema.Validate(spdx);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        using var document = JsonDocument.Parse(spdx);
        var graph = document.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var model = graph.Single(e => e.GetProperty("type").GetString() == "ai_AIPackage");
        var dataset = graph.Single(e => e.GetProperty("type").GetString() == "dataset_DatasetPackage");
        Assert.Equal("scorer", model.GetProperty("name").GetString());
        Assert.Equal(bom.Components!.Single(c => c.Type == "machine-learning-model").Hashes![0].Content, model.GetProperty("verifiedUsing")[0].GetProperty("hashValue").GetString());
        Assert.Equal("sha256", model.GetProperty("verifiedUsing")[0].GetProperty("algorithm").GetString());
        string Relationship(string type) => graph.Single(e => e.GetProperty("type").GetString() == "Relationship" && e.GetProperty("relationshipType").GetString() == type && e.GetProperty("from").GetString() == model.GetProperty("spdxId").GetString()).GetProperty("to")[0].GetString()!;
        Assert.Equal(dataset.GetProperty("spdxId").GetString(), Relationship("trainedOn"));
        Assert.Equal(dataset.GetProperty("spdxId").GetString(), Relationship("testedOn"));
        Assert.Equal("Apache-2.0", Licence(graph, model));
        Assert.Equal("CC-BY-4.0", Licence(graph, dataset));
        Assert.Contains(document.RootElement.GetProperty("@graph")[3].GetProperty("profileConformance").EnumerateArray(), p => p.GetString() == "ai");
    }

    [Fact]
    public void Schema_validation_catches_a_wrong_property_so_the_test_can_fail()
    {
        var (_, spdx) = Write();
        var broken = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(spdx).Replace("\"software_packageVersion\"", "\"packageVersion\"", StringComparison.Ordinal));

        Assert.NotEmpty(Spdx3Schema.Validate(broken));
    }

    [Fact]
    public void A_remote_model_service_is_an_AI_package_supplied_by_its_provider_with_its_endpoint_licence_and_edge()
    {
        var (bom, spdx) = Write(new ArtifactDeclaration(ArtifactKind.Model, "openai:gpt-4o", new Dictionary<string, string> { ["Access"] = "Api", ["Version"] = "2024-08-06", ["LicenseExpression"] = "LicenseRef-OpenAI-Terms" }, _dir));

        var errors = Spdx3Schema.Validate(spdx);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        using var document = JsonDocument.Parse(spdx);
        var graph = document.RootElement.GetProperty("@graph").EnumerateArray().ToList();
        var service = graph.Single(e => e.GetProperty("type").GetString() == "ai_AIPackage" && e.GetProperty("name").GetString() == "openai:gpt-4o");
        Assert.Equal("2024-08-06", service.GetProperty("software_packageVersion").GetString());
        Assert.Equal("model", service.GetProperty("software_primaryPurpose").GetString());
        Assert.Equal("https://api.openai.com/v1", service.GetProperty("externalRef")[0].GetProperty("locator")[0].GetString());
        Assert.StartsWith("A hosted model this software calls over the network", service.GetProperty("comment").GetString());
        Assert.False(service.TryGetProperty("verifiedUsing", out _));
        var provider = graph.Single(e => e.TryGetProperty("spdxId", out var id) && id.GetString() == service.GetProperty("suppliedBy").GetString());
        Assert.Equal(("Organization", "OpenAI"), (provider.GetProperty("type").GetString(), provider.GetProperty("name").GetString()));
        Assert.Equal("LicenseRef-OpenAI-Terms", Licence(graph, service));
        var root = graph.Single(e => e.TryGetProperty("name", out var name) && name.GetString() == "App").GetProperty("spdxId").GetString();
        Assert.Contains(graph, e => e.GetProperty("type").GetString() == "Relationship" && e.GetProperty("from").GetString() == root
            && e.GetProperty("relationshipType").GetString() == "dependsOn" && e.GetProperty("to").EnumerateArray().Any(t => t.GetString() == service.GetProperty("spdxId").GetString()));
        var documentElements = graph.Single(e => e.GetProperty("type").GetString() == "SpdxDocument").GetProperty("element").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(service.GetProperty("spdxId").GetString(), documentElements);
        Assert.Contains(provider.GetProperty("spdxId").GetString(), documentElements);
        Assert.Single(bom.Services!);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Write().Spdx, Write().Spdx);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Licence(List<JsonElement> graph, JsonElement element)
    {
        var to = graph.Single(e => e.GetProperty("type").GetString() == "Relationship" && e.GetProperty("relationshipType").GetString() == "hasDeclaredLicense" && e.GetProperty("from").GetString() == element.GetProperty("spdxId").GetString()).GetProperty("to")[0].GetString();
        return graph.Single(e => e.TryGetProperty("spdxId", out var id) && id.GetString() == to).GetProperty("simplelicensing_licenseExpression").GetString()!;
    }

    private (Bom Bom, byte[] Spdx) Write(params ArtifactDeclaration[] more)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "models"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "models", "scorer.onnx"), "weights");
        File.WriteAllText(Path.Combine(_dir, "data", "train.csv"), "label,text\n");
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _dir, LicenseExpression = "MIT" },
            Artifacts =
            [
                new ArtifactDeclaration(ArtifactKind.Model, "models/scorer.onnx", new Dictionary<string, string> { ["Name"] = "scorer", ["Version"] = "2.0", ["LicenseExpression"] = "Apache-2.0", ["TrainedOn"] = "train" }, _dir),
                new ArtifactDeclaration(ArtifactKind.Dataset, "data/train.csv", new Dictionary<string, string> { ["Name"] = "train", ["LicenseExpression"] = "CC-BY-4.0", ["Usage"] = "Training;Evaluation" }, _dir),
                .. more,
            ],
        };
        var bom = AIBomBuilder.Build(request, Path.Combine(_dir, "App.csproj")).Bom;
        BomSerializer.Serialize(bom);
        return (bom, Spdx3Writer.Write(bom));
    }
}
