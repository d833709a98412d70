using System.Security.Cryptography;
using System.Text;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Release.Attestations;
using OpenModel.Core.Release.Compliance;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Release;

public sealed class ComplianceTests
{
    /// <summary>
    /// A BOM that has every CISA element except the SBOM author, the timestamp, a version on the dataset and a hash on the
    /// project, and every G7 element except the signature, the model's metrics and the dataset's licence.
    /// </summary>
    private const string AlmostComplete = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
          "metadata": {
            "lifecycles": [ { "phase": "build" } ],
            "tools": { "components": [ { "type": "application", "name": "OpenModel.Sdk", "version": "1.0.0" } ] },
            "component": { "type": "application", "bom-ref": "app", "name": "App", "version": "1.0.0", "purl": "pkg:nuget/App@1.0.0",
              "supplier": { "name": "Contoso" }, "licenses": [ { "expression": "MIT" } ] }
          },
          "components": [
            { "type": "machine-learning-model", "bom-ref": "m", "name": "scorer", "version": "2", "purl": "pkg:huggingface/contoso/scorer@2",
              "supplier": { "name": "Contoso" }, "hashes": [ { "alg": "SHA-256", "content": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } ], "licenses": [ { "expression": "MIT" } ],
              "properties": [ { "name": "openmodel:scan", "value": "safe" } ],
              "modelCard": { "modelParameters": { "datasets": [ { "ref": "d" } ] } } },
            { "type": "data", "bom-ref": "d", "name": "reviews", "purl": "pkg:generic/reviews", "authors": [ { "name": "Contoso" } ],
              "hashes": [ { "alg": "SHA-256", "content": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb" } ], "licenses": [ { "license": { "id": "CC0-1.0" } } ] },
            { "type": "library", "bom-ref": "pkg:nuget/Lib@1.0.0", "name": "Lib", "version": "1.0.0", "purl": "pkg:nuget/Lib@1.0.0",
              "authors": [ { "name": "Fabrikam" } ], "hashes": [ { "alg": "SHA-512", "content": "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc" } ], "licenses": [ { "expression": "Apache-2.0" } ] }
          ],
          "dependencies": [ { "ref": "app", "dependsOn": [ "m", "d", "pkg:nuget/Lib@1.0.0" ] }, { "ref": "m", "dependsOn": [ "d" ] } ]
        }
        """;

    [Fact]
    public void Cisa_profile_lists_exactly_the_missing_elements_and_the_components_lacking_them()
    {
        var report = ComplianceChecker.Check(ComplianceProfiles.Cisa2026, "bom.json", Encoding.UTF8.GetBytes(AlmostComplete));

        Assert.False(report.Passes);
        Assert.Equal(["OM6101", "OM6104", "OM6106", "OM6110"], report.Diagnostics.Select(d => d.Id));
        Assert.Equal(["d"], report.Results.Single(r => r.Element.Id == "OM6104").Missing);
        Assert.Equal(["app"], report.Results.Single(r => r.Element.Id == "OM6106").Missing);
        Assert.Contains("minimum element 'Component Version' is missing for 1 component(s): d", report.Diagnostics.Single(d => d.Id == "OM6104").Message);
    }

    [Fact]
    public void G7_profile_lists_exactly_the_missing_elements()
    {
        var bom = AlmostComplete.Replace("""{ "license": { "id": "CC0-1.0" } }""", string.Empty);

        var report = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "bom.json", Encoding.UTF8.GetBytes(bom));

        Assert.Equal(["OM6201", "OM6203", "OM6204", "OM6211", "OM6212", "OM6214", "OM6215"], report.Diagnostics.Select(d => d.Id));
    }

    [Theory]
    [InlineData("""{ "type": "platform", "bom-ref": "rt", "name": ".NET", "version": "10.0" }""", "OM6214")]
    [InlineData("""{ "type": "operating-system", "bom-ref": "os", "name": "Debian", "version": "12" }""", "OM6214")]
    [InlineData("""{ "type": "device", "bom-ref": "gpu", "name": "NVIDIA A100" }""", "OM6215")]
    public void The_G7_infrastructure_cluster_is_met_by_platform_or_device_components(string component, string met)
    {
        var bom = AlmostComplete.Replace("\"components\": [", "\"components\": [ " + component + ",");

        var ids = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "bom.json", Encoding.UTF8.GetBytes(bom)).Diagnostics.Select(d => d.Id).ToList();

        Assert.DoesNotContain(met, ids);
        Assert.Contains(met == "OM6214" ? "OM6215" : "OM6214", ids);
    }

    [Fact]
    public void Build_facts_name_the_target_framework_and_the_model_runtime_and_the_hardware_its_package_implies()
    {
        var bom = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete.Replace(
            "\"components\": [",
            """
            "components": [ { "type": "library", "bom-ref": "pkg:nuget/Microsoft.ML.OnnxRuntime.Gpu@1.22.0", "name": "Microsoft.ML.OnnxRuntime.Gpu", "version": "1.22.0",
              "purl": "pkg:nuget/Microsoft.ML.OnnxRuntime.Gpu@1.22.0", "properties": [ { "name": "openmodel:nuget:targetFrameworks", "value": "net10.0" } ] },
            """)));

        ComplianceFacts.Apply(bom, [ComplianceProfiles.G7Ai], "Contoso");

        Assert.Equal(
            [
                ("openmodel:infrastructure:hardware", "NVIDIA GPU (CUDA execution provider), from package Microsoft.ML.OnnxRuntime.Gpu 1.22.0"),
                ("openmodel:infrastructure:software", ".NET (target framework net10.0)"),
                ("openmodel:infrastructure:software", "ONNX Runtime 1.22.0 (package Microsoft.ML.OnnxRuntime.Gpu)"),
            ],
            bom.Metadata.Properties!.Where(p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal)).Select(p => (p.Name, p.Value)).Order());
        var ids = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "b", BomSerializer.Serialize(bom)).Diagnostics.Select(d => d.Id);
        Assert.DoesNotContain("OM6214", ids);
        Assert.DoesNotContain("OM6215", ids);
    }

    [Fact]
    public void Without_a_known_runtime_the_build_marks_the_infrastructure_unknown_and_the_CISA_profile_adds_nothing()
    {
        var unknown = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete));
        var cisaOnly = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete));

        ComplianceFacts.Apply(unknown, [ComplianceProfiles.G7Ai], "Contoso");
        ComplianceFacts.Apply(cisaOnly, [ComplianceProfiles.Cisa2026], "Contoso");

        Assert.DoesNotContain(unknown.Metadata.Properties!, p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal));
        Assert.Contains(unknown.Metadata.Properties!, p => p is { Name: "openmodel:unknown", Value: "infrastructure-software" });
        Assert.Contains(unknown.Metadata.Properties!, p => p is { Name: "openmodel:unknown", Value: "infrastructure-hardware" });
        Assert.DoesNotContain(cisaOnly.Metadata.Properties ?? [], p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal) || p.Value?.StartsWith("infrastructure", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Declared_infrastructure_fills_both_G7_elements_without_a_runtime_package_and_names_its_declaration()
    {
        var bom = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete));
        var declared = new DeclaredInfrastructure(["Azure Container Apps", "Ubuntu 24.04"], ["NVIDIA L4 GPU"], "App.csproj");

        ComplianceFacts.Apply(bom, [ComplianceProfiles.G7Ai], "Contoso", declared);

        Assert.Equal(
            [
                ("openmodel:infrastructure:hardware", "NVIDIA L4 GPU (declared by AIBomInfrastructureHardware in App.csproj)"),
                ("openmodel:infrastructure:software", "Azure Container Apps (declared by AIBomInfrastructureSoftware in App.csproj)"),
                ("openmodel:infrastructure:software", "Ubuntu 24.04 (declared by AIBomInfrastructureSoftware in App.csproj)"),
            ],
            bom.Metadata.Properties!.Where(p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal)).Select(p => (p.Name, p.Value)).Order());
        Assert.DoesNotContain(bom.Metadata.Properties!, p => p.Name == "openmodel:unknown" && p.Value!.StartsWith("infrastructure", StringComparison.Ordinal));
        var ids = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "b", BomSerializer.Serialize(bom)).Diagnostics.Select(d => d.Id).ToList();
        Assert.DoesNotContain("OM6214", ids);
        Assert.DoesNotContain("OM6215", ids);
    }

    [Fact]
    public void Declared_infrastructure_adds_to_what_a_runtime_package_implies_and_is_recorded_without_a_profile()
    {
        var json = AlmostComplete.Replace(
            "\"components\": [",
            """
            "components": [ { "type": "library", "bom-ref": "pkg:nuget/Microsoft.ML.OnnxRuntime@1.22.0", "name": "Microsoft.ML.OnnxRuntime", "version": "1.22.0",
              "purl": "pkg:nuget/Microsoft.ML.OnnxRuntime@1.22.0", "properties": [ { "name": "openmodel:nuget:targetFrameworks", "value": "net10.0" } ] },
            """);
        var profiled = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(json));
        var plain = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(json));
        var declared = new DeclaredInfrastructure([], ["AMD EPYC 9004 CPU"], "App.csproj");

        ComplianceFacts.Apply(profiled, [ComplianceProfiles.G7Ai], "Contoso", declared);
        ComplianceFacts.Apply(plain, [], null, declared);

        Assert.Equal(
            [
                "AMD EPYC 9004 CPU (declared by AIBomInfrastructureHardware in App.csproj)",
                "CPU (ONNX Runtime's default execution provider), from package Microsoft.ML.OnnxRuntime 1.22.0",
            ],
            profiled.Metadata.Properties!.Where(p => p.Name == "openmodel:infrastructure:hardware").Select(p => p.Value).Order());
        Assert.Equal(
            ["AMD EPYC 9004 CPU (declared by AIBomInfrastructureHardware in App.csproj)"],
            plain.Metadata.Properties!.Where(p => p.Name.StartsWith("openmodel:infrastructure:", StringComparison.Ordinal)).Select(p => p.Value));
    }

    [Fact]
    public void Infrastructure_declared_withheld_is_reported_withheld_not_missing_nor_unknown()
    {
        var bom = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete));

        ComplianceFacts.Apply(bom, [ComplianceProfiles.G7Ai], "Contoso", new DeclaredInfrastructure(["Kubernetes 1.31"], ["withheld"], "App.csproj"));
        var report = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "b", BomSerializer.Serialize(bom));

        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Id == "OM6215").Status);
        Assert.Equal(ElementStatus.Present, report.Results.Single(r => r.Element.Id == "OM6214").Status);
        Assert.DoesNotContain(bom.Metadata.Properties!, p => p.Name == "openmodel:infrastructure:hardware");
        Assert.DoesNotContain(bom.Metadata.Properties!, p => p is { Name: "openmodel:unknown", Value: "infrastructure-hardware" });
    }

    [Fact]
    public void Explicit_unknown_and_withheld_markers_satisfy_an_element_and_are_reported_as_such()
    {
        var bom = AlmostComplete
            .Replace("\"name\": \"reviews\",", "\"name\": \"reviews\", \"properties\": [ { \"name\": \"openmodel:withheld\", \"value\": \"version\" } ],")
            .Replace("\"lifecycles\"", "\"timestamp\": \"2026-01-01T00:00:00Z\", \"authors\": [ { \"name\": \"Release team\" } ], \"lifecycles\"")
            .Replace("\"purl\": \"pkg:nuget/App@1.0.0\",", "\"purl\": \"pkg:nuget/App@1.0.0\", \"properties\": [ { \"name\": \"openmodel:unknown\", \"value\": \"hash\" } ],");

        var report = ComplianceChecker.Check(ComplianceProfiles.Cisa2026, "bom.json", Encoding.UTF8.GetBytes(bom));

        Assert.True(report.Passes, string.Join("\n", report.Diagnostics));
        Assert.Equal(ElementStatus.Withheld, report.Results.Single(r => r.Element.Id == "OM6104").Status);
        Assert.Equal(ElementStatus.Unknown, report.Results.Single(r => r.Element.Id == "OM6106").Status);
    }

    [Fact]
    public void A_signed_attestation_of_this_BOM_is_its_signature_and_one_of_another_BOM_is_not()
    {
        var bytes = Encoding.UTF8.GetBytes(AlmostComplete);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var key = SigningKey.FromPem(ecdsa.ExportPkcs8PrivateKeyPem());
        var subjects = new[] { new AttestationSubject("App.dll", new string('0', 64)) };
        var own = Attester.Attest(subjects, bytes, key);
        var other = Attester.Attest(subjects, "{\"bomFormat\":\"CycloneDX\"}"u8.ToArray(), key);

        Assert.DoesNotContain("OM6204", Ids(own.Envelope));
        Assert.DoesNotContain("OM6204", Ids(own.Bundle));
        Assert.Contains("OM6204", Ids(other.Envelope));
        Assert.Contains("OM6204", Ids(own.Statement));

        List<string> Ids(byte[]? attestation) => ComplianceChecker.Check(ComplianceProfiles.G7Ai, "bom.json", bytes, attestation).Diagnostics.Select(d => d.Id).ToList();
    }

    [Fact]
    public void Build_facts_fill_what_the_build_knows_and_mark_the_rest_unknown_so_both_profiles_pass()
    {
        var bom = BomSerializer.Deserialize(Encoding.UTF8.GetBytes(AlmostComplete.Replace("\"lifecycles\": [ { \"phase\": \"build\" } ],", string.Empty)));

        ComplianceFacts.Apply(bom, ComplianceProfiles.All, "Contoso Release; Jane Doe");
        var json = BomSerializer.Serialize(bom);

        Assert.Equal("build", Assert.Single(bom.Metadata.Lifecycles!).Phase);
        Assert.Equal(["Contoso Release", "Jane Doe"], bom.Metadata.Authors!.Select(a => a.Name));
        Assert.Equal(["infrastructure-hardware", "infrastructure-software", "timestamp"], bom.Metadata.Properties!.Where(p => p.Name == "openmodel:unknown").Select(p => p.Value));
        Assert.Contains(bom.Components!.Single(c => c.BomRef == "d").Properties!, p => p is { Name: "openmodel:unknown", Value: "version" });
        Assert.Contains(bom.Components!.Single(c => c.BomRef == "m").Properties!, p => p is { Name: "openmodel:unknown", Value: "kpi" });
        Assert.True(ComplianceChecker.Check(ComplianceProfiles.Cisa2026, "b", json).Passes);
        var g7 = ComplianceChecker.Check(ComplianceProfiles.G7Ai, "b", json);
        Assert.Equal(["OM6204"], g7.Diagnostics.Select(d => d.Id)); // supplied later by the attestation, never marked unknown
        Assert.Empty(CycloneDxSchema.Validate16(json));
        Assert.Empty(BomSemanticValidator.Validate(bom));
    }

    [Fact]
    public void Every_profile_element_has_a_distinct_id_documented_in_the_catalogue()
    {
        var ids = ComplianceProfiles.All.SelectMany(p => p.Elements).Select(e => e.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        foreach (var id in ids)
        {
            Assert.Matches($@"(?m)^\| {id} \| ", Repository.Catalogue);
            Repository.AssertRulePage(id);
        }
    }
}
