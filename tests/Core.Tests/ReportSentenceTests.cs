using System.Text;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Release;
using OpenModel.Core.Reports;
using Xunit;

namespace OpenModel.Core.Tests;

/// <summary>
/// Every sentence the reports print is backed by a fact in the BOM: for each kind of sentence, a BOM that lacks the fact
/// makes the report say "not declared", "not recorded" or "unknown" instead of a positive claim (Markdown and HTML).
/// </summary>
public sealed class ReportSentenceTests
{
    /// <summary>An AI-BOM as OpenModel writes it: one model, one service, analyzers that ran, openness results.</summary>
    private const string Complete = """
        {
          "bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1,
          "metadata": {
            "tools": { "components": [ { "type": "application", "group": "OpenModel", "name": "OpenModel.Sdk", "version": "1.0.0" } ] },
            "component": { "type": "application", "bom-ref": "pkg:nuget/App@1.0.0", "name": "App", "version": "1.0.0" },
            "properties": [
              { "name": "openmodel:openness:class", "value": "Class III" },
              { "name": "openmodel:openness:mof:scorer", "value": "Class III (Class III=100%)" },
              { "name": "openmodel:openness:osaid:scorer", "value": "fail" }
            ]
          },
          "components": [
            { "type": "machine-learning-model", "bom-ref": "model:models/scorer.onnx", "name": "scorer", "version": "2",
              "hashes": [ { "alg": "SHA-256", "content": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" } ],
              "licenses": [ { "expression": "MIT" } ],
              "properties": [ { "name": "openmodel:license-category", "value": "open source" }, { "name": "openmodel:scan", "value": "safe" } ],
              "evidence": { "occurrences": [ { "location": "Program.cs", "line": 7 } ] } }
          ],
          "services": [
            { "bom-ref": "service:openai:gpt-4o", "provider": { "name": "OpenAI" }, "group": "openai", "name": "gpt-4o",
              "endpoints": [ "https://api.openai.com/v1" ], "licenses": [ { "expression": "LicenseRef-OpenAI-Terms" } ],
              "properties": [ { "name": "openmodel:license-category", "value": "restricted" } ] }
          ],
          "compositions": [ { "aggregate": "complete", "assemblies": [ "model:models/scorer.onnx" ] } ],
          "declarations": { "attestations": [
            { "summary": "Five attributes of AI openness", "map": [
              { "requirement": "openness:attribute-1", "conformance": { "score": 1, "rationale": "project App is MIT" }, "confidence": { "score": 1 } } ] },
            { "summary": "Model Openness Framework 1.0: scorer", "map": [
              { "requirement": "mof:component-10", "conformance": { "score": 1, "rationale": "MIT" }, "confidence": { "score": 1 } } ] },
            { "summary": "OSI Open Source AI Definition 1.0: scorer", "map": [
              { "requirement": "osaid:parameters", "conformance": { "score": 1, "rationale": "weights under MIT" }, "confidence": { "score": 1 } } ] }
          ] }
        }
        """;

    [Fact]
    public void The_complete_BOM_renders_its_facts()
    {
        var (markdown, html) = Openness(Complete);

        Assert.Contains("| 1 | openness:attribute-1 | met | project App is MIT |", markdown);
        Assert.Contains("| mof:component-10 | yes | MIT |", markdown);
        Assert.Contains("- osaid:parameters: pass (weights under MIT)", markdown);
        Assert.Contains("| scorer | model | 2 | MIT | open source |", markdown);
        Assert.Contains("| openai:gpt-4o | service | not declared | LicenseRef-OpenAI-Terms | restricted |", markdown);
        Assert.Contains("None recorded in the AI-BOM.", markdown);
        Assert.Contains("None recorded in the AI-BOM.", html);
    }

