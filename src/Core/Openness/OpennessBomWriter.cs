using System.Globalization;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>
/// Puts the openness results into the BOM as native CycloneDX 1.6: the MOF, the five attributes and OSAID as
/// <c>definitions.standards</c>, the results as <c>declarations.attestations</c>, plus short <c>metadata.properties</c> for grep.
/// </summary>
public static class OpennessBomWriter
{
    public const string MofStandard = "standard:mof-1.0";
    public const string AttributeStandard = "standard:openness-attributes";
    public const string OsaidStandard = "standard:osaid-1.0";
    public const string MofSummaryPrefix = "Model Openness Framework 1.0: ";
    public const string OsaidSummaryPrefix = "OSI Open Source AI Definition 1.0: ";
    public const string AttributeSummary = "Five attributes of AI openness";
    public const string Prefix = "openmodel:openness:";
    public const string LicenseCategoryProperty = "openmodel:license-category";

    public static void Write(Bom bom, OpennessResult result, IReadOnlyList<OpenModelDiagnostic> findings)
    {
        bom.Definitions = new Definitions { Standards = [MofDefinition(), AttributeDefinition(result), OsaidDefinition()] };
        var attestations = new List<Attestation>();
        foreach (var model in result.Models)
        {
            attestations.Add(new Attestation
            {
                Summary = MofSummaryPrefix + model.Name,
                Map = model.Mof.Components.Select(c => new AttestationMap
                {
                    Requirement = MofRequirementRef(c.Component.Id),
                    Conformance = new Score { Value = Counts(model.Mof, c) ? 1 : 0, Rationale = c.Rationale },
                    Confidence = new Score { Value = 1 },
                }).ToList(),
            });
            attestations.Add(new Attestation
            {
                Summary = OsaidSummaryPrefix + model.Name,
                Map = model.Osaid.Checks.Select(c => new AttestationMap
                {
                    Requirement = OsaidRequirementRef(c.Requirement),
                    Conformance = new Score { Value = c.State == CheckState.Pass ? 1 : 0, Rationale = c.Reason },
                    Confidence = new Score { Value = c.State == CheckState.Unknown ? 0 : 1, Rationale = c.State == CheckState.Unknown ? "unknown" : null },
                }).ToList(),
            });
        }

        attestations.Add(new Attestation
        {
            Summary = AttributeSummary,
            Map = result.Attributes.Select(a => new AttestationMap
            {
                Requirement = AttributeRequirementRef(a.Number),
                Conformance = new Score { Value = a.State switch { AttributeState.Met => 1, AttributeState.Partial => 0.5, _ => 0 }, Rationale = string.Join("\n", a.Reasons) },
                Confidence = new Score { Value = a.State == AttributeState.Unknown ? 0 : 1, Rationale = a.State == AttributeState.Unknown ? "unknown" : null },
            }).ToList(),
        });
        bom.Declarations = new Declarations { Attestations = attestations };

        var properties = bom.Metadata.Properties ??= [];
        properties.Add(new Property(Prefix + "class", MofEvaluation.Label(result.SystemClass)));
        foreach (var model in result.Models)
        {
            var progress = string.Join("; ", model.Mof.Classes.Select(c => $"{MofEvaluation.Label(c.Class)}={Math.Round(c.Progress).ToString(CultureInfo.InvariantCulture)}%"));
            properties.Add(new Property($"{Prefix}mof:{model.Name}", $"{model.Mof.ClassLabel} ({progress})"));
            properties.Add(new Property($"{Prefix}osaid:{model.Name}", model.Osaid.Overall.Text()));
        }

        properties.AddRange(result.Attributes.Select(a => new Property($"{Prefix}attribute-{a.Number}", a.State.Text())));
        properties.AddRange(findings.Select(f => new Property(Prefix + "finding", $"{f.Id} {f.Level.ToString().ToLowerInvariant()}: {f.Message}")));
    }

    public static string MofRequirementRef(int id) => $"mof:component-{id}";

    public static string AttributeRequirementRef(int number) => $"openness:attribute-{number}";

    public static string OsaidRequirementRef(string requirement) => "osaid:" + requirement.ToLowerInvariant().Replace(' ', '-');

    private static bool Counts(MofEvaluation mof, MofComponentStatus status) =>
        status.Counts || (status.Component.Id == MofFramework.TechnicalReport && mof.Components.Single(c => c.Component.Id == MofFramework.ResearchPaper).Counts);

    private static Standard MofDefinition() => new()
    {
        BomRef = MofStandard,
        Name = "Model Openness Framework",
        Version = "1.0",
        Owner = "LF AI & Data Foundation",
        Description = "Seventeen components of a model release, in three cumulative classes: Class III (Open Model), Class II (Open Tooling), Class I (Open Science).",
        Requirements = MofFramework.Components.Select(c => new Requirement
        {
            BomRef = MofRequirementRef(c.Id),
            Identifier = c.Id.ToString(CultureInfo.InvariantCulture),
            Title = c.Name,
            Text = c.Description,
            Properties =
            [
                new Property("openmodel:mof:content-type", c.ContentType),
                new Property("openmodel:mof:class", MofEvaluation.Label(c.Class)),
                new Property("openmodel:mof:required", c.Required ? "true" : "false"),
            ],
        }).ToList(),
        Levels = new[] { (3, "Open Model"), (2, "Open Tooling"), (1, "Open Science") }.Select(level => new Level
        {
            BomRef = $"mof:class-{level.Item1}",
            Identifier = MofEvaluation.Label(level.Item1),
            Title = $"{MofEvaluation.Label(level.Item1)} - {level.Item2}",
            Requirements = MofFramework.CumulativeRequired(level.Item1).Select(c => MofRequirementRef(c.Id)).ToList(),
        }).ToList(),
        ExternalReferences = [new ExternalReference("website", "https://isitopen.ai")],
    };

    private static Standard AttributeDefinition(OpennessResult result) => new()
    {
        BomRef = AttributeStandard,
        Name = "Five attributes of AI openness",
        Version = "1.0",
        Owner = "OpenModel SDK",
        Description = "Open code, open licences, transparency about inputs, transparency about threats and mitigations, open standards; each met, partial, not met or unknown.",
        Requirements = result.Attributes.Select(a => new Requirement { BomRef = AttributeRequirementRef(a.Number), Identifier = a.Number.ToString(CultureInfo.InvariantCulture), Title = a.Name }).ToList(),
    };

    private static Standard OsaidDefinition() => new()
    {
        BomRef = OsaidStandard,
        Name = "The Open Source AI Definition",
        Version = "1.0",
        Owner = "Open Source Initiative",
        Description = "An AI system is open source when data information, code and parameters are available under terms that grant the freedoms to use, study, modify and share.",
        Requirements = new[] { OsaidChecklist.DataInformation, OsaidChecklist.Code, OsaidChecklist.Parameters }
            .Select(r => new Requirement { BomRef = OsaidRequirementRef(r), Identifier = r, Title = r }).ToList(),
        ExternalReferences = [new ExternalReference("website", "https://opensource.org/ai/open-source-ai-definition")],
    };
}
