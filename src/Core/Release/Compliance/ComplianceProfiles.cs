using System.Text.Json;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Release.Compliance;

/// <summary>Which parts of a BOM an element is about: the BOM itself, or each component of some kind.</summary>
public enum ElementScope
{
    Document,
    EveryComponent,
    Models,
    Datasets,
}

/// <summary>
/// One minimum element of a profile: its diagnostic (OM61xx/OM62xx), its name in the source document, the key used to mark it
/// explicitly unknown or withheld (<c>openmodel:unknown</c> / <c>openmodel:withheld</c> properties), and the test on the
/// CycloneDX JSON that says it is present.
/// </summary>
public sealed record MinimumElement(BuildRule Rule, string Name, string Key, ElementScope Scope, Func<BomView, JsonElement, bool> IsPresent)
{
    public string Id => Rule.Id;
}

public sealed record ComplianceProfile(string Name, string Title, IReadOnlyList<MinimumElement> Elements);

/// <summary>
/// The profiles <c>openmodel check --profile</c> and <c>AIBomComplianceProfiles</c> know. Element lists: CISA, "2025
/// Minimum Elements for a Software Bill of Materials" (public-comment draft of 22 August 2025, the baseline 2026
/// procurement refers to), and G7 Cybersecurity Working Group, "Software Bill of Materials for AI – Minimum Elements"
/// (BSI, 12 May 2026), seven clusters (the Infrastructure cluster as far as a build can know it: the software and hardware
/// the models run on). Each element's page in docs/rules cites its source.
/// </summary>
public static class ComplianceProfiles
{
    public static readonly ComplianceProfile Cisa2026 = new("cisa-2026", "CISA 2025 SBOM Minimum Elements (draft of 22 Aug 2025)",
    [
        new(BuildRules.CisaAuthor, "SBOM Author", "author", ElementScope.Document, (bom, _) => bom.HasAuthor),
        new(BuildRules.CisaProducer, "Software Producer", "producer", ElementScope.EveryComponent, (_, c) => BomView.HasProducer(c)),
        new(BuildRules.CisaComponentName, "Component Name", "name", ElementScope.EveryComponent, (_, c) => BomView.NonEmpty(c, "name")),
        new(BuildRules.CisaComponentVersion, "Component Version", "version", ElementScope.EveryComponent, (_, c) => BomView.NonEmpty(c, "version")),
        new(BuildRules.CisaIdentifiers, "Software Identifiers", "identifier", ElementScope.EveryComponent, (_, c) => BomView.HasIdentifier(c)),
        new(BuildRules.CisaHash, "Component Hash", "hash", ElementScope.EveryComponent, (_, c) => BomView.HasHash(c)),
        new(BuildRules.CisaLicense, "License", "license", ElementScope.EveryComponent, (_, c) => BomView.HasLicense(c)),
        new(BuildRules.CisaDependencies, "Dependency Relationship", "dependencies", ElementScope.EveryComponent, (bom, c) => bom.IsReachable(c)),
        new(BuildRules.CisaToolName, "Tool Name", "tool", ElementScope.Document, (bom, _) => bom.HasTool),
        new(BuildRules.CisaTimestamp, "Timestamp", "timestamp", ElementScope.Document, (bom, _) => bom.HasTimestamp),
        new(BuildRules.CisaGenerationContext, "Generation Context", "generation-context", ElementScope.Document, (bom, _) => bom.HasLifecycle),
    ]);

    public static readonly ComplianceProfile G7Ai = new("g7-ai", "G7 SBOM for AI – Minimum Elements (May 2026)",
    [
        new(BuildRules.G7Author, "Metadata: SBOM author", "author", ElementScope.Document, (bom, _) => bom.HasAuthor),
        new(BuildRules.G7Tool, "Metadata: generation tool and version", "tool", ElementScope.Document, (bom, _) => bom.HasToolVersion),
        new(BuildRules.G7Timestamp, "Metadata: timestamp", "timestamp", ElementScope.Document, (bom, _) => bom.HasTimestamp),
        new(BuildRules.G7Signature, "Metadata: signature", "signature", ElementScope.Document, (bom, _) => bom.IsSigned),
        new(BuildRules.G7Dependencies, "System level: component dependencies", "dependencies", ElementScope.Document, (bom, _) => bom.RootHasDependencies),
        new(BuildRules.G7ModelIdentity, "Models: identity (name and version)", "version", ElementScope.Models, (_, c) => BomView.NonEmpty(c, "name") && BomView.NonEmpty(c, "version")),
        new(BuildRules.G7ModelHash, "Models: hash of the weights", "hash", ElementScope.Models, (_, c) => BomView.HasHash(c)),
        new(BuildRules.G7ModelLicense, "Models: licence", "license", ElementScope.Models, (_, c) => BomView.HasLicense(c)),
        new(BuildRules.G7TrainingData, "Models: training data", "training-data", ElementScope.Models, (bom, c) => bom.NamesTrainingData(c)),
        new(BuildRules.G7DatasetProvenance, "Dataset properties: identity and provenance", "provenance", ElementScope.Datasets, (_, c) => BomView.NonEmpty(c, "name") && (BomView.HasHash(c) || BomView.HasSource(c))),
        new(BuildRules.G7DatasetLicense, "Dataset properties: licence", "license", ElementScope.Datasets, (_, c) => BomView.HasLicense(c)),
        new(BuildRules.G7ModelMetrics, "Key performance indicators: model metrics", "kpi", ElementScope.Models, (_, c) => BomView.HasMetrics(c)),
        new(BuildRules.G7SecurityInformation, "Security properties: model security information", "security", ElementScope.Models, (_, c) => BomView.HasSecurityInformation(c)),
        new(BuildRules.G7InfrastructureSoftware, "Infrastructure: software environment", InfrastructureFacts.SoftwareKey, ElementScope.Document, (bom, _) => bom.HasInfrastructureSoftware),
        new(BuildRules.G7InfrastructureHardware, "Infrastructure: hardware", InfrastructureFacts.HardwareKey, ElementScope.Document, (bom, _) => bom.HasInfrastructureHardware),
    ]);

    public static IReadOnlyList<ComplianceProfile> All { get; } = [Cisa2026, G7Ai];

    public static ComplianceProfile? Find(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));
}