    [Fact]
    public void A_requirement_without_a_recorded_conformance_is_unknown_not_failed()
    {
        var bom = Complete
            .Replace("\"conformance\": { \"score\": 1, \"rationale\": \"project App is MIT\" }, ", string.Empty)
            .Replace("\"conformance\": { \"score\": 1, \"rationale\": \"MIT\" }, ", string.Empty)
            .Replace("\"conformance\": { \"score\": 1, \"rationale\": \"weights under MIT\" }, ", string.Empty);
        Assert.DoesNotContain("conformance", bom);

        var (markdown, html) = Openness(bom);

        Assert.Contains("| 1 | openness:attribute-1 | unknown | not recorded in the AI-BOM |", markdown);
        Assert.Contains("| mof:component-10 | unknown | not recorded in the AI-BOM |", markdown);
        Assert.Contains("- osaid:parameters: unknown (not recorded in the AI-BOM)", markdown);
        Assert.DoesNotContain("not met", markdown);
        Assert.DoesNotContain(">not met<", html);
        Assert.Contains("<td>osaid:parameters</td><td><span class=\"state unknown\">unknown</span></td><td>not recorded in the AI-BOM</td>", html);
        Assert.Contains("<td>mof:component-10</td><td><span class=\"state unknown\">unknown</span></td>", html);
    }

    [Fact]
    public void A_model_whose_attestations_are_missing_says_so_instead_of_empty_tables()
    {
        var bom = Complete
            .Replace("\"summary\": \"Model Openness Framework 1.0: scorer\"", "\"summary\": \"something else\"")
            .Replace("\"summary\": \"OSI Open Source AI Definition 1.0: scorer\"", "\"summary\": \"something other\"")
            .Replace("{ \"name\": \"openmodel:openness:osaid:scorer\", \"value\": \"fail\" }", "{ \"name\": \"x\", \"value\": \"y\" }");

        var (markdown, html) = Openness(bom);

        Assert.Contains("OSI Open Source AI Definition 1.0: **unknown**", markdown);
        Assert.Contains("OSAID requirements: not recorded in the AI-BOM.", markdown);
        Assert.Contains("MOF components: not recorded in the AI-BOM.", markdown);
        Assert.DoesNotContain("| MOF component | counts | why |", markdown);
        Assert.Contains("MOF components: not recorded in the AI-BOM.", html);
        Assert.DoesNotContain("<th>MOF component</th>", html);
    }

    [Fact]
    public void A_component_or_service_without_a_licence_is_not_declared_and_a_named_licence_is_shown()
    {
        var bom = Complete
            .Replace("\"licenses\": [ { \"expression\": \"MIT\" } ],", string.Empty)
            .Replace("{ \"expression\": \"LicenseRef-OpenAI-Terms\" }", "{ \"license\": { \"name\": \"OpenAI Terms of Use\" } }");

        var (markdown, html) = Openness(bom);
        var (review, reviewHtml) = Review(bom);

        Assert.Contains("| scorer | model | 2 | not declared | open source |", markdown);
        Assert.Contains("| openai:gpt-4o | service | not declared | OpenAI Terms of Use | restricted |", markdown);
        Assert.DoesNotContain("none", markdown);
        Assert.DoesNotContain(">none<", html);
        Assert.Contains("| scorer | 2 | not declared |", review);
        Assert.Contains("| openai:gpt-4o | OpenAI | https://api.openai.com/v1 | OpenAI Terms of Use |", review);
        Assert.DoesNotContain(">none<", reviewHtml);
    }

    [Fact]
    public void Without_analyzer_evidence_findings_are_unknown_not_none()
    {
        var bom = Complete.Replace("\"aggregate\": \"complete\"", "\"aggregate\": \"unknown\"");

        var (markdown, html) = Openness(bom);
        var (review, reviewHtml) = Review(bom);

        Assert.DoesNotContain("None", markdown);
        Assert.Contains("Security findings: unknown — the AI-BOM records no analyzer results (its composition is unknown).", markdown);
        Assert.Contains("Security findings: unknown — the AI-BOM records no analyzer results (its composition is unknown).", html);
        Assert.Contains("Unknown: the AI-BOM records no analyzer results (its composition is unknown).", review);
        Assert.DoesNotContain("No security findings recorded.", review);
        Assert.DoesNotContain("No security findings recorded.", reviewHtml);
    }

