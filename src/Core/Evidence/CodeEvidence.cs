namespace OpenModel.Core.Evidence;

/// <summary>A code site that loads a declared artefact (from OM2000's related locations).</summary>
public sealed record LoadSiteEvidence(string ItemType, string Include, string File, int Line);

/// <summary>A load the analyzers could not match to a declaration (OM2001–OM2004); <see cref="Include"/> is the path it resolved to, if any.</summary>
public sealed record UnmatchedLoad(string Id, string File, int Line, string Message, string? Include = null);

/// <summary>An unsuppressed finding of a security rule (OM1001–OM1018); <see cref="Level"/> is the SARIF level.</summary>
public sealed record SecurityFinding(string Id, string Level, string File, int Line);

/// <summary>What the analyzers proved about the code, read from the compiler's SARIF log.</summary>
public sealed record CodeEvidence(bool Available, IReadOnlyList<LoadSiteEvidence> Sites, IReadOnlyList<UnmatchedLoad> Unmatched, IReadOnlyList<SecurityFinding> SecurityFindings)
{
    public static readonly CodeEvidence None = new(false, [], [], []);
}
