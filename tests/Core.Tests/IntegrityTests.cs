using System.Diagnostics;
using System.Security.Cryptography;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Hashing;
using OpenModel.Core.Reports;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>
/// The integrity matrix, Core part: hostile, unusual and changing inputs. Each case finishes, names the file or item, and
/// leaves a BOM that is right (or without the bad item) — never wrong.
/// </summary>
public sealed class IntegrityTests : IDisposable
{
    private static readonly string Card = """
        ---
        license: apache-2.0
        pipeline_tag: text-classification
        datasets: [imdb]
        ---
        ## Intended use
        Reviews.
        """;

    private readonly TestProject _test = new();

    [Fact]
    public void A_model_that_is_a_FIFO_is_OM3001_naming_it_and_never_opened()
    {
        var fifo = Path.Combine(_test.Directory, "models", "pipe.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(fifo)!);
        MakeFifo(fifo);

        var result = BuildWithin(TimeSpan.FromSeconds(60), _test.Model("models/pipe.onnx", ("LicenseExpression", "MIT")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3001");
        Assert.Contains("'models/pipe.onnx'", error.Message);
        Assert.Contains("FIFO", error.Message);
        Assert.Null(Model(result.Bom, "pipe").Hashes);
    }

    [Fact]
    public void A_model_that_is_dev_zero_is_OM3001_naming_it()
    {
        var result = BuildWithin(TimeSpan.FromSeconds(60), _test.Model("/dev/zero", ("Name", "zero"), ("LicenseExpression", "MIT")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3001");
        Assert.Contains("'/dev/zero'", error.Message);
        Assert.Contains("character device", error.Message);
        Assert.Null(Model(result.Bom, "zero").Hashes);
    }

    [Fact]
    public void A_NUL_in_a_declared_path_is_OM3008_and_the_item_is_left_out()
    {
        var result = Build(_test.Model("models/a\0b.onnx", ("Name", "nul"), ("LicenseExpression", "MIT")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3008");
        Assert.Contains("models/a\\u0000b.onnx", error.Message);
        Assert.DoesNotContain('\0', error.Message);
        Assert.DoesNotContain(result.Bom.Components!, c => c.Name == "nul");
    }

    [Fact]
    public void A_NUL_in_a_load_path_from_the_compiler_log_is_OM3008_not_an_exception()
    {
        var program = new Uri(Path.Combine(_test.Directory, "Program.cs")).AbsoluteUri;
        var sarif = _test.Write("obj/app.sarif", $$"""
            { "version": "2.1.0", "runs": [ { "results": [
              { "ruleId": "OM2001", "level": "warning", "message": { "text": "loads 'models/x\u0000.onnx'" },
                "locations": [ { "physicalLocation": { "artifactLocation": { "uri": "{{program}}" }, "region": { "startLine": 4 } } } ],
                "properties": { "customProperties": { "ItemType": "AIModel", "Include": "models/x\u0000.onnx" } } } ] } ] }
            """);

        var result = AIBomBuilder.Build(Request() with { SarifPath = sarif }, _test.ProjectFile);

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "OM3008");
        Assert.Contains("models/x\\u0000.onnx", warning.Message);
        Assert.Equal(4, warning.Line);
        Assert.Equal("incomplete", result.Bom.Compositions!.Single().Aggregate);
    }

    [Fact]
    public void Two_models_with_one_Name_are_OM3009_naming_both_and_bom_refs_stay_unique()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteOnnx("models/b.onnx");

        var result = Build(
            _test.Model("models/a.onnx", ("Name", "scorer"), ("LicenseExpression", "MIT")),
            _test.Model("models/b.onnx", ("Name", "scorer"), ("LicenseExpression", "MIT")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3009");
        Assert.Contains("'models/a.onnx'", error.Message);
        Assert.Contains("'models/b.onnx'", error.Message);
        AssertUniqueBomRefs(result.Bom);
        Assert.Single(result.Openness.Models, m => m.Name == "scorer");
    }

    [Fact]
    public void One_file_declared_twice_and_one_service_declared_twice_are_OM3009()
    {
        _test.WriteOnnx("models/a.onnx");

        var result = Build(
            _test.Model("models/a.onnx", ("LicenseExpression", "MIT")),
            _test.Dataset("models/a.onnx", ("Name", "as-data"), ("LicenseExpression", "MIT")),
            _test.Model("openai:gpt-4o", ("Access", "Api"), ("Name", "first")),
            _test.Model("openai:gpt-4o", ("Access", "Api"), ("Name", "second")));

        var errors = result.Diagnostics.Where(d => d.Id == "OM3009").ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Message.Contains("AIModel 'models/a.onnx'") && e.Message.Contains("AIDataset 'models/a.onnx'"));
        Assert.Contains(errors, e => e.Message.Contains("'first'") && e.Message.Contains("'second'"));
        AssertUniqueBomRefs(result.Bom);
    }

    [Fact]
    public void Two_models_claiming_one_card_are_OM3009_and_the_second_gets_none_of_its_facts()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteOnnx("models/b.onnx");
        _test.Write("cards/a.md", Card);

        var result = Build(
            _test.Model("models/a.onnx", ("ModelCard", "cards/a.md")),
            _test.Model("models/b.onnx", ("ModelCard", "cards/a.md")));

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3009");
        Assert.Contains("'models/a.onnx'", error.Message);
        Assert.Contains("'models/b.onnx'", error.Message);
        Assert.Equal("Apache-2.0", Model(result.Bom, "a").Licenses!.Single().Expression);
        AssertNotFromCard(Model(result.Bom, "b"));
    }

    [Fact]
    public void Two_models_sharing_a_folder_README_do_not_get_its_licence_task_or_training_data()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteOnnx("models/b.onnx");
        _test.Write("models/README.md", Card);

        var result = Build(_test.Model("models/a.onnx"), _test.Model("models/b.onnx"));

        var notes = result.Diagnostics.Where(d => d.Id == "OM3005" && d.Message.Contains("could describe")).ToList();
        Assert.Equal(2, notes.Count);
        Assert.All(notes, n => Assert.True(n.Message.Contains("'models/a.onnx'") && n.Message.Contains("'models/b.onnx'"), n.Message));
        AssertNotFromCard(Model(result.Bom, "a"));
        AssertNotFromCard(Model(result.Bom, "b"));
    }

    [Fact]
    public void A_README_claimed_by_one_model_is_not_picked_by_its_neighbour()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteOnnx("models/b.onnx");
        _test.Write("models/README.md", Card);

        var result = Build(_test.Model("models/a.onnx", ("ModelCard", "models/README.md")), _test.Model("models/b.onnx"));

        Assert.Equal("Apache-2.0", Model(result.Bom, "a").Licenses!.Single().Expression);
        AssertNotFromCard(Model(result.Bom, "b"));
    }

    [Fact]
    public void Declared_documents_that_do_not_exist_are_OM3001_and_not_counted_as_present()
    {
        _test.WriteOnnx("models/a.onnx");
        _test.Write("data/train.csv", "label,text\n1,good\n");

        var result = Build(
            _test.Model("models/a.onnx", ("Name", "m"), ("LicenseExpression", "MIT"), ("TrainedOn", "train")),
            _test.Dataset("data/train.csv", ("Name", "train"), ("LicenseExpression", "CC0-1.0"), ("DataCard", "data/MISSING.md")),
            _test.Component("docs/threats.md", "ThreatModel", "CC-BY-4.0"),
            _test.Component("docs/paper.md", "ResearchPaper", "CC-BY-4.0"));

        var missing = result.Diagnostics.Where(d => d.Id == "OM3001").Select(d => d.Message).ToList();
        Assert.Equal(3, missing.Count);
        Assert.Contains(missing, m => m.Contains("data/MISSING.md"));
        Assert.Contains(missing, m => m.Contains("docs/threats.md"));
        Assert.Contains(missing, m => m.Contains("docs/paper.md"));
        var release = result.Openness.Models.Single().Release;
        Assert.DoesNotContain(release.Components, c => c.Name is "Data card" or "Research paper");
    }

    [Theory]
    [InlineData("Foo-1.0")]
    [InlineData("MIT WITH Bogus-exception")]
    [InlineData("Apache-2.0 OR Made-Up-2.0")]
    public void An_unknown_licence_id_or_exception_is_OM3004_and_written_as_a_licence_name(string expression)
    {
        _test.WriteOnnx("models/a.onnx");

        var result = Build(_test.Model("models/a.onnx", ("LicenseExpression", expression)));

        Assert.Single(result.Diagnostics, d => d.Id == "OM3004" && d.Message.Contains(expression));
        var license = Model(result.Bom, "a").Licenses!.Single();
        Assert.Equal((null, expression), (license.Expression, license.License?.Name));
        Assert.Empty(CycloneDxSchema.Validate16(BomSerializer.Serialize(result.Bom)));
    }

    [Theory]
    [InlineData("gguf")]
    [InlineData("safetensors")]
    public void The_files_embedded_licence_reaches_the_BOM_when_nothing_is_declared(string format)
    {
        _test.WriteBytes($"models/embedded.{format}", format == "gguf"
            ? Inspection.ArtifactFiles.Gguf(license: "apache-2.0")
            : Inspection.ArtifactFiles.Safetensors("""{"__metadata__":{"license":"apache-2.0"},"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}""", 4));

        var result = Build(_test.Model($"models/embedded.{format}"));

        Assert.Equal("Apache-2.0", Model(result.Bom, "embedded").Licenses!.Single().Expression);
        Assert.Contains(Model(result.Bom, "embedded").Properties!, p => p.Name == "openmodel:license-source" && p.Value == "file-metadata");
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "OM3003");
    }

    [Fact]
    public void The_report_lists_every_warning_the_build_raised_about_the_artefacts()
    {
        _test.WriteOnnx("models/a.onnx");

        _test.Write("data/x.csv", "a,b\n");

        var result = Build(_test.Model("models/a.onnx"), _test.Dataset("data/x.csv"), _test.Model("models/missing.onnx", ("LicenseExpression", "MIT")));

        var raised = result.Diagnostics.Where(d => d.Level != DiagnosticLevel.Info).ToList();
        Assert.Contains(raised, d => d.Id == "OM3003");
        Assert.Contains(raised, d => d.Id == "OM3001");
        var summary = OpennessSummary.From(result.Bom)!;
        Assert.All(raised, d => Assert.Contains(summary.Findings, f => f.Contains(d.Id) && f.Contains(d.Message)));
        var markdown = OpennessReport.Markdown(summary);
        Assert.DoesNotContain("None.", markdown[markdown.IndexOf("## Findings", StringComparison.Ordinal)..]);
        Assert.Contains("build log", markdown);
    }

    [Fact]
    public void Training_data_is_said_to_have_a_source_only_when_one_is_declared_or_its_file_exists()
    {
        _test.WriteOnnx("models/a.onnx");

        var result = Build(
            _test.Model("models/a.onnx", ("Name", "m"), ("LicenseExpression", "MIT"), ("TrainedOn", "reviews")),
            _test.Dataset("data/reviews.csv", ("Name", "reviews"), ("LicenseExpression", "CC0-1.0")));

        var check = result.Openness.Models.Single().Osaid.Checks.First();
        Assert.DoesNotContain("declared", check.Reason.Replace("training data named without a source", string.Empty));
        Assert.Contains("reviews", check.Reason);
    }

    [Fact]
    public void A_pinned_Sha256_is_checked_against_a_fresh_hash_after_a_same_size_same_mtime_swap()
    {
        var path = _test.WriteOnnx("models/a.onnx");
        var pinned = Convert.ToHexStringLower(SHA256.HashData(TestProject.OnnxModel));
        var cacheFile = Path.Combine(_test.Directory, "obj", "openmodel.cache.json");
        var declaration = _test.Model("models/a.onnx", ("LicenseExpression", "MIT"), ("Sha256", pinned));
        var first = ArtifactFactCache.Load(cacheFile);
        Assert.DoesNotContain(AIBomBuilder.Build(Request(declaration) with { Cache = first }, _test.ProjectFile).Diagnostics, d => d.Id == "OM3002");
        first.Save();

        var swapped = TestProject.OnnxModel.ToArray();
        swapped[^1] ^= 0xFF;
        var stamp = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".new";
        File.WriteAllBytes(temporary, swapped);
        File.SetLastWriteTimeUtc(temporary, stamp);
        File.Move(temporary, path, overwrite: true);

        var result = AIBomBuilder.Build(Request(declaration) with { Cache = ArtifactFactCache.Load(cacheFile) }, _test.ProjectFile);

        Assert.Single(result.Diagnostics, d => d.Id == "OM3002");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(swapped)), Model(result.Bom, "a").Hashes!.Single().Content);
    }

