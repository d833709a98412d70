using System.Text.Json;
using NJsonSchema;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Openness;
using OpenModel.Core.Openness.Mof;
using OpenModel.Core.Reports;
using OpenModel.Tests.Shared;
using Xunit;
using YamlDotNet.Serialization;

namespace OpenModel.Core.Tests;

public sealed class OpennessTests : IDisposable
{
    private readonly TestProject _test = new();

    private string ProjectDirectory => _test.Directory;

    private string ProjectFile => _test.ProjectFile;

    [Fact]
    public void A_fully_declared_release_reaches_Class_II_passes_OSAID_and_writes_valid_attestations()
    {
        var result = Build(Release());

        var openness = result.Openness.Models.Single();
        Assert.Equal((2, "Class II"), (openness.Mof.AchievedClass, openness.Mof.ClassLabel));
        Assert.Equal(new[] { "Research paper", "Model parameters (Intermediate)" }, openness.Mof.For(1).Missing);
        Assert.Equal(CheckState.Pass, openness.Osaid.Overall);
        Assert.Equal(2, result.Openness.SystemClass);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id.StartsWith("OM5") && d.Level != DiagnosticLevel.Info);

        var json = BomSerializer.Serialize(result.Bom);
        Assert.Empty(CycloneDxSchema.Validate16(json));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));
        var mofAttestation = result.Bom.Declarations!.Attestations!.Single(a => a.Summary == "Model Openness Framework 1.0: sentiment");
        Assert.Equal(17, mofAttestation.Map!.Count);
        Assert.Contains(result.Bom.Metadata.Properties!, p => p.Name == "openmodel:openness:class" && p.Value == "Class II");
    }

    [Fact]
    public void The_report_reads_everything_back_from_the_BOM()
    {
        var result = Build(Release());

        var summary = OpennessSummary.From(BomSerializer.Deserialize(BomSerializer.Serialize(result.Bom)))!;

        Assert.Equal("Class II", summary.SystemClass);
        var model = Assert.Single(summary.Models);
        Assert.StartsWith("Class II (Class III=100%; Class II=100%; Class I=86%)", model.MofClass);
        Assert.Equal("pass", model.Osaid);
        Assert.Equal(17, model.Components.Count);
        Assert.Equal(5, summary.Attributes.Count);
        Assert.Contains(summary.Licenses, l => l.Name == "reviews" && l.Category == "open data");
        var markdown = OpennessReport.Markdown(summary);
        Assert.Contains("**AI system class: Class II**", markdown);
        Assert.Contains("| Research paper | no | not included |", markdown);
    }

    [Fact]
    public async Task The_MOF_release_export_validates_against_mof_schema_and_evaluates_the_same()
    {
        var result = Build(Release());
        var release = result.Openness.Models.Single().Release;

        var yaml = MofReleaseFile.Write(release);
        var asJson = JsonSerializer.Serialize(new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build().Deserialize<object>(yaml));
        var schema = await JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Mof", "mof_schema.json"));

        Assert.Empty(schema.Validate(asJson));
        Assert.Equal(result.Openness.Models.Single().Mof.Classes.Select(c => c.Progress), MofEvaluator.Evaluate(MofReleaseFile.Read(yaml)).Classes.Select(c => c.Progress));
    }

    [Fact]
    public void OM5001_lists_what_keeps_the_model_below_the_minimum_class()
    {
        var declarations = Release().Where(d => d.Get("Kind") is not ("TrainingCode" or "EvaluationCode")).ToArray();

        var result = Build(declarations, options: new OpennessOptions { MinimumClass = "II" });

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM5001");
        Assert.Equal(DiagnosticLevel.Error, error.Level);
        Assert.Equal("model 'sentiment' reaches Model Openness Framework Class III, below AIOpennessMinimumClass Class II; missing: Training code, Evaluation code", error.Message);
    }

    [Fact]
    public void OM5002_open_claim_over_a_restricted_model_from_a_property_or_a_model_card_tag()
    {
        Write("models/llama.gguf", "weights");
        Write("models/llama.md", "---\ntags: [open-source]\n---\n## Intended use\nx\n");
        var model = Model("models/llama.gguf", ("LicenseExpression", "LicenseRef-Llama-3-Community"), ("ModelCard", "models/llama.md"));

        var byTag = Build([model]);
        var asErrors = Build([model], options: new OpennessOptions { Claims = ["open"], TreatWarningsAsErrors = true });

        Assert.Equal("claimed open ('open-source' in the model card of 'llama'), but model 'llama' is licensed LicenseRef-Llama-3-Community (restricted)",
            Assert.Single(byTag.Diagnostics, d => d.Id == "OM5002").Message);
        Assert.All(asErrors.Diagnostics.Where(d => d.Id is "OM5002" or "OM5003"), d => Assert.Equal(DiagnosticLevel.Error, d.Level));
    }

    [Fact]
    public void OM5003_open_source_AI_claim_needs_the_OSAID_checklist()
    {
        var declarations = Release().Where(d => d.Get("Kind") != "DataPreprocessingCode").ToArray();

        var result = Build(declarations, options: new OpennessOptions { Claims = ["open-source-ai"] });

        var warning = Assert.Single(result.Diagnostics, d => d.Id == "OM5003");
        Assert.Contains("Code fail: no data preprocessing code is declared", warning.Message);
    }

    [Fact]
    public void OM5004_claimed_class_above_the_computed_one()
    {
        var result = Build(Release(), options: new OpennessOptions { Claims = ["MOF-Class-I"] });

        Assert.Equal("claimed Model Openness Framework Class I ('MOF-Class-I' in AIOpennessClaim), but model 'sentiment' reaches Class II",
            Assert.Single(result.Diagnostics, d => d.Id == "OM5004").Message);
    }

    [Fact]
    public void OM5005_derivative_more_permissive_than_its_base()
    {
        Write("models/base.gguf", "base");
        Write("models/tuned.gguf", "tuned");

        var result = Build([
            Model("models/base.gguf", ("Name", "llama-base"), ("LicenseExpression", "LicenseRef-Llama-3-Community")),
            Model("models/tuned.gguf", ("LicenseExpression", "Apache-2.0"), ("BaseModel", "llama-base"))]);

        Assert.StartsWith("model 'tuned' is licensed Apache-2.0, more permissively than its base model 'llama-base' (LicenseRef-Llama-3-Community, restricted)",
            Assert.Single(result.Diagnostics, d => d.Id == "OM5005").Message);
    }

    [Fact]
    public void OM5006_and_OM5007_undisclosed_data_and_unlicensed_components_are_info()
    {
        Write("models/m.onnx", "m");

        var result = Build([Model("models/m.onnx", ("LicenseExpression", "MIT")), Component("https://example.org/paper", "ResearchPaper")]);

        Assert.Equal(DiagnosticLevel.Info, Assert.Single(result.Diagnostics, d => d.Id == "OM5006").Level);
        Assert.Equal("AIComponent 'https://example.org/paper' (ResearchPaper) has no LicenseExpression, so it does not count toward openness",
            Assert.Single(result.Diagnostics, d => d.Id == "OM5007").Message);
    }

    [Fact]
    public void OM5008_licence_policy_allows_OR_alternatives_and_denies_the_rest()
    {
        Write("models/m.onnx", "m");
        Write("data/nc.csv", "x");
        Write("data/dual.csv", "y");

        var result = Build(
            [
                Model("models/m.onnx", ("LicenseExpression", "MIT")),
                Dataset("data/nc.csv", ("LicenseExpression", "CC-BY-NC-4.0")),
                Dataset("data/dual.csv", ("LicenseExpression", "GPL-3.0-only OR Apache-2.0")),
            ],
            options: new OpennessOptions { AllowedLicenses = ["MIT", "Apache-2.0", "CC0-1.0"], DeniedLicenses = ["GPL-3.0-only"] });

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM5008");
        Assert.Equal(("'nc' is licensed CC-BY-NC-4.0, which the licence policy does not allow (AIAllowedLicenses / AIDeniedLicenses)", DiagnosticLevel.Error), (error.Message, error.Level));
    }

    [Fact]
    public void Attributes_say_unknown_without_evidence_and_not_met_for_pickle_and_restricted_licences()
    {
        _test.WriteBytes("models/m.pt", System.Text.Encoding.Latin1.GetBytes("\u0080\u0002ccollections\nOrderedDict\nq\u0000)Rq\u0001."));

        var result = Build([Model("models/m.pt", ("LicenseExpression", "LicenseRef-Proprietary"))], projectLicense: null);
        var states = result.Openness.Attributes.ToDictionary(a => a.Number, a => a.State);

        Assert.Equal(AttributeState.NotMet, states[1]);
        Assert.Equal(AttributeState.NotMet, states[2]);
        Assert.Equal(AttributeState.Unknown, states[3]);
        Assert.Equal(AttributeState.NotMet, states[4]);
        Assert.Equal(AttributeState.NotMet, states[5]);
        Assert.Contains("models/m.pt: pickle-based format (pickle) that can execute code when loaded", result.Openness.Attributes[4].Reasons);
    }

    [Fact]
    public void The_open_licences_reasons_name_a_licence_known_only_by_name_and_say_when_none_is_declared()
    {
        _test.Write("data/x.csv", "a,b\n");

        var result = Build([_test.Dataset("data/x.csv"), Model("openai:gpt-4o", ("Access", "Api"), ("LicenseExpression", "OpenAI Terms of Use"))]);
        var reasons = result.Openness.Attributes.Single(a => a.Number == 2).Reasons;

        Assert.Contains("dataset x: no licence declared", reasons);
        Assert.Contains("service gpt-4o: licence OpenAI Terms of Use is unknown", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("none", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("", AttributeState.Met, "security analyzers (OM1001–OM1018): no findings")]
    [InlineData("""{ "ruleId": "OM1017", "level": "note", "message": { "text": "m" } }""", AttributeState.Met, "security analyzers: 0 error or warning finding(s) of 1: OM1017 note :0")]
    [InlineData("""{ "ruleId": "OM1001", "level": "error", "message": { "text": "m" } }""", AttributeState.Partial, "security analyzers: 1 error or warning finding(s) of 1: OM1001 error :0")]
    public void Threat_transparency_is_met_only_while_the_security_analyzers_find_nothing_serious(string result, AttributeState expected, string reason)
    {
        Write("docs/threats.md", "# Threat model\n");
        var sarif = Path.Combine(ProjectDirectory, "obj", "app.sarif");
        Write("obj/app.sarif", $$"""{ "version": "2.1.0", "runs": [ { "results": [ {{result}} ] } ] }""");

        var built = Build([.. Release(), Component("docs/threats.md", "ThreatModel", "CC-BY-4.0")], sarif: sarif);

        var threats = built.Openness.Attributes.Single(a => a.Number == 4);
        Assert.Equal(expected, threats.State);
        Assert.Contains(reason, threats.Reasons);
    }

    [Fact]
    public void Without_the_compiler_log_threat_transparency_says_the_analyzers_gave_no_results()
    {
        Write("docs/threats.md", "# Threat model\n");

        var threats = Build([.. Release(), Component("docs/threats.md", "ThreatModel", "CC-BY-4.0")]).Openness.Attributes.Single(a => a.Number == 4);

        Assert.Contains("security analyzers: no results (the compiler's SARIF log was not available)", threats.Reasons);
    }

    [Fact]
    public void A_hosted_model_has_no_class_and_fails_OSAID_parameters()
    {
        var result = Build([Model("openai:gpt-4o", ("Access", "Api"), ("LicenseExpression", "LicenseRef-OpenAI-Terms"))]);

        var model = result.Openness.Models.Single();
        Assert.Null(model.Mof.AchievedClass);
        Assert.Null(result.Openness.SystemClass);
        Assert.Equal(CheckState.Fail, model.Osaid.Checks.Single(c => c.Requirement == OsaidChecklist.Parameters).State);
    }

    [Fact]
    public void Html_report_is_self_contained_and_escapes_what_it_shows()
    {
        Write("models/m.onnx", "m");
        var result = Build([Model("models/m.onnx", ("Name", "<script>alert(1)</script>"), ("LicenseExpression", "MIT"))]);

        var html = OpennessReport.Html(OpennessSummary.From(result.Bom)!);

        Assert.DoesNotContain("<script>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain(" src=", html);
    }

    public void Dispose() => _test.Dispose();

    private ArtifactDeclaration[] Release()
    {
        Write("models/sentiment.onnx", "weights");
        Write("models/README.md", "---\nlicense: mit\npipeline_tag: text-classification\ndatasets: [reviews]\nmodel-index:\n  - name: s\n    results:\n      - dataset: { name: reviews }\n        metrics: [ { type: accuracy, value: 0.9 } ]\n---\n## Intended use\nx\n## Out-of-scope use\ny\n## Limitations\nz\n## Risks\nw\n");
        Write("data/reviews.csv", "label,text\n");

        // Declared documents count only when they exist.
        foreach (var document in new[] { "train/train.py", "src/Model.cs", "src/Features.cs", "src/Evaluate.cs", "docs/report.md", "data/README.md", "docs/threats.md" })
        {
            Write(document, "content\n");
        }

        return
        [
            Model("models/sentiment.onnx", ("LicenseExpression", "MIT"), ("ModelCard", "models/README.md"), ("TrainedOn", "reviews"), ("Source", "https://example.org/sentiment")),
            Dataset("data/reviews.csv", ("Name", "reviews"), ("LicenseExpression", "CC0-1.0"), ("Usage", "Training;Evaluation"), ("Source", "https://example.org/data"), ("DataCard", "data/README.md")),
            Component("train/", "TrainingCode", "MIT"),
            Component("src/Model.cs", "ModelArchitecture", "MIT"),
            Component("src/Features.cs", "DataPreprocessingCode", "MIT"),
            Component("src/Evaluate.cs", "EvaluationCode", "MIT"),
            Component("docs/report.md", "TechnicalReport", "CC-BY-4.0"),
            Component("data/README.md", "DataCard", "CC0-1.0"),
        ];
    }

    private AIBomResult Build(ArtifactDeclaration[] artifacts, OpennessOptions? options = null, string? projectLicense = "MIT", string? sarif = null) =>
        AIBomBuilder.Build(new AIBomRequest
        {
            SarifPath = sarif,
            Project = new ProjectInfo { Name = "App", Directory = ProjectDirectory, LicenseExpression = projectLicense, RepositoryUrl = "https://example.org/app" },
            Artifacts = artifacts,
            Openness = options ?? new OpennessOptions(),
        }, ProjectFile);

    private ArtifactDeclaration Model(string include, params (string Key, string Value)[] metadata) => _test.Model(include, metadata);

    private ArtifactDeclaration Dataset(string include, params (string Key, string Value)[] metadata) => _test.Dataset(include, metadata);

    private ArtifactDeclaration Component(string include, string kind, string? license = null) => _test.Component(include, kind, license);

    private void Write(string relativePath, string content) => _test.Write(relativePath, content);
}
