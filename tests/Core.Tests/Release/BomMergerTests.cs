using OpenModel.Core.CycloneDx;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Compliance;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Release;

public sealed class BomMergerTests
{
    private const string ModelHash = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string OnnxRuntime = "pkg:nuget/Microsoft.ML.OnnxRuntime@1.31.1";

    [Fact]
    public void Shared_model_and_packages_appear_once_and_every_project_keeps_its_edges()
    {
        var sources = new[] { Project("Api", "Serilog"), Project("Worker", "Polly"), Project("Batch", "CsvHelper") };

        var result = BomMerger.Merge(sources, "Shop", "2.0.0", "2026-01-01T00:00:00Z");
        var bom = result.Bom;
        var bytes = BomSerializer.Serialize(bom);

        Assert.Empty(result.Diagnostics);
        Assert.Empty(CycloneDxSchema.Validate16(bytes));
        Assert.Empty(BomSemanticValidator.Validate(bom));
        Assert.Single(bom.Components!, c => c.Type == "machine-learning-model");
        Assert.Single(bom.Components!, c => c.Purl == OnnxRuntime);
        Assert.Equal(bom.Components!.Count, bom.Components!.Select(c => c.BomRef).Distinct().Count());
        Assert.Equal(["pkg:nuget/Api@1.0.0", "pkg:nuget/Batch@1.0.0", "pkg:nuget/Worker@1.0.0"], Edges(bom, "product:Shop@2.0.0"));
        foreach (var (project, own) in new[] { ("Api", "Serilog"), ("Worker", "Polly"), ("Batch", "CsvHelper") })
        {
            Assert.Equal(new[] { "model:models/sentiment.onnx", $"pkg:nuget/{own}@1.0.0", OnnxRuntime }.Order(StringComparer.Ordinal), Edges(bom, $"pkg:nuget/{project}@1.0.0"));
            var link = Assert.Single(bom.Components!.Single(c => c.Name == project).ExternalReferences!, r => r.Type == "bom");
            Assert.Equal($"urn:cdx:{sources.Single(s => s.Bom.Metadata.Component!.Name == project).Bom.SerialNumber!["urn:uuid:".Length..]}/1", link.Url);
        }

        Assert.Equal(["pkg:nuget/Microsoft.ML.OnnxRuntime.Managed@1.31.1"], Edges(bom, OnnxRuntime));
        Assert.Equal(9, bom.Components!.Count); // 3 projects, 1 model, 2 shared packages, 3 own packages
    }

    [Fact]
    public void One_model_name_with_two_hashes_is_OM6001_and_both_variants_are_kept_with_their_edges()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly", modelHash: new string('2', 64));