    [Fact]
    public void Without_a_composition_at_all_findings_and_load_sites_are_unknown()
    {
        var bom = Complete
            .Replace("\"compositions\": [ { \"aggregate\": \"complete\", \"assemblies\": [ \"model:models/scorer.onnx\" ] } ],", string.Empty)
            .Replace(NoLoadSite.Old, NoLoadSite.New);

        var (markdown, _) = Openness(bom);
        var (review, _) = Review(bom);

        Assert.Contains("Security findings: unknown", markdown);
        Assert.DoesNotContain("No load sites recorded", review);
        Assert.Contains("## Code load sites\n\nUnknown: the AI-BOM records no analyzer results (its composition is unknown).", review);
    }

    [Fact]
    public void With_analyzer_evidence_and_no_load_site_the_review_says_none_was_recorded()
    {
        var (review, _) = Review(Complete.Replace(NoLoadSite.Old, NoLoadSite.New));

        Assert.DoesNotContain("Program.cs", review);
        Assert.Contains("The analyzers recorded no code load site of a declared artefact.", review);
    }

    [Fact]
    public void A_missing_hash_inspection_provider_or_endpoint_is_not_recorded_rather_than_none()
    {
        var bom = Complete
            .Replace("\"hashes\": [ { \"alg\": \"SHA-256\", \"content\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" } ],", string.Empty)
            .Replace(", { \"name\": \"openmodel:scan\", \"value\": \"safe\" }", string.Empty)
            .Replace("\"provider\": { \"name\": \"OpenAI\" }, ", string.Empty)
            .Replace("\"endpoints\": [ \"https://api.openai.com/v1\" ], ", string.Empty);

        var (review, html) = Review(bom);

