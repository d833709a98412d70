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
    public string Where => (Member, Offset) switch
    {
        (null, null) => string.Empty,
        (null, { } o) => $"offset {o}",
        ({ } m, null) => m,
        ({ } m, { } o) => $"{m} @ offset {o}",
    };
}

/// <summary>What inspecting one file found: its real format, a verdict, findings, and metadata for the AI-BOM.</summary>
public sealed record InspectionResult(string Path, ArtifactFormat Format, IReadOnlyList<InspectionFinding> Findings, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>Errors that are pickle code or evasion are dangerous; anything unscannable is an error, never safe.</summary>
    public Verdict Verdict =>
        Findings.Any(f => f.Id is "OM4001" or "OM4003" or "OM4007" or "OM4008" && f.Level == DiagnosticLevel.Error) ? Verdict.Dangerous
        : Format == ArtifactFormat.Unknown || Findings.Any(f => f.Level == DiagnosticLevel.Error) ? Verdict.Error
        : Findings.Any(f => f.Level == DiagnosticLevel.Warning) ? Verdict.Suspicious
        : Verdict.Safe;
}
