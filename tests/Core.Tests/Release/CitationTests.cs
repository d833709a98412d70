using System.Text;
using Newtonsoft.Json.Linq;
using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;
using OpenModel.Core.Release;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Release;

/// <summary>CycloneDX 1.7 <c>citations</c>: which declaration, model card, .nuspec, file header or load site each fact came from.</summary>
public sealed class CitationTests : IDisposable
{
    private readonly TestProject _test = new();

    [Fact]
    public void Spec_1_7_cites_where_each_licence_hash_card_and_dataset_fact_came_from()
    {
        var json = Build("1.7", "1767225600");
        var bom = Parse(json);

        Assert.Empty(CycloneDxSchema.Validate17(json));
        var citations = bom["citations"]!.Children<JObject>().ToList();
        var refs = bom.SelectTokens("$..['bom-ref']").Select(t => (string)t!).ToHashSet();
        Assert.All(citations, c =>
        {
            Assert.Equal("2026-01-01T00:00:00Z", (string)c["timestamp"]!);
            Assert.Contains((string)c["attributedTo"]!, refs);
            Assert.NotEmpty(bom.SelectTokens((string)c["expressions"]![0]!));
        });

        string Note(string expression) => string.Join(" | ", citations.Where(c => (string)c["expressions"]![0]! == expression).Select(c => $"{c["attributedTo"]}: {c["note"]}"));
        Assert.Equal("model:models/a.onnx: 'license' in the front matter of the model card models/README.md:2",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].licenses"));
        Assert.Equal("pkg:nuget/App@1.0.0: LicenseExpression of AIModel 'models/b/b.onnx' in App.csproj:7",
            Note("$.components[?(@['bom-ref']=='model:models/b/b.onnx')].licenses"));
        Assert.Equal("tool:OpenModel/OpenModel.Sdk@1.0.0: SHA-256 computed by OpenModel.Sdk over models/a.onnx",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].hashes"));
        Assert.Equal("model:models/a.onnx: 'datasets' in the front matter of the model card models/README.md:4",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].modelCard.modelParameters.datasets"));
        Assert.Equal("pkg:nuget/App@1.0.0: TrainedOn of AIModel 'models/b/b.onnx' in App.csproj:7",
            Note("$.components[?(@['bom-ref']=='model:models/b/b.onnx')].modelCard.modelParameters.datasets"));
        Assert.Equal("model:models/a.onnx: the sections 'Intended use' (line 6), 'Limitations' (line 8) and 'Risks' (line 10) of the model card models/README.md",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].modelCard.considerations"));
        Assert.Equal("pkg:nuget/App@1.0.0: Source of AIDataset 'data/reviews.csv' in App.csproj:8",
            Note("$.components[?(@['bom-ref']=='data:data/reviews.csv')].data[0].contents"));
        Assert.Equal("tool:OpenModel/OpenModel.Sdk@1.0.0: OpenModel's inspection of the header and structure of models/a.onnx",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].properties[?(@.name=='openmodel:scan')]"));
        Assert.Equal("pkg:nuget/App@1.0.0: LicenseExpression of AIModel 'openai:gpt-4o' in App.csproj:12",
            Note("$.services[?(@['bom-ref']=='service:openai:gpt-4o')].licenses"));
        Assert.Equal("tool:OpenModel/OpenModel.Sdk@1.0.0: OpenModel's known endpoint of provider 'openai'",
            Note("$.services[?(@['bom-ref']=='service:openai:gpt-4o')].endpoints"));
        Assert.Equal("pkg:nuget/App@1.0.0: PackageLicenseExpression in App.csproj:3", Note("$.metadata.component.licenses"));
        Assert.Equal("model:models/a.onnx: 'pipeline_tag' in the front matter of the model card models/README.md:3",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].modelCard.modelParameters.task"));

        // Each code load site is cited on its own occurrence, which carries the file and line.
        Assert.Equal("tool:OpenModel/OpenModel.Sdk@1.0.0: Scorer.cs:12, a load site the OpenModel analyzers reported (OM2000) in the compiler's SARIF log",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].evidence.occurrences[?(@.location=='Scorer.cs' && @.line==12)]"));
        Assert.Equal("tool:OpenModel/OpenModel.Sdk@1.0.0: Program.cs:3, a load site the OpenModel analyzers reported (OM2000) in the compiler's SARIF log",
            Note("$.components[?(@['bom-ref']=='model:models/a.onnx')].evidence.occurrences[?(@.location=='Program.cs' && @.line==3)]"));
        Assert.Equal(12, (int)bom.SelectToken("$.components[?(@['bom-ref']=='model:models/a.onnx')].evidence.occurrences[?(@.location=='Scorer.cs' && @.line==12)].line")!);
    }