    public void Dispose() => _test.Dispose();

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static Component Model(Bom bom, string name) => bom.Components!.Single(c => c.Type == "machine-learning-model" && c.Name == name);

    /// <summary>The sample ONNX file carries its own MIT licence; nothing of the Apache-2.0 card may appear.</summary>
    private static void AssertNotFromCard(Component model)
    {
        Assert.NotEqual("Apache-2.0", model.Licenses?.Single().Expression);
        Assert.Null(model.ModelCard?.ModelParameters?.Task);
        Assert.Null(model.ModelCard?.ModelParameters?.Datasets);
        Assert.DoesNotContain(model.ExternalReferences ?? [], r => r.Type == "model-card");
    }

    private static void AssertUniqueBomRefs(Bom bom)
    {
        var refs = bom.Components!.Select(c => c.BomRef).Concat(bom.Services!.Select(s => s.BomRef)).ToList();
        Assert.Equal(refs.Count, refs.Distinct().Count());
    }

    private AIBomResult Build(params ArtifactDeclaration[] artifacts) => AIBomBuilder.Build(Request(artifacts), _test.ProjectFile);

    private AIBomResult BuildWithin(TimeSpan limit, params ArtifactDeclaration[] artifacts)
    {
        var build = Task.Run(() => Build(artifacts));
        Assert.True(build.Wait(limit), "the AI-BOM build did not finish");
        return build.Result;
    }

    private AIBomRequest Request(params ArtifactDeclaration[] artifacts) => new()
    {
        Project = new ProjectInfo { Name = "App", Directory = _test.Directory, Type = "application", LicenseExpression = "MIT" },
        Artifacts = artifacts,
    };
}
