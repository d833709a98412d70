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

/// <summary>Merging CycloneDX 1.7 BOMs keeps their citations, pointed at the merged BOM's bom-refs.</summary>
public sealed class MergedCitationTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("openmodel-merge-cite-").FullName;

    [Fact]
    public void Merged_1_7_BOM_keeps_every_citation_with_expressions_and_attributions_that_resolve_in_it()
    {
        var api = Build("Api", "weights v1");
        var worker = Build("Worker", "weights v2"); // the same model name with another hash: two variants, two bom-refs

        var merged = BomMerger.Merge([api, worker], "Shop", "2.0.0", "2026-01-01T00:00:00Z", "1.0.0", "1.7");
        var json = BomSerializer.Serialize(merged.Bom);
        var bom = CitationTests.Parse(json);

        Assert.Equal("1.7", merged.Bom.SpecVersion);
        Assert.Empty(CycloneDxSchema.Validate17(json));
        Assert.Empty(BomSemanticValidator.Validate(merged.Bom));
        Assert.DoesNotContain(merged.Diagnostics, d => d.Id == "OM6007");
        var citations = bom["citations"]!.Children<JObject>().ToList();
        var refs = bom.SelectTokens("$..['bom-ref']").Select(t => (string)t!).ToHashSet();
        Assert.All(citations, c =>
        {
            Assert.Contains((string)c["attributedTo"]!, refs);
            Assert.NotEmpty(bom.SelectTokens((string)c["expressions"]![0]!));
        });
        Assert.All(api.Bom.Citations!.Concat(worker.Bom.Citations!), s => Assert.Contains(citations, c => (string)c["note"]! == s.Note));

        var models = merged.Bom.Components!.Where(c => c.Type == "machine-learning-model").Select(c => c.BomRef!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, models.Count);
        foreach (var model in models)
        {
            Assert.Contains(citations, c => (string)c["expressions"]![0]! == $"$.components[?(@['bom-ref']=='{model}')].hashes");
        }

        // The project's own licence was cited at $.metadata.component; in the product it is one of the components.
        Assert.Contains(citations, c => (string)c["expressions"]![0]! == "$.components[?(@['bom-ref']=='pkg:nuget/Api@1.0.0')].licenses"
            && (string)c["attributedTo"]! == "pkg:nuget/Api@1.0.0" && ((string)c["note"]!).StartsWith("PackageLicenseExpression in Api.csproj", StringComparison.Ordinal));
        Assert.DoesNotContain(citations, c => ((string)c["expressions"]![0]!).StartsWith("$.metadata.component", StringComparison.Ordinal));
        Assert.Contains(merged.Bom.Metadata.Tools!.Components!, t => t.BomRef == "tool:OpenModel/OpenModel.Sdk@1.0.0");
    }

    [Fact]
    public void Merged_1_6_BOM_has_no_citations_and_stays_valid()
    {
        var merged = BomMerger.Merge([Build("Api", "w"), Build("Worker", "w")], "Shop", null, null);
        var json = BomSerializer.Serialize(merged.Bom);

        Assert.Equal("1.6", merged.Bom.SpecVersion);
        Assert.Null(merged.Bom.Citations);
        Assert.Empty(CycloneDxSchema.Validate16(json));
    }

    [Fact]
    public void Json_pointers_are_rewritten_to_the_merged_positions_and_a_citation_that_resolves_nowhere_is_dropped_with_OM6007()
    {
        var api = Build("Api", "w");
        var source = api.Bom;
        var model = source.Components!.FindIndex(c => c.Type == "machine-learning-model");
        source.Citations =
        [
            new Citation { Pointers = [$"/components/{model}/hashes", "/metadata/component/licenses"], Timestamp = "2026-01-01T00:00:00Z", AttributedTo = "tool:OpenModel/OpenModel.Sdk@1.0.0" },
            new Citation { Expressions = ["$.components[?(@['bom-ref']=='model:nowhere.onnx')].hashes"], Timestamp = "2026-01-01T00:00:00Z", AttributedTo = "tool:OpenModel/OpenModel.Sdk@1.0.0" },
            new Citation { Pointers = ["/components/99/hashes"], Timestamp = "2026-01-01T00:00:00Z", AttributedTo = "tool:OpenModel/OpenModel.Sdk@1.0.0" },
        ];
        var other = Build("Worker", "w");

        var merged = BomMerger.Merge([other, api], "Shop", null, null, "1.0.0", "1.7");
        var json = BomSerializer.Serialize(merged.Bom);
        var bom = CitationTests.Parse(json);

        Assert.Empty(CycloneDxSchema.Validate17(json));
        var kept = Assert.Single(merged.Bom.Citations!, c => c.Pointers is not null);
        var components = merged.Bom.Components!;
        Assert.Equal(
            [$"/components/{components.FindIndex(c => c.Type == "machine-learning-model")}/hashes", $"/components/{components.FindIndex(c => c.BomRef == "pkg:nuget/Api@1.0.0")}/licenses"],
            kept.Pointers);
        Assert.NotNull(bom.SelectToken(PointerToPath(kept.Pointers![0])));
        Assert.Equal(2, merged.Diagnostics.Count(d => d.Id == "OM6007" && d.File == "api.json" && d.Message.Contains("citation", StringComparison.Ordinal)));
        Assert.DoesNotContain(merged.Bom.Citations!, c => c.Expressions?.Any(e => e.Contains("nowhere", StringComparison.Ordinal)) == true);
    }

    /// <summary>
    /// Another tool's 1.7 BOM cites with JSON pointers into its components' own lists. A pointer into a component that is
    /// merged into another project's copy of it must name the merged copy's element that holds the same value, or go.
    /// </summary>
    [Fact]
    public void Another_tools_pointers_into_merged_components_are_rewritten_to_the_element_holding_the_same_value_or_dropped()
    {
        var api = Parse("api.json", """
            {"bomFormat":"CycloneDX","specVersion":"1.7","serialNumber":"urn:uuid:11111111-1111-4111-8111-111111111111","version":1,
             "metadata":{"tools":{"components":[{"type":"application","bom-ref":"tool:other","name":"other-sbom-tool","version":"3.1"}]},
               "component":{"type":"application","bom-ref":"app:api","name":"Api","version":"1.0.0","purl":"pkg:nuget/Api@1.0.0"}},
             "components":[
               {"type":"library","bom-ref":"lib:shared","name":"Shared","version":"1.0.0","purl":"pkg:nuget/Shared@1.0.0",
                "licenses":[{"license":{"id":"MIT"}}],"hashes":[{"alg":"SHA-256","content":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}],
                "evidence":{"occurrences":[{"location":"src/Api.cs","line":9}]}}],
             "dependencies":[{"ref":"app:api","dependsOn":["lib:shared"]}]}
            """);
        const string Worker = """
            {"bomFormat":"CycloneDX","specVersion":"1.7","serialNumber":"urn:uuid:22222222-2222-4222-8222-222222222222","version":1,
             "metadata":{"tools":{"components":[{"type":"application","bom-ref":"tool:other","name":"other-sbom-tool","version":"3.1"}]},
               "component":{"type":"application","bom-ref":"app:worker","name":"Worker","version":"1.0.0","purl":"pkg:nuget/Worker@1.0.0",
                 "properties":[{"name":"zz:stage","value":"prod"}]}},
             "components":[
               {"type":"library","bom-ref":"zlib:only","name":"Only","version":"2.0.0","purl":"pkg:nuget/Only@2.0.0","licenses":[{"license":{"id":"Apache-2.0"}}]},
               {"type":"library","bom-ref":"lib:shared-w","name":"Shared","version":"1.0.0","purl":"pkg:nuget/Shared@1.0.0",
                "licenses":[{"license":{"id":"BSD-3-Clause"}}],"hashes":[{"alg":"SHA-256","content":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}],
                "evidence":{"occurrences":[{"location":"src/Worker.cs","line":3}]},
                "components":[{"type":"file","name":"shared.dll"}]}],
             "dependencies":[{"ref":"app:worker","dependsOn":["lib:shared-w","zlib:only"]}],
             "citations":[
               {"pointers":["/components/1/evidence/occurrences/0"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"occurrence"},
               {"pointers":["/components/1/hashes/0/content"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"hash"},
               {"pointers":["/components/0/licenses/0/license/id"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"only licence"},
               {"pointers":["/metadata/component/properties/0/value"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"stage"},
               {"pointers":["/components/1/licenses/0/license/id"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"conflicting licence"},
               {"pointers":["/components/1/evidence/occurrences/5"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"dangling"},
               {"pointers":["/components/1/components/0/name"],"timestamp":"2026-01-01T00:00:00Z","attributedTo":"tool:other","note":"nested"}]}
            """;
        var worker = Parse("worker.json", Worker);

        var merged = BomMerger.Merge([api, worker], "Shop", null, null, "1.0.0", "1.7");
        var json = BomSerializer.Serialize(merged.Bom);
        var bom = CitationTests.Parse(json);
        var source = CitationTests.Parse(Encoding.UTF8.GetBytes(Worker));

        Assert.Empty(CycloneDxSchema.Validate17(json));
        var kept = merged.Bom.Citations!.ToDictionary(c => c.Note!, c => Assert.Single(c.Pointers!));
        Assert.Equal(["hash", "occurrence", "only licence", "stage"], kept.Keys.Order(StringComparer.Ordinal));
        foreach (var (note, pointer) in kept)
        {
            var original = (string)source["citations"]!.Single(c => (string)c["note"]! == note)["pointers"]![0]!;
            Assert.True(JToken.DeepEquals(source.SelectToken(PointerToPath(original)), bom.SelectToken(PointerToPath(pointer))), $"{note}: {pointer}");
        }

        // Worker's occurrence follows Api's in the merged Shared; the conflicting licence, the dangling pointer and the
        // pointer into a nested component (which the merged BOM does not carry) are dropped.
        Assert.EndsWith("/evidence/occurrences/1", kept["occurrence"], StringComparison.Ordinal);
        Assert.Equal(3, merged.Diagnostics.Count(d => d.Id == "OM6007" && d.File == "worker.json" && d.Message.Contains("citation", StringComparison.Ordinal)));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static MergeSource Parse(string file, string json) => new(file, BomSerializer.Deserialize(Encoding.UTF8.GetBytes(json)));

    private static string PointerToPath(string pointer) => "$" + string.Concat(pointer.Split('/').Skip(1).Select(s => int.TryParse(s, out var i) ? $"[{i}]" : "." + s));

    /// <summary>A project's 1.7 AI-BOM as the SDK writes it: a licensed project and a declared, hashed model with a card.</summary>
    private MergeSource Build(string name, string weights)
    {
        var project = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.Combine(project, "models"));
        File.WriteAllText(Path.Combine(project, "models", "shared.onnx"), weights);
        File.WriteAllText(Path.Combine(project, "models", "README.md"), "---\nlicense: mit\npipeline_tag: text-classification\n---\n## Intended use\nDemos.\n");
        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = name, Directory = project, LicenseExpression = "MIT" },
            Artifacts = [new ArtifactDeclaration(ArtifactKind.Model, "models/shared.onnx", new Dictionary<string, string>(), project)],
            SpecVersion = "1.7",
            SourceDateEpoch = "1767225600",
            ToolVersion = "1.0.0",
        };
        var bytes = BomSerializer.Serialize(AIBomBuilder.Build(request, Path.Combine(project, name + ".csproj")).Bom);
        return new MergeSource(name.ToLowerInvariant() + ".json", BomSerializer.Deserialize(bytes));
    }
}