        var result = BomMerger.Merge([api, worker], "Shop", null, null);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal(("OM6001", "worker.json"), (diagnostic.Id, diagnostic.File));
        Assert.Contains("model 'sentiment' has SHA-256:2222", diagnostic.Message);
        var models = result.Bom.Components!.Where(c => c.Type == "machine-learning-model").ToList();
        Assert.Equal(2, models.Count);
        Assert.All(models, m => Assert.StartsWith("model:models/sentiment.onnx#", m.BomRef));
        Assert.Contains(models.Single(m => m.Hashes![0].Content == ModelHash).BomRef!, Edges(result.Bom, "pkg:nuget/Api@1.0.0"));
        Assert.Contains(models.Single(m => m.Hashes![0].Content != ModelHash).BomRef!, Edges(result.Bom, "pkg:nuget/Worker@1.0.0"));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));
        Assert.Empty(CycloneDxSchema.Validate16(BomSerializer.Serialize(result.Bom)));
    }

    [Fact]
    public void One_package_with_two_licences_is_OM6002_and_the_other_licence_is_recorded()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly", onnxLicense: "Apache-2.0");

        var result = BomMerger.Merge([api, worker], "Shop", null, null);

        var diagnostic = Assert.Single(result.Diagnostics);
        Assert.Equal("OM6002", diagnostic.Id);
        Assert.Contains($"{OnnxRuntime} is licensed 'Apache-2.0' here but 'MIT' in api.json", diagnostic.Message);
        var package = result.Bom.Components!.Single(c => c.Purl == OnnxRuntime);
        Assert.Equal("MIT", package.Licenses!.Single().Expression);
        Assert.Contains(package.Properties!, p => p.Name == "openmodel:merge:conflicting-licence" && p.Value == "Apache-2.0 (worker.json)");
    }

    [Fact]
    public void A_project_reference_is_the_referenced_project_and_appears_once()
    {
        var lib = Project("Lib", "Serilog");
        var app = Project("App", "Polly");
        app.Bom.Components!.Add(new Component { BomRef = "project:Lib@1.0.0", Name = "Lib", Version = "1.0.0" });
        app.Bom.Dependencies!.Single(d => d.Ref == "pkg:nuget/App@1.0.0").DependsOn!.Add("project:Lib@1.0.0");

        var result = BomMerger.Merge([app, lib], "Shop", null, null);

        Assert.Single(result.Bom.Components!, c => c.Name == "Lib");
        Assert.Contains("pkg:nuget/Lib@1.0.0", Edges(result.Bom, "pkg:nuget/App@1.0.0"));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_the_inputs()
    {
        byte[] Merged(params string[] order) => BomSerializer.Serialize(BomMerger.Merge(
            order.Select(n => Project(n, n + "Lib", modelHash: n == "B" ? new string('3', 64) : ModelHash)).ToList(), "P", "1", null).Bom);

        Assert.Equal(Merged("A", "B", "C"), Merged("C", "B", "A"));
    }

    [Fact]
    public void Files_of_the_same_name_in_two_projects_are_two_components_without_a_conflict()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly");
        api.Bom.Components!.Add(new Component { Type = "file", BomRef = "component:Program.cs", Name = "Program", Hashes = [new Hash("SHA-256", new string('a', 64))] });
        worker.Bom.Components!.Add(new Component { Type = "file", BomRef = "component:Program.cs", Name = "Program", Hashes = [new Hash("SHA-256", new string('b', 64))] });

        var result = BomMerger.Merge([api, worker], "Shop", null, null);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, result.Bom.Components!.Count(c => c.Name == "Program"));
        Assert.Empty(BomSemanticValidator.Validate(result.Bom));
    }

    [Fact]
    public void A_BOM_without_a_project_is_OM6007_and_dangling_references_are_reported()
    {
        var orphan = new MergeSource("orphan.json", new Bom());
        var api = Project("Api", "Serilog");
        api.Bom.Dependencies!.Add(new Dependency { Ref = "pkg:nuget/Ghost@1.0.0", DependsOn = [] });

        var result = BomMerger.Merge([orphan, api], "Shop", null, null);

        Assert.Contains(result.Diagnostics, d => d is { Id: "OM6007", File: "orphan.json", Level: Diagnostics.DiagnosticLevel.Error });
        Assert.Contains(result.Diagnostics, d => d.Id == "OM6007" && d.Message.Contains("'pkg:nuget/Ghost@1.0.0' does not resolve", StringComparison.Ordinal));
    }

    [Fact]
    public void The_product_states_the_infrastructure_its_projects_state()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly");
        api.Bom.Metadata.Properties!.Add(new Property("openmodel:infrastructure:software", "ONNX Runtime 1.31.1 (package Microsoft.ML.OnnxRuntime)"));
        api.Bom.Metadata.Properties!.Add(new Property("openmodel:infrastructure:hardware", "CPU (ONNX Runtime's default execution provider), from package Microsoft.ML.OnnxRuntime 1.31.1"));
        worker.Bom.Metadata.Properties!.Add(new Property("openmodel:infrastructure:software", "ONNX Runtime 1.31.1 (package Microsoft.ML.OnnxRuntime)"));

        var merged = BomMerger.Merge([api, worker], "Shop", null, null).Bom;

        Assert.Equal(
            ["openmodel:infrastructure:hardware", "openmodel:infrastructure:software"],
            merged.Metadata.Properties!.Where(p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal)).Select(p => p.Name).Order());
        var ids = OpenModel.Core.Release.Compliance.ComplianceChecker.Check(OpenModel.Core.Release.Compliance.ComplianceProfiles.G7Ai, "product.json", BomSerializer.Serialize(merged)).Diagnostics.Select(d => d.Id);
        Assert.DoesNotContain("OM6214", ids);
        Assert.DoesNotContain("OM6215", ids);
    }

    [Fact]
    public void Markers_every_project_agrees_on_are_carried_and_check_reports_them_withheld_or_unknown_not_missing()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly");
        foreach (var source in new[] { api, worker })
        {
            source.Bom.Metadata.Properties!.Add(new Property("openmodel:withheld", "infrastructure-hardware"));
            source.Bom.Metadata.Properties!.Add(new Property("openmodel:unknown", "author"));
        }

        // The model marks its training data withheld in one project only: the merged model still says so.
        worker.Bom.Components!.Single(c => c.Type == "machine-learning-model").Properties = [new Property("openmodel:withheld", "training-data")];

        var result = BomMerger.Merge([api, worker], "Shop", null, "2026-01-01T00:00:00Z", "1.0.0");
        var report = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "product.json", BomSerializer.Serialize(result.Bom));

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "OM6009");
        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Key == "infrastructure-hardware").Status);
        Assert.Equal(ElementStatus.Unknown, report.Results.Single(r => r.Element.Key == "author").Status);
        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Key == "training-data").Status);
        Assert.DoesNotContain(report.Diagnostics, d => d.Id is "OM6201" or "OM6215" or "OM6209");
    }

    [Fact]
    public void Projects_that_disagree_on_a_marker_are_OM6009_and_the_merged_BOM_never_excuses_an_unmarked_project()
    {
        var api = Project("Api", "Serilog");
        var worker = Project("Worker", "Polly");
        var batch = Project("Batch", "Dapper");
        api.Bom.Metadata.Properties!.Add(new Property("openmodel:withheld", "infrastructure-hardware"));
        worker.Bom.Metadata.Properties!.Add(new Property("openmodel:unknown", "infrastructure-hardware"));
        api.Bom.Metadata.Properties!.Add(new Property("openmodel:withheld", "infrastructure-software"));
        api.Bom.Components!.Single(c => c.Type == "machine-learning-model").Properties = [new Property("openmodel:withheld", "kpi")];
        worker.Bom.Components!.Single(c => c.Type == "machine-learning-model").Properties = [new Property("openmodel:unknown", "kpi")];

        var both = BomMerger.Merge([api, worker], "Shop", null, null);
        var all = BomMerger.Merge([api, worker, batch], "Shop", null, null);

        // Withheld by one project, unknown to another: withheld for the product (something is known), and said so.
        Assert.Contains(both.Diagnostics, d => d.Id == "OM6009" && d.File == "worker.json" && d.Message.Contains("'infrastructure-hardware'", StringComparison.Ordinal) && d.Message.Contains("api.json", StringComparison.Ordinal));
        Assert.Contains(both.Diagnostics, d => d.Id == "OM6009" && d.Message.Contains("'kpi'", StringComparison.Ordinal) && d.Message.Contains("model 'sentiment'", StringComparison.Ordinal));
        var report = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "product.json", BomSerializer.Serialize(both.Bom));
        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Key == "infrastructure-hardware").Status);
        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Key == "kpi").Status);

        // Software is withheld by Api but neither stated nor marked by Worker: the product does not state it, so it is missing.
        Assert.Contains(both.Diagnostics, d => d.Id == "OM6009" && d.Message.Contains("'infrastructure-software'", StringComparison.Ordinal));
        Assert.Equal(ElementStatus.Missing, report.Results.Single(r => r.Element.Key == "infrastructure-software").Status);

        // Batch marks nothing: what Api and Worker mark is not the product's answer for Batch.
        var three = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "product.json", BomSerializer.Serialize(all.Bom));
        Assert.Equal(ElementStatus.Missing, three.Results.Single(r => r.Element.Key == "infrastructure-hardware").Status);
        Assert.Contains(all.Diagnostics, d => d.Id == "OM6009" && d.File == "batch.json" && d.Message.Contains("'infrastructure-hardware'", StringComparison.Ordinal));
    }

    [Fact]
    public void Product_of_projects_built_for_the_profiles_states_their_authors_and_generation_context_and_marks_what_it_cannot_know()
    {
        var sources = new[] { Project("Api", "Serilog"), Project("Worker", "Polly") };
        foreach (var source in sources)
        {
            ComplianceFacts.Apply(source.Bom, ComplianceProfiles.All, "Contoso", new DeclaredInfrastructure(["Linux containers"], ["x64 CPU"], "Directory.Build.props"));
        }

        var merged = BomMerger.Merge(sources, "Shop", null, "2026-01-01T00:00:00Z", "1.0.0").Bom;
        var json = BomSerializer.Serialize(merged);
        var plain = BomMerger.Merge([Project("Api", "Serilog"), Project("Worker", "Polly")], "Shop", null, null).Bom;

        Assert.Equal("Contoso", Assert.Single(merged.Metadata.Authors!).Name);
        Assert.Equal("post-build", Assert.Single(merged.Metadata.Lifecycles!).Phase);
        foreach (var profile in ComplianceProfiles.All)
        {
            var report = ComplianceChecker.Check(profile, "product.json", json);
            Assert.DoesNotContain(report.Results, r => r.Status == ElementStatus.Missing && r.Element.Key != "signature");
        }

        // Projects built without profiles neither fill nor mark: neither does their product.
        Assert.Null(plain.Metadata.Lifecycles);
        Assert.DoesNotContain(plain.Metadata.Component!.Properties ?? [], p => p.Name == ComplianceFacts.UnknownProperty);
    }

    private static List<string> Edges(Bom bom, string reference) =>
        bom.Dependencies!.Single(d => d.Ref == reference).DependsOn!.Order(StringComparer.Ordinal).ToList();

    /// <summary>A project BOM as the SDK writes it: the project, a model, a shared package with its own dependency, and one of its own.</summary>
    internal static MergeSource Project(string name, string ownPackage, string modelHash = ModelHash, string onnxLicense = "MIT")
    {
        var root = $"pkg:nuget/{name}@1.0.0";
        var own = $"pkg:nuget/{ownPackage}@1.0.0";
        var bom = new Bom
        {
            Metadata = new BomMetadata
            {
                Component = new Component { Type = "application", BomRef = root, Name = name, Version = "1.0.0", Purl = root },
                Properties = [new Property("openmodel:openness:class", "Class II")],
            },
            Components =
            [
                new Component { Type = "machine-learning-model", BomRef = "model:models/sentiment.onnx", Name = "sentiment", Version = "1.0.0", Hashes = [new Hash("SHA-256", modelHash)], Licenses = [new LicenseChoice { Expression = "MIT" }] },
                Package(OnnxRuntime, "Microsoft.ML.OnnxRuntime", onnxLicense, 'c'),
                Package("pkg:nuget/Microsoft.ML.OnnxRuntime.Managed@1.31.1", "Microsoft.ML.OnnxRuntime.Managed", "MIT", 'd'),
                Package(own, ownPackage, "MIT", ownPackage[0]),
            ],
            Dependencies =
            [
                new Dependency { Ref = root, DependsOn = ["model:models/sentiment.onnx", OnnxRuntime, own] },
                new Dependency { Ref = OnnxRuntime, DependsOn = ["pkg:nuget/Microsoft.ML.OnnxRuntime.Managed@1.31.1"] },
                new Dependency { Ref = "pkg:nuget/Microsoft.ML.OnnxRuntime.Managed@1.31.1", DependsOn = [] },
                new Dependency { Ref = own, DependsOn = [] },
            ],
            Compositions = [new Composition { Aggregate = "complete", Assemblies = ["model:models/sentiment.onnx"] }],
        };

        // The serial number is what the SDK writes: derived from the content.
        var written = BomSerializer.Deserialize(BomSerializer.Serialize(bom));
        return new MergeSource(name.ToLowerInvariant() + ".json", written);
    }

    private static Component Package(string purl, string name, string license, char hash) => new()
    {
        BomRef = purl,
        Name = name,
        Version = purl[(purl.LastIndexOf('@') + 1)..],
        Purl = purl,
        Hashes = [new Hash("SHA-512", new string(char.IsAsciiHexDigit(hash) ? hash : 'e', 128))],
        Licenses = [new LicenseChoice { Expression = license }],
    };
}
