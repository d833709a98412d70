using System.Globalization;
using System.Security.Cryptography;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// ONNX external data, checked as onnx.checker and onnx.load (1.21) check it: the location relative, inside the
/// model folder, through no symlink, not hard-linked elsewhere, a regular file, offset + length inside it. Each file
/// is hashed once, as a part of the model. <paramref name="linkCount"/> is <see cref="FileLinks.LinkCount(string)"/>
/// unless a test stands in for a platform that cannot say.
/// </summary>
internal sealed class ExternalData(string folder, InspectionWork work, Func<string, long?>? linkCount = null)
{
    private readonly Dictionary<string, long?> _checked = new(StringComparer.Ordinal);

    public void Check(string tensor, string location, IReadOnlyDictionary<string, string> entries)
    {
        if (Path.IsPathRooted(location) || location.Replace('\\', '/').Split('/').Contains("..") || location.Contains(':', StringComparison.Ordinal) || !RegularFile.IsValidPath(location))
        {
            work.Add(BuildRules.ExternalDataEscapes, $"{tensor} keeps its data at '{RegularFile.Printable(location)}', outside the model's folder");
            return;
        }

        if (!_checked.TryGetValue(location, out var length))
        {
            length = Hash(tensor, location);
            _checked[location] = length;
        }

        if (length is { } size && Number(entries, "offset") is var offset && Number(entries, "length") is var declared
            && (offset < 0 || declared < 0 || offset > size || (declared is { } d && d > size - (offset ?? 0))))
        {
            work.Add(BuildRules.InconsistentTensorLayout, $"{tensor} reads bytes {offset ?? 0:N0}+{declared?.ToString("N0", CultureInfo.InvariantCulture) ?? "rest"} of '{location}', which holds {size:N0}");
        }
    }

    /// <summary>Subgraphs nested deeper than the walk goes are not checked: said once, never silently skipped.</summary>
    public long TooDeep(int limit)
    {
        if (_checked.TryAdd("\0too-deep", null))
        {
            work.Add(BuildRules.UnscannableContainer, $"subgraphs are nested more than {limit} deep; the deeper ones are not inspected");
        }

        return 0;
    }

    /// <summary>The file's length after the link checks and hashing, or null when it was not read.</summary>
    private long? Hash(string tensor, string location)
    {
        var path = Path.GetFullPath(Path.Combine(folder, location));
        if (FileLinks.FirstLinkBelow(folder, path) is { } link)
        {
            work.Add(BuildRules.ExternalDataEscapes, $"{tensor} keeps its data at '{location}', reached through the link '{link}', which can point outside the model's folder");
            return null;
        }

        var kind = RegularFile.Probe(path).Kind;
        if (kind == FileKind.Missing)
        {
            work.Add(BuildRules.UnscannableContainer, $"{tensor} keeps its data in '{location}', which does not exist beside the model");
            return null;
        }

        switch ((linkCount ?? FileLinks.LinkCount)(path))
        {
            case > 1 and var links:
                work.Add(BuildRules.ExternalDataEscapes, $"{tensor} keeps its data in '{location}', which has {links} hard links: the same bytes live at another path, possibly outside the model's folder");
                return null;
            case null:
                // The file is still hashed and its range checked; only the hard-link check is not made, and that is said.
                work.Add(BuildRules.ExternalDataEscapes, $"{tensor} keeps its data in '{location}', whose hard-link count this platform does not report (link count unknown): a hard link to a file outside the model's folder is not ruled out", level: DiagnosticLevel.Warning);
                break;
        }

        if (!RegularFile.TryOpenRead(path, out var stream, out var problem, FileOptions.SequentialScan, 1 << 20))
        {
            work.Add(BuildRules.UnscannableContainer, $"{tensor}: external data not read: {problem}");
            return null;
        }

        using (stream)
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(stream!));
            work.Parts.Add(new InspectedPart("external-data", location, sha, stream!.Length));
            return stream.Length;
        }
    }

    private static long? Number(IReadOnlyDictionary<string, string> entries, string key) =>
        entries.TryGetValue(key, out var text) ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1 : null;
}
