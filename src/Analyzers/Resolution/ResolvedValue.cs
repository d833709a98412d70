using System.Collections.Immutable;
using System.Linq;

namespace OpenModel.Analyzers.Resolution;

/// <summary>
/// What a string-valued expression can be at run time: every candidate value (a ternary or per-environment
/// configuration yields several), or the reason it cannot be known at compile time.
/// </summary>
internal readonly struct ResolvedValue
{
    public const int MaxCandidates = 16;

    private ResolvedValue(ImmutableArray<string> candidates, string? reason, bool isMissingConfiguration)
    {
        Candidates = candidates;
        Reason = reason;
        IsMissingConfiguration = isMissingConfiguration;
    }

    public ImmutableArray<string> Candidates { get; }

    public string? Reason { get; }

    /// <summary>True when the value comes from a configuration key that no appsettings file sets.</summary>
    public bool IsMissingConfiguration { get; }

    public bool IsResolved => !Candidates.IsDefaultOrEmpty;

    public static ResolvedValue Of(string value) => new(ImmutableArray.Create(value), null, false);

    public static ResolvedValue Of(ImmutableArray<string> values) =>
        values.IsDefaultOrEmpty ? Unknown("no value") : new(values.Distinct().Take(MaxCandidates).ToImmutableArray(), null, false);

    public static ResolvedValue Unknown(string reason) => new(ImmutableArray<string>.Empty, reason, false);

    public static ResolvedValue MissingConfiguration(string key) =>
        new(ImmutableArray<string>.Empty, $"configuration key '{key}' is not set in any appsettings*.json", true);

    /// <summary>Every pairing of this value's candidates with the other's, joined by <paramref name="join"/>.</summary>
    public ResolvedValue Combine(ResolvedValue other, System.Func<string, string, string> join)
    {
        if (!IsResolved)
        {
            return this;
        }

        if (!other.IsResolved)
        {
            return other;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var left in Candidates)
        {
            foreach (var right in other.Candidates)
            {
                if (builder.Count < MaxCandidates)
                {
                    builder.Add(join(left, right));
                }
            }
        }

        return Of(builder.ToImmutable());
    }

    public ResolvedValue Union(ResolvedValue other) =>
        !IsResolved ? this : !other.IsResolved ? other : Of(Candidates.AddRange(other.Candidates));
}