    [Fact]
    public void Without_SOURCE_DATE_EPOCH_each_citation_says_its_time_is_not_recorded()
    {
        var json = Build("1.7", sourceDateEpoch: null);
        var bom = Parse(json);

        Assert.Empty(CycloneDxSchema.Validate17(json));
        Assert.All(bom["citations"]!.Children<JObject>(), c =>
        {
            Assert.Equal("1970-01-01T00:00:00Z", (string)c["timestamp"]!);
            Assert.EndsWith("; time not recorded (SOURCE_DATE_EPOCH unset), the Unix epoch stands in", (string)c["note"]!);
        });
    }

    [Fact]
    public void A_project_file_that_is_not_XML_leaves_declarations_cited_by_file_only()
    {
        var json = Build("1.7", "1767225600", projectFile: "<Project><ItemGroup><AIModel Include=\"models/b/b.onnx\" ");
        var bom = Parse(json);

        Assert.Empty(CycloneDxSchema.Validate17(json));
        Assert.Contains(bom["citations"]!.Children<JObject>(), c => (string)c["note"]! == "LicenseExpression of AIModel 'models/b/b.onnx' in App.csproj");
    }

    [Fact]
    public void Spec_1_6_has_no_citations_and_stays_valid()
    {
        var json = Build("1.6", "1767225600");

        Assert.Empty(CycloneDxSchema.Validate16(json));
        Assert.DoesNotContain("\"citations\"", Encoding.UTF8.GetString(json));
    }

    [Fact]
    public void A_package_licence_is_cited_to_its_nuspec_and_its_hash_to_the_packages_folder()
    {
        var bom = new Bom
        {
            SpecVersion = "1.7",
            Metadata = new BomMetadata { Tools = new ToolChoice { Components = [new Component { Type = "application", Group = "OpenModel", Name = "OpenModel.Sdk", Version = "1.0.0" }] } },
            Components =
            [
                new Component
                {
                    BomRef = "pkg:nuget/Foo@1.2.3", Name = "Foo", Version = "1.2.3", Purl = "pkg:nuget/Foo@1.2.3",
                    Licenses = [new LicenseChoice { Expression = "MIT" }], Hashes = [new Hash("SHA-512", new string('a', 128))],
                },
            ],
        };

        FactCitations.Add(bom, new BuildFacts(new ProjectInfo { Name = "App", Directory = _test.Directory }, null, new ProjectDeclarations([]), [], [], [], OpenModel.Core.Evidence.CodeEvidence.None), _test.ProjectFile);

        var json = BomSerializer.Serialize(bom);
        Assert.Empty(CycloneDxSchema.Validate17(json));
        Assert.Equal(
            [
                ("$.components[?(@['bom-ref']=='pkg:nuget/Foo@1.2.3')].hashes", "tool:OpenModel/OpenModel.Sdk@1.0.0", "foo.1.2.3.nupkg.sha512 in the NuGet packages folder (the hash NuGet verified on restore)"),
                ("$.components[?(@['bom-ref']=='pkg:nuget/Foo@1.2.3')].licenses", "pkg:nuget/Foo@1.2.3", "the licence element of Foo 1.2.3's .nuspec"),
            ],
            bom.Citations!.Select(c => (c.Expressions!.Single(), c.AttributedTo, c.Note![..c.Note!.IndexOf(';', StringComparison.Ordinal)])));
    }

