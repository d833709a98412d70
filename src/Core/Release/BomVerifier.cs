using OpenModel.Core.CycloneDx;
using OpenModel.Core.Hashing;
using OpenModel.Core.IO;

namespace OpenModel.Core.Release;

public enum VerificationOutcome
{
    Verified,
    Mismatch,
    Missing,

    /// <summary>Present but not a readable regular file (a FIFO, a device, an unnameable path): never opened.</summary>
    Unreadable,
}

public sealed record VerificationResult(string Component, string Path, VerificationOutcome Outcome, string Expected, string? Actual, string? Problem = null);

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
            results[i] = Check(component.Name, path!, expected!, root);
        });
        return results.OrderBy(r => r.Path, StringComparer.Ordinal).ToList();
    }

    private static VerificationResult Check(string component, string path, string expected, string root)
    {
        if (!RegularFile.IsValidPath(path))
        {
            return new VerificationResult(component, RegularFile.Printable(path), VerificationOutcome.Unreadable, expected, null, RegularFile.Problem(path));
        }

        var fullPath = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, path));
        if (RegularFile.Probe(fullPath).Kind == FileKind.Missing)
        {
            return new VerificationResult(component, path, VerificationOutcome.Missing, expected, null);
        }

        try
        {
            var actual = FileSha256.Compute(fullPath);
            var outcome = actual.Equals(expected, StringComparison.OrdinalIgnoreCase) ? VerificationOutcome.Verified : VerificationOutcome.Mismatch;
            return new VerificationResult(component, path, outcome, expected, actual);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new VerificationResult(component, path, VerificationOutcome.Unreadable, expected, null, e.Message);
        }
    }
}
