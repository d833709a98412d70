using System.Text.Json;
using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.Build;
using OpenModel.Core.Evidence;
using OpenModel.Core.Facts;
using OpenModel.Core.NuGet;
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
        var (result, spdx) = Write();

        var graph = Valid(spdx);
        var model = graph.Single(e => Type(e) == "ai_AIPackage");
        var dataset = graph.Single(e => Type(e) == "dataset_DatasetPackage");
        Assert.Equal("scorer", model.GetProperty("name").GetString());
        Assert.Equal(result.Bom.Components!.Single(c => c.Type == "machine-learning-model").Hashes![0].Content, model.GetProperty("verifiedUsing")[0].GetProperty("hashValue").GetString());
        Assert.Equal("sha256", model.GetProperty("verifiedUsing")[0].GetProperty("algorithm").GetString());
        Assert.Equal([Id(dataset)], Related(graph, model, "trainedOn"));
        Assert.Equal([Id(dataset)], Related(graph, model, "testedOn"));
        Assert.Equal("Apache-2.0", Licence(graph, model).GetProperty("simplelicensing_licenseExpression").GetString());
        Assert.Equal("CC-BY-4.0", Licence(graph, dataset).GetProperty("simplelicensing_licenseExpression").GetString());
        Assert.Contains(graph[3].GetProperty("profileConformance").EnumerateArray(), p => p.GetString() == "ai");
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
        var (result, spdx) = Write(new ArtifactDeclaration(ArtifactKind.Model, "openai:gpt-4o", new Dictionary<string, string> { ["Access"] = "Api", ["Version"] = "2024-08-06", ["LicenseExpression"] = "LicenseRef-OpenAI-Terms" }, _dir));

        var graph = Valid(spdx);
        var service = graph.Single(e => Type(e) == "ai_AIPackage" && e.GetProperty("name").GetString() == "openai:gpt-4o");
        Assert.Equal("2024-08-06", service.GetProperty("software_packageVersion").GetString());
        Assert.Equal("model", service.GetProperty("software_primaryPurpose").GetString());
        Assert.Equal("https://api.openai.com/v1", service.GetProperty("externalRef")[0].GetProperty("locator")[0].GetString());
        Assert.StartsWith("A hosted model this software calls over the network", service.GetProperty("comment").GetString());
        Assert.False(service.TryGetProperty("verifiedUsing", out _));
        var provider = ById(graph, service.GetProperty("suppliedBy").GetString()!);
        Assert.Equal(("Organization", "OpenAI"), (Type(provider), provider.GetProperty("name").GetString()));
        Assert.Equal("LicenseRef-OpenAI-Terms", Licence(graph, service).GetProperty("simplelicensing_licenseExpression").GetString());
        var root = graph.Single(e => e.TryGetProperty("name", out var name) && name.GetString() == "App");
        Assert.Contains(Id(service), Related(graph, root, "dependsOn"));
        var documentElements = graph.Single(e => Type(e) == "SpdxDocument").GetProperty("element").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains(Id(service), documentElements);
        Assert.Contains(Id(provider), documentElements);
        Assert.Single(result.Bom.Services!);
    }

    /// <summary>CycloneDX writes a licence that is not SPDX as a licence name; SPDX 3 as a LicenseRef with its text element.</summary>
    [Fact]
    public void A_licence_stated_only_by_name_is_a_LicenseRef_mapped_to_a_licensing_text_named_as_declared()
    {
        var (_, spdx) = Write(
            new ArtifactDeclaration(ArtifactKind.Model, "models/other.onnx", new Dictionary<string, string> { ["Name"] = "other", ["LicenseExpression"] = "Acme Research Licence 1.0" }, _dir),
            new ArtifactDeclaration(ArtifactKind.Model, "acme:chat", new Dictionary<string, string> { ["Access"] = "Api", ["LicenseExpression"] = "Acme Research Licence 1.0" }, _dir));

        var graph = Valid(spdx);
        var model = graph.Single(e => Type(e) == "ai_AIPackage" && e.GetProperty("name").GetString() == "other");
        var service = graph.Single(e => Type(e) == "ai_AIPackage" && e.GetProperty("name").GetString() == "acme:chat");
        var licence = Licence(graph, model);
        Assert.Equal("LicenseRef-Acme-Research-Licence-1.0", licence.GetProperty("simplelicensing_licenseExpression").GetString());
        Assert.Equal(Id(licence), Id(Licence(graph, service)));
        var mapping = licence.GetProperty("simplelicensing_customIdToUri").EnumerateArray().Single();
        Assert.Equal("LicenseRef-Acme-Research-Licence-1.0", mapping.GetProperty("key").GetString());
        var text = ById(graph, mapping.GetProperty("value").GetString()!);
        Assert.Equal("simplelicensing_SimpleLicensingText", Type(text));
        Assert.Equal("Acme Research Licence 1.0", text.GetProperty("name").GetString());
        Assert.Equal("Acme Research Licence 1.0", text.GetProperty("simplelicensing_licenseText").GetString());
        Assert.Contains("its text was not available to the build", text.GetProperty("comment").GetString());
        Assert.Contains(Id(text), graph.Single(e => Type(e) == "SpdxDocument").GetProperty("element").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void A_dataset_used_only_for_evaluation_is_testedOn_and_not_trainedOn()
    {
        _trainedOn = "train;holdout";
        var (_, spdx) = Write(new ArtifactDeclaration(ArtifactKind.Dataset, "data/holdout.csv", new Dictionary<string, string> { ["Name"] = "holdout", ["LicenseExpression"] = "MIT", ["Usage"] = "Evaluation" }, _dir));

        var graph = Valid(spdx);
        var model = graph.Single(e => Type(e) == "ai_AIPackage");
        string DatasetId(string name) => Id(graph.Single(e => Type(e) == "dataset_DatasetPackage" && e.GetProperty("name").GetString() == name));
        Assert.Equal([DatasetId("train")], Related(graph, model, "trainedOn"));
        Assert.Equal([DatasetId("holdout"), DatasetId("train")], Related(graph, model, "testedOn"));
    }

    /// <summary>The writer takes typed facts: a package's own licence file is written with its text, its licence URL as a reference.</summary>
    [Fact]
    public void A_package_licence_file_or_URL_is_a_LicenseRef_with_the_file_text_or_a_license_reference()
    {
        var withFile = new PackageComponent { Id = "Acme.Lib", Version = "1.2.3", LicenseFileName = "LICENSE.txt", LicenseFileText = "Acme may be used on Tuesdays only.", Sha512Hex = new string('A', 128) };
        var withUrl = new PackageComponent { Id = "Acme.Other", Version = "2.0.0", LicenseUrl = "https://acme.example/licence" };
        withFile.DependsOn.Add(withUrl.BomRef);
        var facts = new BuildFacts(
            new ProjectInfo { Name = "App", Directory = _dir, LicenseExpression = "MIT" },
            Licensing.ParsedLicense.From("MIT"),
            new ProjectDeclarations([]),
            [],
            [new PackageFacts(withFile, null), new PackageFacts(withUrl, null)],
            [withFile.BomRef],
            CodeEvidence.None);

        var graph = Valid(Spdx3Writer.Write(facts, new DocumentCreation("1.0.0", null), "urn:uuid:00000000-0000-5000-8000-000000000000"));

        var file = graph.Single(e => e.TryGetProperty("name", out var n) && n.GetString() == "Acme.Lib");
        Assert.Equal("sha512", file.GetProperty("verifiedUsing")[0].GetProperty("algorithm").GetString());
        Assert.Equal(new string('a', 128), file.GetProperty("verifiedUsing")[0].GetProperty("hashValue").GetString());
        Assert.Equal("https://www.nuget.org/packages/Acme.Lib/1.2.3", file.GetProperty("software_downloadLocation").GetString());
        var fileText = ById(graph, Licence(graph, file).GetProperty("simplelicensing_customIdToUri")[0].GetProperty("value").GetString()!);
        Assert.Equal("Acme may be used on Tuesdays only.", fileText.GetProperty("simplelicensing_licenseText").GetString());
        Assert.Equal("Acme.Lib licence (LICENSE.txt)", fileText.GetProperty("name").GetString());

        var url = graph.Single(e => e.TryGetProperty("name", out var n) && n.GetString() == "Acme.Other");
        var urlText = ById(graph, Licence(graph, url).GetProperty("simplelicensing_customIdToUri")[0].GetProperty("value").GetString()!);
        Assert.Equal("https://acme.example/licence", urlText.GetProperty("externalRef")[0].GetProperty("locator")[0].GetString());
        Assert.Equal("license", urlText.GetProperty("externalRef")[0].GetProperty("externalRefType").GetString());
        Assert.Equal([Id(url)], Related(graph, file, "dependsOn"));
        var root = graph.Single(e => e.TryGetProperty("name", out var n) && n.GetString() == "App");
        Assert.Equal([Id(file)], Related(graph, root, "dependsOn"));
        Assert.Equal("MIT", Licence(graph, root).GetProperty("simplelicensing_licenseExpression").GetString());
    }

    [Fact]
    public void A_custom_licence_never_takes_a_LicenseRef_a_stated_expression_uses()
    {
        var (_, spdx) = Write(
            new ArtifactDeclaration(ArtifactKind.Model, "models/other.onnx", new Dictionary<string, string> { ["Name"] = "other", ["LicenseExpression"] = "LicenseRef-Gemma" }, _dir),
            new ArtifactDeclaration(ArtifactKind.Model, "models/third.onnx", new Dictionary<string, string> { ["Name"] = "third", ["LicenseExpression"] = "Gemma" }, _dir));

        var graph = Valid(spdx);
        string Expression(string name) => Licence(graph, graph.Single(e => e.TryGetProperty("name", out var n) && n.GetString() == name)).GetProperty("simplelicensing_licenseExpression").GetString()!;
        Assert.Equal("LicenseRef-Gemma", Expression("other"));
        Assert.Equal("LicenseRef-Gemma-2", Expression("third"));
        Assert.Equal(graph.Count, graph.Select(e => e.TryGetProperty("spdxId", out var id) ? id.GetString() : e.GetProperty("@id").GetString()).Distinct().Count());
    }

    [Fact]
    public void Output_is_deterministic()
    {
        Assert.Equal(Write().Spdx, Write().Spdx);
    }

    /// <summary>The sample's SPDX came from the CycloneDX BOM before; now from the facts. This pins the facts' way.</summary>
    [Fact]
    public void The_SPDX_file_a_build_writes_is_the_writer_output_of_its_facts_named_after_the_BOM_serial_number()
    {
        var (result, spdx) = Write();

        Assert.Equal(Spdx3Writer.Write(result.Facts, result.Creation, result.Bom.SerialNumber), spdx);
        Assert.Contains($"https://openmodel-sdk.github.io/spdx/{result.Bom.SerialNumber!["urn:uuid:".Length..]}/document", System.Text.Encoding.UTF8.GetString(spdx));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<JsonElement> Valid(byte[] spdx)
    {
        var errors = Spdx3Schema.Validate(spdx);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        using var document = JsonDocument.Parse(spdx);
        return document.RootElement.GetProperty("@graph").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static string? Type(JsonElement element) => element.GetProperty("type").GetString();

    private static string Id(JsonElement element) => element.GetProperty("spdxId").GetString()!;

    private static JsonElement ById(List<JsonElement> graph, string id) => graph.Single(e => e.TryGetProperty("spdxId", out var s) && s.GetString() == id);

    private static List<string> Related(List<JsonElement> graph, JsonElement from, string type) =>
        graph.Single(e => Type(e) == "Relationship" && e.GetProperty("relationshipType").GetString() == type && e.GetProperty("from").GetString() == Id(from))
            .GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToList();

    private static JsonElement Licence(List<JsonElement> graph, JsonElement element) => ById(graph, Related(graph, element, "hasDeclaredLicense").Single());

    /// <summary>The fixture model's TrainedOn.</summary>
    private string _trainedOn = "train";

    /// <summary>The fixture project built as the task builds it, and the SPDX file its outputs include.</summary>
    private (AIBomResult Result, byte[] Spdx) Write(params ArtifactDeclaration[] more)
    {
        Directory.CreateDirectory(Path.Combine(_dir, "models"));
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        File.WriteAllText(Path.Combine(_dir, "models", "scorer.onnx"), "weights");
        File.WriteAllText(Path.Combine(_dir, "models", "other.onnx"), "other weights");
        File.WriteAllText(Path.Combine(_dir, "models", "third.onnx"), "third weights");
        File.WriteAllText(Path.Combine(_dir, "data", "train.csv"), "label,text\n");
        File.WriteAllText(Path.Combine(_dir, "data", "holdout.csv"), "label,text\n");
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _dir, LicenseExpression = "MIT" },
            Artifacts =
            [
                new ArtifactDeclaration(ArtifactKind.Model, "models/scorer.onnx", new Dictionary<string, string> { ["Name"] = "scorer", ["Version"] = "2.0", ["LicenseExpression"] = "Apache-2.0", ["TrainedOn"] = _trainedOn }, _dir),
                new ArtifactDeclaration(ArtifactKind.Dataset, "data/train.csv", new Dictionary<string, string> { ["Name"] = "train", ["LicenseExpression"] = "CC-BY-4.0", ["Usage"] = "Training;Evaluation" }, _dir),
                .. more,
            ],
        };
        var result = AIBomBuilder.Build(request, Path.Combine(_dir, "App.csproj"));
        var files = BuildOutputs.Files(result, new OutputRequest { ProjectName = "App", BomPath = Path.Combine(_dir, "App.aibom.cdx.json"), Formats = [BuildOutputs.Spdx3], SpdxPath = Path.Combine(_dir, "App.aibom.spdx3.json") });
        return (result, files.Single(f => f.Path.EndsWith(".spdx3.json", StringComparison.Ordinal)).Content);
    }
}