        Assert.Contains("| scorer | 2 | MIT | not recorded | not recorded |", review);
        Assert.Contains("| openai:gpt-4o | not declared | not declared | LicenseRef-OpenAI-Terms |", review);
        Assert.DoesNotContain("not inspected", review);
        Assert.DoesNotContain(">none<", html);
    }

    [Fact]
    public void A_model_without_a_version_is_not_declared_in_the_review()
    {
        var (review, _) = Review(Complete.Replace("\"name\": \"scorer\", \"version\": \"2\",", "\"name\": \"scorer\","));

        Assert.Contains("| scorer | not declared | MIT |", review);
    }

    [Fact]
    public void A_BOM_without_its_project_names_it_not_declared()
    {
        var bom = Complete.Replace("\"component\": { \"type\": \"application\", \"bom-ref\": \"pkg:nuget/App@1.0.0\", \"name\": \"App\", \"version\": \"1.0.0\" },", string.Empty);

        var (markdown, html) = Openness(bom);
        var (review, _) = Review(bom);

        Assert.StartsWith("# Openness report: (project not declared in the AI-BOM)\n", markdown.ReplaceLineEndings("\n"));
        Assert.Contains("<h1>Openness report: (project not declared in the AI-BOM)</h1>", html);
        Assert.StartsWith("# AI-BOM review: (project not declared in the AI-BOM)\n", review.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_package_outside_the_build_output_is_labelled_excluded_so_the_licence_count_adds_up()
    {
        var bom = Complete.Replace("\"components\": [", """
            "components": [
              { "type": "library", "bom-ref": "pkg:nuget/Tool@1.0.0", "name": "Tool", "version": "1.0.0", "scope": "excluded", "purl": "pkg:nuget/Tool@1.0.0",
                "licenses": [ { "expression": "MIT" } ], "properties": [ { "name": "openmodel:license-category", "value": "open source" } ] },
            """);

        var (markdown, _) = Openness(bom);

        Assert.Contains("| Tool | package (excluded) | 1.0.0 | MIT | open source |", markdown);
    }

    [Fact]
    public void The_review_lists_every_finding_the_BOM_records_and_names_openness_results_by_title()
    {
        var bom = Complete
            .Replace("{ \"name\": \"openmodel:openness:class\", \"value\": \"Class III\" },", """
                { "name": "openmodel:openness:class", "value": "Class III" },
                { "name": "openmodel:openness:attribute-1", "value": "met" },
                { "name": "openmodel:diagnostic", "value": "OM3003 warning App.csproj: AIModel 'models/x.onnx' has no licence" },
                { "name": "openmodel:unmatched-load", "value": "OM2001 Program.cs:12" },
                { "name": "openmodel:openness:finding", "value": "OM5006 info: no training data" },
                """)
            .Replace("\"declarations\":", """
                "definitions": { "standards": [ { "bom-ref": "standard:openness-attributes", "name": "Five attributes",
                  "requirements": [ { "bom-ref": "openness:attribute-1", "identifier": "1", "title": "Open code that can be modified" } ] } ] },
                "declarations":
                """);

        var (review, html) = Review(bom);

        Assert.Contains("| AI-BOM diagnostic | OM3003 warning App.csproj: AIModel 'models/x.onnx' has no licence |", review);
        Assert.Contains("| load not matched to a declaration | OM2001 Program.cs:12 |", review);
        Assert.Contains("| openness finding | OM5006 info: no training data |", review);
        Assert.Contains("| attribute 1: Open code that can be modified | met |", review);
        Assert.Contains("<td class=\"hash\">sha-256:aaaa", html);
    }

    [Fact]
    public void A_model_without_its_class_is_unknown_not_None()
    {
        var bom = Complete.Replace("{ \"name\": \"openmodel:openness:mof:scorer\", \"value\": \"Class III (Class III=100%)\" }", "{ \"name\": \"openmodel:openness:mof:scorer\" }");

        var (markdown, _) = Openness(bom);

        Assert.Contains("## Model scorer: unknown", markdown);
    }

    [Fact]
    public void A_fact_the_previous_BOM_did_not_record_is_not_recorded_in_the_changes_not_none()
    {
        var previous = Parse(Complete.Replace("\"hashes\": [ { \"alg\": \"SHA-256\", \"content\": \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" } ],", string.Empty));
        var bom = Parse(Complete);

        var review = ReviewReport.Markdown(bom, previous).ReplaceLineEndings("\n");
        var html = ReviewReport.Html(bom, previous);
        var same = ReviewReport.Markdown(bom, Parse(Complete)).ReplaceLineEndings("\n");

        Assert.Contains("| changed | model | scorer | hash | not recorded | sha-256:aaaa", review);
        Assert.DoesNotContain("(none)", review);
        Assert.DoesNotContain("(none)", html);
        Assert.Contains("## Changes since the previous release\n\nNo model, dataset, service, package, licence or hash changed.", same);
    }

    private static readonly (string Old, string New) NoLoadSite =
        ("\"evidence\": { \"occurrences\": [ { \"location\": \"Program.cs\", \"line\": 7 } ] }", "\"description\": \"no load site\"");

    private static Bom Parse(string json) => BomSerializer.Deserialize(Encoding.UTF8.GetBytes(json));

    private static (string Markdown, string Html) Openness(string json)
    {
        var summary = OpennessSummary.From(Parse(json));
        Assert.NotNull(summary);
        return (OpennessReport.Markdown(summary).ReplaceLineEndings("\n"), OpennessReport.Html(summary));
    }

    private static (string Markdown, string Html) Review(string json)
    {
        var bom = Parse(json);
        return (ReviewReport.Markdown(bom, null).ReplaceLineEndings("\n"), ReviewReport.Html(bom, null));
    }
}
