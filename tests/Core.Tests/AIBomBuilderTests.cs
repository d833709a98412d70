using System.Security.Cryptography;
using System.Text;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests;

public sealed class AIBomBuilderTests : IDisposable
{
    private readonly TestProject _test = new();

    private string ProjectDirectory => _test.Directory;

    private string ProjectFile => _test.ProjectFile;

    [Fact]
    public void Declared_artifacts_become_valid_CycloneDX_with_verified_hashes_cards_services_and_edges()
    {
        var weights = _test.WriteOnnx("models/sentiment.onnx");
        Write("models/README.md", """
            ---
            license: mit
            pipeline_tag: text-classification
            base_model: distilbert/distilbert-base-uncased
            datasets: [imdb]
            model-index:
              - name: m
                results:
                  - dataset: { name: imdb }
                    metrics: [ { type: accuracy, value: 0.93 } ]
            ---
            ## Intended use
            Reviews.
            ## Limitations
            English only.
            ## Risks
            Bias.
            """);
        Write("data/imdb.csv", "label,text\n1,good\n");

        var result = Build(
            Model("models/sentiment.onnx", ("Name", "contoso-sentiment"), ("Version", "2.1.0"), ("LicenseExpression", "MIT"), ("ModelCard", "models/README.md"),
                ("Source", "https://huggingface.co/contoso/sentiment"), ("SourceRevision", "3F2C9A"), ("Sha256", Convert.ToHexStringLower(SHA256.HashData(TestProject.OnnxModel)))),
            Model("openai:gpt-4o-mini", ("Access", "Api"), ("LicenseExpression", "LicenseRef-OpenAI-Terms")),
            Dataset("data/imdb.csv", ("Name", "imdb"), ("LicenseExpression", "LicenseRef-IMDB"), ("Usage", "Training")),
            Dataset("wikitext", ("Source", "https://huggingface.co/datasets/Salesforce/wikitext"), ("LicenseExpression", "CC-BY-SA-3.0")));

        Assert.Empty(result.Diagnostics);
        var json = BomSerializer.Serialize(result.Bom);
        Assert.Empty(CycloneDxSchema.Validate16(json));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));

        var model = result.Bom.Components!.Single(c => c.Type == "machine-learning-model");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(TestProject.OnnxModel)), model.Hashes!.Single().Content);
        Assert.Contains(model.Properties!, p => p.Name == "openmodel:format" && p.Value == "onnx");
        Assert.Contains(model.Properties!, p => p.Name == "openmodel:parameter-count" && p.Value == "103");
        Assert.Equal("pkg:huggingface/contoso/sentiment@3f2c9a", model.Purl);
        Assert.Equal("MIT", model.Licenses!.Single().Expression);
        Assert.Equal("text-classification", model.ModelCard!.ModelParameters!.Task);
        Assert.Equal("data:data/imdb.csv", model.ModelCard.ModelParameters.Datasets!.Single().Ref);
        Assert.Equal("0.93", model.ModelCard.QuantitativeAnalysis!.PerformanceMetrics!.Single().Value);
        Assert.Equal("base-model:distilbert/distilbert-base-uncased", model.Pedigree!.Ancestors!.Single().BomRef);
        Assert.Equal(new[] { "base-model:distilbert/distilbert-base-uncased", "data:data/imdb.csv" }, result.Bom.Dependencies!.Single(d => d.Ref == model.BomRef).DependsOn!.Order());

        var service = result.Bom.Services!.Single();
        Assert.Equal(("OpenAI", "gpt-4o-mini"), (service.Provider!.Name, service.Name));
        var remoteData = result.Bom.Components!.Single(c => c.Name == "wikitext");
        Assert.Null(remoteData.Hashes);
        Assert.Equal("https://huggingface.co/datasets/Salesforce/wikitext", remoteData.Data!.Single().Contents!.Url);
        Assert.Equal("unknown", result.Bom.Compositions!.Single().Aggregate);
        Assert.True(File.Exists(weights));
    }

    [Fact]
    public void Spec_version_1_7_is_valid_against_its_schema_and_others_are_refused()
    {
        Write("models/a.onnx", "a");
        Write("models/README.md", "---\nlicense: mit\npipeline_tag: text-classification\n---\n## Intended use\nx\n## Limitations\ny\n## Risks\nz\n");
        var artifacts = new[] { Model("models/a.onnx", ("LicenseExpression", "MIT"), ("ModelCard", "models/README.md")), Model("openai:gpt-4o", ("Access", "Api")) };

        var v17 = AIBomBuilder.Build(Request(artifacts) with { SpecVersion = "1.7" }, ProjectFile);
        var v15 = AIBomBuilder.Build(Request(artifacts) with { SpecVersion = "1.5" }, ProjectFile);

        var json = BomSerializer.Serialize(v17.Bom);
        Assert.Contains("\"specVersion\": \"1.7\"", Encoding.UTF8.GetString(json));
        Assert.Empty(CycloneDxSchema.Validate17(json));
        Assert.Equal("AIBomSpecVersion '1.5' is not supported; use 1.6 or 1.7", Assert.Single(v15.Diagnostics, d => d.Id == "OM3008").Message);
    }

    [Fact]
    public void Hash_mismatch_is_OM3002_and_missing_file_OM3001()
    {
        _test.WriteOnnx("models/a.onnx");

        var result = Build(
            Model("models/a.onnx", ("LicenseExpression", "MIT"), ("Sha256", Sha256("expected"))),
            Model("models/missing.onnx", ("LicenseExpression", "MIT")));

        var problems = result.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info).ToList();
        Assert.Equal(new[] { "OM3001", "OM3002" }, problems.Select(d => d.Id).Order());
        Assert.All(problems, d => Assert.Equal((DiagnosticLevel.Error, ProjectFile), (d.Level, d.File)));
        Assert.Contains($"has SHA-256 {Convert.ToHexStringLower(SHA256.HashData(TestProject.OnnxModel))}, but the project declares {Sha256("expected")}", result.Diagnostics.Single(d => d.Id == "OM3002").Message);
    }

    [Fact]
    public void Directory_and_symlink_loop_as_model_are_OM3001_not_a_crash()
    {
        Directory.CreateDirectory(Path.Combine(ProjectDirectory, "models", "folder.onnx"));
        File.CreateSymbolicLink(Path.Combine(ProjectDirectory, "models", "loop-a.onnx"), Path.Combine(ProjectDirectory, "models", "loop-b.onnx"));
        File.CreateSymbolicLink(Path.Combine(ProjectDirectory, "models", "loop-b.onnx"), Path.Combine(ProjectDirectory, "models", "loop-a.onnx"));

        var result = Build(Model("models/folder.onnx", ("LicenseExpression", "MIT")), Model("models/loop-a.onnx", ("LicenseExpression", "MIT")));

        Assert.Equal(new[] { "OM3001", "OM3001" }, result.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info).Select(d => d.Id));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("is a directory, not a file"));
        Assert.Contains(result.Diagnostics, d => d.Message.Contains("'models/loop-a.onnx'"));
    }

    [Fact]
    public void Licence_and_card_findings_OM3003_OM3004_OM3005_OM3007_OM3008()
    {
        Write("models/unlicensed.onnx", "a");
        Write("models/badlicense.onnx", "b");
        Write("cards/conflict.md", "---\nlicense: mit\nbase_model: org/other\n---\n## Intended use\nx\n");
        Write("models/conflict.onnx", "c");
        Write("cards/broken.md", "---\nlicense: [mit\n---\n");
        Write("models/broken.onnx", "d");

        var result = Build(
            Model("models/unlicensed.onnx"),
            Model("models/badlicense.onnx", ("LicenseExpression", "Apache 2")),
            Model("models/conflict.onnx", ("LicenseExpression", "Apache-2.0"), ("BaseModel", "org/base"), ("ModelCard", "cards/conflict.md")),
            Model("models/broken.onnx", ("LicenseExpression", "MIT"), ("ModelCard", "cards/broken.md")));

        var ids = result.Diagnostics.Select(d => d.Id).ToList();
        Assert.Contains("OM3003", ids);
        Assert.Contains("OM3004", ids);
        Assert.Equal(2, ids.Count(id => id == "OM3007"));
        Assert.Contains(result.Diagnostics, d => d.Id == "OM3005" && d.Message.Contains("has no limitations, risks section"));
        var yaml = Assert.Single(result.Diagnostics, d => d.Id == "OM3008");
        Assert.Equal(Path.Combine(ProjectDirectory, "cards", "broken.md"), yaml.File);
        Assert.True(yaml.Line >= 2);
        Assert.Empty(CycloneDxSchema.Validate16(BomSerializer.Serialize(result.Bom)));
    }

    [Fact]
    public void Declared_models_are_inspected_findings_name_the_file_and_metadata_conflicts_are_OM3007()
    {
        var pickle = _test.WriteBytes("models/backdoor.pt", Inspection.PickleBuilder.Call(2, "os", "system"));
        _test.WriteBytes("models/llama.gguf", Inspection.ArtifactFiles.Gguf(license: "llama3"));

        var result = Build(
            Model("models/backdoor.pt", ("LicenseExpression", "MIT")),
            Model("models/llama.gguf", ("LicenseExpression", "Apache-2.0"), ("Architecture", "mistral")));

        var dangerous = Assert.Single(result.Diagnostics, d => d.Id == "OM4001");
        Assert.Equal((DiagnosticLevel.Error, pickle), (dangerous.Level, dangerous.File));
        Assert.Equal("AIModel 'models/backdoor.pt' (offset 2): imports os.system, which can run code or reach the system", dangerous.Message);
        Assert.Equal(2, result.Diagnostics.Count(d => d.Id == "OM3007"));
        var gguf = result.Bom.Components!.Single(c => c.Name == "llama");
        Assert.Contains(gguf.Properties!, p => p.Name == "openmodel:format" && p.Value == "gguf");
        Assert.Contains(gguf.Properties!, p => p.Name == "openmodel:parameter-count" && p.Value == "16");
        Assert.Equal("mistral", gguf.ModelCard!.ModelParameters!.ArchitectureFamily); // the declaration wins; the conflict is OM3007
        Assert.Contains(result.Bom.Components!.Single(c => c.Name == "backdoor").Properties!, p => p.Name == "openmodel:scan" && p.Value == "dangerous");
    }

    [Fact]
    public void Chat_templates_in_a_GGUF_and_beside_a_model_are_components_of_their_own_with_hash_source_and_findings()
    {
        const string embedded = "{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{% endfor %}";
        const string hostile = "{{ cycler.__init__.__globals__.os.popen('id').read() }}";
        _test.WriteBytes("models/llama.gguf", Inspection.ArtifactFiles.GgufWith([("general.architecture", "llama"), ("tokenizer.chat_template", embedded)], [], 0));
        _test.WriteOnnx("hf/model.onnx");
        var config = Write("hf/tokenizer_config.json", $$"""{ "chat_template": {{System.Text.Json.JsonSerializer.Serialize(hostile)}} }""");

        var result = Build(Model("models/llama.gguf", ("LicenseExpression", "MIT")), Model("hf/model.onnx", ("LicenseExpression", "MIT")));

        var json = BomSerializer.Serialize(result.Bom);
        Assert.Empty(CycloneDxSchema.Validate16(json));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));
        var gguf = result.Bom.Components!.Single(c => c.BomRef == "chat-template:models/llama.gguf#tokenizer.chat_template");
        Assert.Equal(("file", "llama tokenizer.chat_template"), (gguf.Type, gguf.Name));
        Assert.Equal(Sha256(embedded), gguf.Hashes!.Single().Content);
        Assert.Contains(gguf.Properties!, p => p.Name == "openmodel:chat-template-source" && p.Value == "models/llama.gguf#tokenizer.chat_template");
        Assert.Contains(gguf.Properties!, p => p.Name == "openmodel:chat-template-of" && p.Value == "model:models/llama.gguf");
        Assert.Contains(gguf.Properties!, p => p.Name == "openmodel:scan" && p.Value == "safe");
        Assert.Contains("chat-template:models/llama.gguf#tokenizer.chat_template", result.Bom.Dependencies!.Single(d => d.Ref == "model:models/llama.gguf").DependsOn!);

        var beside = result.Bom.Components!.Single(c => c.BomRef == "chat-template:hf/model.onnx#hf/tokenizer_config.json#chat_template");
        Assert.Equal("model chat_template (tokenizer_config.json)", beside.Name);
        Assert.Equal(Sha256(hostile), beside.Hashes!.Single().Content);
        Assert.Contains(beside.Properties!, p => p.Name == "openmodel:scan" && p.Value == "dangerous");
        Assert.Contains(beside.Properties!, p => p.Name == "openmodel:finding" && p.Value!.StartsWith("OM4006 error: the chat template 'chat_template' uses", StringComparison.Ordinal));
        var finding = Assert.Single(result.Diagnostics, d => d.Id == "OM4006");
        Assert.Equal((DiagnosticLevel.Error, config), (finding.Level, finding.File));
        Assert.StartsWith("AIModel 'hf/model.onnx': the chat template file 'hf/tokenizer_config.json': the chat template 'chat_template' uses", finding.Message);

        var v17 = BomSerializer.Serialize(AIBomBuilder.Build(Request(Model("models/llama.gguf", ("LicenseExpression", "MIT"))) with { SpecVersion = "1.7" }, ProjectFile).Bom);
        Assert.Empty(CycloneDxSchema.Validate17(v17));
    }

    [Fact]
    public void A_model_without_a_chat_template_gets_no_template_component()
    {
        _test.WriteOnnx("hf/model.onnx");
        Write("hf/tokenizer_config.json", """{ "model_max_length": 512 }""");

        var result = Build(Model("hf/model.onnx", ("LicenseExpression", "MIT")));

        Assert.DoesNotContain(result.Bom.Components!, c => c.BomRef!.StartsWith("chat-template:", StringComparison.Ordinal));
    }

    [Fact]
    public void Corrupt_assets_file_is_OM3008_naming_the_file()
    {
        var assets = Write("obj/project.assets.json", "{ \"version\": 3, \"targets\": { ");

        var result = AIBomBuilder.Build(Request() with { AssetsFilePath = assets }, ProjectFile);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("OM3008", assets), (error.Id, error.File));
    }

    [Fact]
    public void Compiler_evidence_becomes_occurrences_and_unmatched_loads_make_the_composition_incomplete()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteBytes("models/b.pt", Inspection.PickleBuilder.Call(2, "os", "system"));
        var sarif = Write("obj/app.sarif", $$"""
            { "version": "2.1.0", "runs": [ { "results": [
              { "ruleId": "OM2000", "level": "note", "message": { "text": "2 sites" },
                "relatedLocations": [
                  { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(ProjectDirectory, "Scorer.cs")).AbsoluteUri}}" }, "region": { "startLine": 12 } } },
                  { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(ProjectDirectory, "Program.cs")).AbsoluteUri}}" }, "region": { "startLine": 3 } } } ],
                "properties": { "customProperties": { "site0": "AIModel\tmodels/a.onnx", "site1": "AIModel\topenai:gpt-4o" } } },
              { "ruleId": "OM2001", "level": "warning", "message": { "text": "loads 'models/b.pt'" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(ProjectDirectory, "Program.cs")).AbsoluteUri}}" }, "region": { "startLine": 9 } } } ],
                "properties": { "customProperties": { "ItemType": "AIModel", "Include": "models/b.pt" } } },
              { "ruleId": "OM1001", "level": "error", "message": { "text": "request path" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(ProjectDirectory, "Program.cs")).AbsoluteUri}}" }, "region": { "startLine": 21 } } } ] },
              { "ruleId": "OM1008", "level": "error", "message": { "text": "key" }, "suppressions": [ { "kind": "inSource" } ],
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(ProjectDirectory, "Program.cs")).AbsoluteUri}}" }, "region": { "startLine": 30 } } } ] }
            ] } ] }
            """);

        var result = AIBomBuilder.Build(Request(Model("models/a.onnx", ("LicenseExpression", "MIT")), Model("openai:gpt-4o", ("Access", "Api"))) with { SarifPath = sarif }, ProjectFile);

        var occurrence = Assert.Single(result.Bom.Components!.Single(c => c.Type == "machine-learning-model").Evidence!.Occurrences!);
        Assert.Equal(("Scorer.cs", (int?)12), (occurrence.Location, occurrence.Line));
        Assert.Contains(result.Bom.Services!.Single().Properties!, p => p.Value == "Program.cs:3");
        Assert.Equal("incomplete", result.Bom.Compositions!.Single().Aggregate);
        Assert.Contains(result.Bom.Metadata.Properties!, p => p.Name == "openmodel:unmatched-load" && p.Value == "OM2001 Program.cs:9");
        var security = Assert.Single(result.Bom.Metadata.Properties!, p => p.Name == AIBomBuilder.SecurityFindingProperty);
        Assert.Equal("OM1001 error Program.cs:21", security.Value);
        var discovered = Assert.Single(result.Diagnostics, d => d.Id == "OM4001");
        Assert.Equal("undeclared model 'models/b.pt' (offset 2): imports os.system, which can run code or reach the system", discovered.Message);
    }

    [Fact]
    public void The_schema_check_itself_rejects_an_invalid_document() =>
        Assert.NotEmpty(CycloneDxSchema.Validate16(Encoding.UTF8.GetBytes("""{ "bomFormat": "CycloneDX", "specVersion": "1.6", "components": [ { "type": "model", "name": "x" } ] }""")));

    public void Dispose() => _test.Dispose();

    private AIBomResult Build(params ArtifactDeclaration[] artifacts) => AIBomBuilder.Build(Request(artifacts), ProjectFile);

    private AIBomRequest Request(params ArtifactDeclaration[] artifacts) => new()
    {
        Project = new ProjectInfo { Name = "App", Directory = ProjectDirectory, Type = "application", LicenseExpression = "MIT" },
        Artifacts = artifacts,
    };

    private ArtifactDeclaration Model(string include, params (string Key, string Value)[] metadata) => _test.Model(include, metadata);

    private ArtifactDeclaration Dataset(string include, params (string Key, string Value)[] metadata) => _test.Dataset(include, metadata);

    private string Write(string relativePath, string content) => _test.Write(relativePath, content);

    private static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
