using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>What a project says about its openness: AIOpennessClaim, PackageTags and model-card tags, normalised.</summary>
public sealed class OpennessClaims
{
    private static readonly HashSet<string> OpenWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "open", "open-source", "opensource", "open-weights", "open-weight", "open-model", "open-ai-model", "open-source-ai", "osaid", "oss",
    };

    private static readonly HashSet<string> OpenSourceAiWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "open-source-ai", "osaid", "open-source", "opensource",
    };

    public OpennessClaims(IEnumerable<(string Claim, string Source)> claims)
    {
        All = claims.Where(c => c.Claim.Trim().Length > 0).Select(c => (c.Claim.Trim(), c.Source)).Distinct().ToList();
    }

    public IReadOnlyList<(string Claim, string Source)> All { get; }

    public (string Claim, string Source)? OpenClaim => All.Cast<(string, string)?>().FirstOrDefault(c => OpenWords.Contains(c!.Value.Item1));

    public (string Claim, string Source)? OpenSourceAiClaim => All.Cast<(string, string)?>().FirstOrDefault(c => OpenSourceAiWords.Contains(c!.Value.Item1));

    /// <summary>The best MOF class claimed ("MOF-Class-II", "Class II", "mof:class-i"), as 1–3.</summary>
    public (int Class, string Claim, string Source)? MofClaim =>
        All.Select(c => (Class: c.Claim.Contains("class", StringComparison.OrdinalIgnoreCase) ? MofEvaluation.ParseClass(c.Claim.Replace(":", "-")) : null, c.Claim, c.Source))
            .Where(c => c.Class is >= 1 and <= 3)
            .OrderBy(c => c.Class)
            .Select(c => ((int, string, string)?)(c.Class!.Value, c.Claim, c.Source))
            .FirstOrDefault();
}
