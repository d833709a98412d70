using OpenModel.Analyzers;

namespace OpenModel.Core.Diagnostics;

/// <summary>
/// The descriptor of a diagnostic the build or the CLI emits (OM3xxx–OM6xxx): what Roslyn's <c>DiagnosticDescriptor</c> is
/// for an analyzer. Its default level is what every emitter reports unless a site grades a finding explicitly, and what
/// <c>OpenModelDiagnosticSeverity</c> overrides.
/// </summary>
public sealed record BuildRule(string Id, string Title, string Category, DiagnosticLevel DefaultLevel)
{
    public string HelpLink => RuleIdentifiers.HelpLink(Id);
}

/// <summary>
/// Every build and CLI diagnostic, in one place (the analyzers' IDs are in <c>src/Analyzers/RuleIdentifiers.cs</c>).
/// Emitters name a rule from here, never an ID literal; docs/rules/README.md is checked against this list
/// (RuleCatalogueTests). Adding a rule: see CONTRIBUTING.md.
/// </summary>
public static class BuildRules
{
    public const string AIBomCategory = "OpenModel.AIBOM";
    public const string TransparencyCategory = "OpenModel.Transparency";
    public const string InspectionCategory = "OpenModel.Inspection";
    public const string OpennessCategory = "OpenModel.Openness";
    public const string ReleaseCategory = "OpenModel.Release";

