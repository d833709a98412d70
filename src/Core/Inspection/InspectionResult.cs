using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection;

public enum ArtifactFormat
{
    Unknown,
    Zip,
    Tar,
    Pickle,
    Numpy,
    Hdf5,
    Safetensors,
    Gguf,
    Onnx,

    /// <summary>A configuration whose content runs code (tokenizer_config.json's chat template).</summary>
    Config,
}

public enum Verdict
{
    Safe,
    Suspicious,
    Dangerous,
    Error,
}

/// <summary>One finding inside an artefact: where (archive member, byte offset) and what (module.name for pickles).</summary>
public sealed record InspectionFinding(string Id, DiagnosticLevel Level, string Message, string? Member = null, long? Offset = null)
{
    /// <summary>A finding of <paramref name="rule"/> at its default level, unless the site grades it (<paramref name="level"/>).</summary>
    public InspectionFinding(BuildRule rule, string message, string? member = null, long? offset = null, DiagnosticLevel? level = null)
        : this(rule.Id, level ?? rule.DefaultLevel, message, member, offset)
    {
    }

    public string Where => (Member, Offset) switch
    {
        (null, null) => string.Empty,
        (null, { } o) => $"offset {o}",
        ({ } m, null) => m,
        ({ } m, { } o) => $"{m} @ offset {o}",
    };
}

/// <summary>
/// A part of an artefact hashed on its own because it changes what the model does without changing the weights: a chat
/// template (Jinja run on every prompt) or an ONNX external-data file. Kind is "chat-template" or "external-data";
/// Name says where it is (the GGUF key, the JSON key, the external file); Findings are those about this part alone.
/// </summary>
public sealed record InspectedPart(string Kind, string Name, string Sha256, long Length, IReadOnlyList<InspectionFinding>? Findings = null);

/// <summary>
/// What inspecting one file found: its real format, a verdict, findings, metadata for the AI-BOM, parts hashed on their
/// own, and the rule-set version that judged it (a cached result from another version must be recomputed).
/// </summary>
public sealed record InspectionResult(
    string Path,
    ArtifactFormat Format,
    IReadOnlyList<InspectionFinding> Findings,
    IReadOnlyDictionary<string, string> Metadata,
    string? RuleSetVersion = null,
    IReadOnlyList<InspectedPart>? Parts = null)
{
    private static readonly HashSet<string> DangerousWhenError = new(
        new[] { BuildRules.PickleDangerousImport, BuildRules.PickleEvadesAnalysis, BuildRules.ExecutableContent, BuildRules.ExternalDataEscapes, BuildRules.InconsistentTensorLayout }.Select(r => r.Id),
        StringComparer.Ordinal);

    /// <summary>Errors that are pickle code or evasion are dangerous; anything unscannable is an error, never safe.</summary>
    public Verdict Verdict =>
        Findings.Any(f => DangerousWhenError.Contains(f.Id) && f.Level == DiagnosticLevel.Error) ? Verdict.Dangerous
        : Format == ArtifactFormat.Unknown || Findings.Any(f => f.Level == DiagnosticLevel.Error) ? Verdict.Error
        : Findings.Any(f => f.Level == DiagnosticLevel.Warning) ? Verdict.Suspicious
        : Verdict.Safe;
}