    [Fact]
    public void A_package_licence_read_from_the_packages_folder_is_cited_with_the_nuspec_and_line_of_its_licence_element()
    {
        var packages = Path.Combine(_test.Directory, "packages");
        _test.Write("packages/foo/1.2.3/foo.nuspec", """
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata>
                <id>Foo</id>
                <version>1.2.3</version>
                <authors>Foo Inc</authors>
                <license type="expression">MIT</license>
                <description>Foo.</description>
              </metadata>
            </package>
            """);
        var assets = _test.Write("obj/project.assets.json", $$"""
            { "version": 3,
              "targets": { "net8.0": { "Foo/1.2.3": { "type": "package" } } },
              "libraries": { "Foo/1.2.3": { "type": "package", "path": "foo/1.2.3", "files": [ "foo.nuspec" ] } },
              "projectFileDependencyGroups": { "net8.0": [ "Foo >= 1.2.3" ] },
              "packageFolders": { {{System.Text.Json.JsonSerializer.Serialize(packages + Path.DirectorySeparatorChar)}}: {} },
              "project": { "version": "1.0.0",
                "restore": { "projectName": "App", "projectPath": {{System.Text.Json.JsonSerializer.Serialize(_test.ProjectFile)}}, "projectStyle": "PackageReference" },
                "frameworks": { "net8.0": { "targetAlias": "net8.0", "dependencies": { "Foo": { "target": "Package", "version": "[1.2.3, )" } } } } } }
            """);
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _test.Directory },
            AssetsFilePath = assets,
            SpecVersion = "1.7",
            SourceDateEpoch = "1767225600",
            ToolVersion = "1.0.0",
        };

        var result = AIBomBuilder.Build(request, _test.ProjectFile);

        Assert.DoesNotContain(result.Diagnostics, d => d.Level == OpenModel.Core.Diagnostics.DiagnosticLevel.Error);
        var citation = Assert.Single(result.Bom.Citations!, c => c.Expressions![0] == "$.components[?(@['bom-ref']=='pkg:nuget/Foo@1.2.3')].licenses");
        Assert.Equal("the licence element of Foo 1.2.3's .nuspec, foo/1.2.3/foo.nuspec:7 in the NuGet packages folder", citation.Note);
    }

    public void Dispose() => _test.Dispose();

    /// <summary>Timestamps stay text: JSON.NET would otherwise turn them into local DateTime values.</summary>
    internal static JObject Parse(byte[] json) =>
        JObject.Load(new Newtonsoft.Json.JsonTextReader(new StringReader(Encoding.UTF8.GetString(json))) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None });

    private byte[] Build(string specVersion, string? sourceDateEpoch, string? projectFile = null)
    {
        _test.WriteOnnx("models/a.onnx");
        _test.WriteOnnx("models/b/b.onnx");
        _test.Write("models/README.md", "---\nlicense: apache-2.0\npipeline_tag: text-classification\ndatasets: [imdb]\n---\n## Intended use\nReviews.\n## Limitations\nEnglish.\n## Risks\nBias.\n");
        _test.Write("data/reviews.csv", "label,text\n1,good\n");
        _test.Write("App.csproj", projectFile ?? """
            <Project Sdk="OpenModel.Sdk">
              <PropertyGroup>
                <PackageLicenseExpression>MIT</PackageLicenseExpression>
              </PropertyGroup>
              <ItemGroup>
                <AIModel Include="models/a.onnx" />
                <AIModel Include="models/b/b.onnx" LicenseExpression="MIT" TrainedOn="reviews" />
                <AIDataset Include="data/reviews.csv"
                           Name="reviews" LicenseExpression="CC0-1.0" Source="https://example.com/reviews" />
                <!-- A look-alike in a comment: <AIModel Include="openai:gpt-4o" /> -->
                <AIModel Update="models/a.onnx" Version="1" />
                <AIModel Include="openai:gpt-4o" Access="Api" LicenseExpression="LicenseRef-OpenAI-Terms" />
              </ItemGroup>
            </Project>
            """);
        var sarif = _test.Write("obj/App.sarif", $$"""
            { "version": "2.1.0", "runs": [ { "results": [
              { "ruleId": "OM2000", "level": "note", "message": { "text": "2 sites" },
                "relatedLocations": [
                  { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(_test.Directory, "Scorer.cs")).AbsoluteUri}}" }, "region": { "startLine": 12 } } },
                  { "physicalLocation": { "artifactLocation": { "uri": "{{new Uri(Path.Combine(_test.Directory, "Program.cs")).AbsoluteUri}}" }, "region": { "startLine": 3 } } } ],
                "properties": { "customProperties": { "site0": "AIModel\tmodels/a.onnx", "site1": "AIModel\tmodels/a.onnx" } } } ] } ] }
            """);
        var artifacts = new[]
        {
            _test.Model("models/a.onnx"),
            _test.Model("models/b/b.onnx", ("LicenseExpression", "MIT"), ("TrainedOn", "reviews")),
            _test.Dataset("data/reviews.csv", ("Name", "reviews"), ("LicenseExpression", "CC0-1.0"), ("Source", "https://example.com/reviews")),
            _test.Model("openai:gpt-4o", ("Access", "Api"), ("LicenseExpression", "LicenseRef-OpenAI-Terms")),
        };
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _test.Directory, LicenseExpression = "MIT" },
            Artifacts = artifacts,
            SpecVersion = specVersion,
            SarifPath = sarif,
            SourceDateEpoch = sourceDateEpoch,
            ToolVersion = "1.0.0",
        };
        return BomSerializer.Serialize(AIBomBuilder.Build(request, _test.ProjectFile).Bom);
    }
}