    // OM3xxx — AI-BOM facts
    public static readonly BuildRule ArtifactNotFound = new("OM3001", "Declared artefact file not found", AIBomCategory, DiagnosticLevel.Error);
    public static readonly BuildRule HashMismatch = new("OM3002", "Artefact hash does not match the declared Sha256", AIBomCategory, DiagnosticLevel.Error);
    public static readonly BuildRule NoLicense = new("OM3003", "Model or dataset has no licence", AIBomCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule InvalidLicenseExpression = new("OM3004", "Licence expression is not valid SPDX (or unknown LicenseRef)", AIBomCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule ModelCardIncomplete = new("OM3005", "Model card missing or lacks intended-use / limitations / risks sections", AIBomCategory, DiagnosticLevel.Info);
    public static readonly BuildRule PackageWithoutLicense = new("OM3006", "Package has no licence information", AIBomCategory, DiagnosticLevel.Info);
    public static readonly BuildRule MetadataConflict = new("OM3007", "Metadata conflict between declaration and evidence (card, GGUF, safetensors, ONNX)", AIBomCategory, DiagnosticLevel.Warning);

    /// <summary>Also reported by the analyzers (src/Analyzers/Rules/Transparency/OM3008MalformedInput.cs), with the same title.</summary>
    public static readonly BuildRule MalformedInput = new("OM3008", "Malformed input (project.assets.json, model card YAML, declaration metadata)", TransparencyCategory, DiagnosticLevel.Error);
    public static readonly BuildRule ConflictingDeclarations = new("OM3009", "Conflicting declarations: duplicate name, one file or service declared twice, one model card claimed by two models", TransparencyCategory, DiagnosticLevel.Error);

    // OM4xxx — model artefact inspection
    public static readonly BuildRule PickleDangerousImport = new("OM4001", "Pickle imports a dangerous callable", InspectionCategory, DiagnosticLevel.Error);
    public static readonly BuildRule PickleImportOutsideAllowList = new("OM4002", "Pickle imports a callable outside the allow-list", InspectionCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule PickleEvadesAnalysis = new("OM4003", "Pickle structure evades analysis (non-literal STACK_GLOBAL, EXT opcodes, BUILD on a global, nested loaders, trailing data)", InspectionCategory, DiagnosticLevel.Error);
    public static readonly BuildRule UnscannableContainer = new("OM4004", "Disguised, malformed or unscannable container (extension/content mismatch, ZIP name/flag anomalies, encrypted member, truncated file)", InspectionCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule NumpyObjectArray = new("OM4005", "NumPy object array (pickle inside .npy/.npz)", InspectionCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule ExecutableContent = new("OM4006", "Executable content in a model or its config (Keras Lambda/modules, TorchScript, chat templates, NeMo targets, skops types, TensorFlow file ops)", InspectionCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule ExternalDataEscapes = new("OM4007", "ONNX external data path escapes the model directory", InspectionCategory, DiagnosticLevel.Error);
    public static readonly BuildRule InconsistentTensorLayout = new("OM4008", "Tensor layout inconsistent (safetensors, GGUF, PyTorch storages, ONNX external ranges)", InspectionCategory, DiagnosticLevel.Error);

    // OM5xxx — openness and policy
    public static readonly BuildRule OpennessBelowMinimum = new("OM5001", "Openness below AIOpennessMinimumClass", OpennessCategory, DiagnosticLevel.Error);
    public static readonly BuildRule OpenClaimRestrictedLicense = new("OM5002", "Claimed open, but a model or weights licence is restricted or unknown", OpennessCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule OpenSourceAiClaimFails = new("OM5003", "Claimed open-source AI, but the OSI Open Source AI Definition checklist fails", OpennessCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule OpennessClassOverclaimed = new("OM5004", "Claimed Model Openness Framework class higher than computed", OpennessCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule PermissiveDerivative = new("OM5005", "Derivative licensed more permissively than its base model", OpennessCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule TrainingDataUndisclosed = new("OM5006", "Training data undisclosed", OpennessCategory, DiagnosticLevel.Info);
    public static readonly BuildRule ComponentWithoutLicense = new("OM5007", "Component declared without a licence (does not count toward openness)", OpennessCategory, DiagnosticLevel.Info);
    public static readonly BuildRule LicenseNotAllowed = new("OM5008", "Licence not allowed by policy (AIAllowedLicenses / AIDeniedLicenses)", OpennessCategory, DiagnosticLevel.Error);

    // OM6xxx — release pipelines
    public static readonly BuildRule MergedHashConflict = new("OM6001", "Merged BOMs disagree on a component's hash (one package, model or dataset, two contents)", ReleaseCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule MergedLicenseConflict = new("OM6002", "Merged BOMs disagree on a component's licence", ReleaseCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule AttestationSignature = new("OM6003", "Attestation signature does not verify (or unsigned, or not a DSSE envelope)", ReleaseCategory, DiagnosticLevel.Error);
    public static readonly BuildRule AttestationSubject = new("OM6004", "Attestation subject missing, changed, or not a plain file name", ReleaseCategory, DiagnosticLevel.Error);
    public static readonly BuildRule AttestationPredicate = new("OM6005", "Attestation predicate is not the AI-BOM", ReleaseCategory, DiagnosticLevel.Error);
    public static readonly BuildRule KeyUnusable = new("OM6006", "Signing or verification key cannot be used", ReleaseCategory, DiagnosticLevel.Error);
    public static readonly BuildRule BomUnlinkable = new("OM6007", "Source BOM cannot be merged or linked (no project, no serial number, dangling reference)", ReleaseCategory, DiagnosticLevel.Error);
    public static readonly BuildRule MergedMarkerConflict = new("OM6009", "Merged BOMs disagree on whether an element is unknown, withheld or stated", ReleaseCategory, DiagnosticLevel.Warning);
    public static readonly BuildRule NothingToAttest = new("OM6008", "No single AI-BOM to attest with (AIBomAttest)", ReleaseCategory, DiagnosticLevel.Warning);

    // OM61xx — CISA 2025/2026 SBOM minimum elements
    public static readonly BuildRule CisaAuthor = Cisa("OM6101", "SBOM Author");
    public static readonly BuildRule CisaProducer = Cisa("OM6102", "Software Producer");
    public static readonly BuildRule CisaComponentName = Cisa("OM6103", "Component Name");
    public static readonly BuildRule CisaComponentVersion = Cisa("OM6104", "Component Version");
    public static readonly BuildRule CisaIdentifiers = Cisa("OM6105", "Software Identifiers");
    public static readonly BuildRule CisaHash = Cisa("OM6106", "Component Hash");
    public static readonly BuildRule CisaLicense = Cisa("OM6107", "License");
    public static readonly BuildRule CisaDependencies = Cisa("OM6108", "Dependency Relationship");
    public static readonly BuildRule CisaToolName = Cisa("OM6109", "Tool Name");
    public static readonly BuildRule CisaTimestamp = Cisa("OM6110", "Timestamp");
    public static readonly BuildRule CisaGenerationContext = Cisa("OM6111", "Generation Context");

    // OM62xx — G7 SBOM for AI minimum elements
    public static readonly BuildRule G7Author = G7("OM6201", "Metadata: SBOM author");
    public static readonly BuildRule G7Tool = G7("OM6202", "Metadata: generation tool and version");
    public static readonly BuildRule G7Timestamp = G7("OM6203", "Metadata: timestamp");
    public static readonly BuildRule G7Signature = G7("OM6204", "Metadata: signature");
    public static readonly BuildRule G7Dependencies = G7("OM6205", "System level: component dependencies");
    public static readonly BuildRule G7ModelIdentity = G7("OM6206", "Models: identity (name and version)");
    public static readonly BuildRule G7ModelHash = G7("OM6207", "Models: hash of the weights");
    public static readonly BuildRule G7ModelLicense = G7("OM6208", "Models: licence");
    public static readonly BuildRule G7TrainingData = G7("OM6209", "Models: training data");
    public static readonly BuildRule G7DatasetProvenance = G7("OM6210", "Dataset properties: identity and provenance");
    public static readonly BuildRule G7DatasetLicense = G7("OM6211", "Dataset properties: licence");
    public static readonly BuildRule G7ModelMetrics = G7("OM6212", "Key performance indicators: model metrics");
    public static readonly BuildRule G7SecurityInformation = G7("OM6213", "Security properties: model security information");
    public static readonly BuildRule G7InfrastructureSoftware = G7("OM6214", "Infrastructure: software environment");
    public static readonly BuildRule G7InfrastructureHardware = G7("OM6215", "Infrastructure: hardware");

    /// <summary>Every rule above, in ID order (read once by reflection, so a new field cannot be left out).</summary>
    public static IReadOnlyList<BuildRule> All { get; } = typeof(BuildRules)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.FieldType == typeof(BuildRule))
        .Select(f => (BuildRule)f.GetValue(null)!)
        .OrderBy(r => r.Id, StringComparer.Ordinal)
        .ToList();

    private static readonly Dictionary<string, BuildRule> ById = All.ToDictionary(r => r.Id, StringComparer.OrdinalIgnoreCase);

    public static BuildRule? Find(string id) => ById.GetValueOrDefault(id);

    private static BuildRule Cisa(string id, string element) => new(id, $"cisa-2026: {element} missing", ReleaseCategory, DiagnosticLevel.Warning);

    private static BuildRule G7(string id, string element) => new(id, $"g7-ai: {element} missing", ReleaseCategory, DiagnosticLevel.Warning);
}
