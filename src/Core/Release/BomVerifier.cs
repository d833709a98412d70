using OpenModel.Core.CycloneDx;
using OpenModel.Core.Hashing;

namespace OpenModel.Core.Release;

public enum VerificationOutcome
{
    Verified,
    Mismatch,
    Missing,
}

public sealed record VerificationResult(string Component, string Path, VerificationOutcome Outcome, string Expected, string? Actual);

/// <summary>The release-pipeline check: every artefact a BOM lists with a path and a SHA-256 is hashed again on disk.</summary>
public static class BomVerifier
{
    public static IReadOnlyList<VerificationResult> Verify(Bom bom, string root)
    {
        var targets = (bom.Components ?? [])
            .Select(c => (Component: c, Path: c.Properties?.FirstOrDefault(p => p.Name == "openmodel:path")?.Value, Hash: c.Hashes?.FirstOrDefault(h => h.Alg == "SHA-256")?.Content))
            .Where(t => t.Path is not null && t.Hash is not null)
            .ToList();
        var results = new VerificationResult[targets.Count];
        Parallel.For(0, targets.Count, i =>
        {
            var (component, path, expected) = targets[i];
            var fullPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, path!));
            if (!File.Exists(fullPath))
            {
                results[i] = new VerificationResult(component.Name, path!, VerificationOutcome.Missing, expected!, null);
                return;
            }

            var actual = FileSha256.Compute(fullPath);
            var outcome = actual.Equals(expected, StringComparison.OrdinalIgnoreCase) ? VerificationOutcome.Verified : VerificationOutcome.Mismatch;
            results[i] = new VerificationResult(component.Name, path!, outcome, expected!, actual);
        });
        return results.OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
    }
}
