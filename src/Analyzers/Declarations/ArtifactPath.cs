using System;
using System.Collections.Generic;

namespace OpenModel.Analyzers.Declarations;

/// <summary>Path arithmetic on resolved load paths, independent of the OS the compiler runs on.</summary>
internal static class ArtifactPath
{
    /// <summary>Stands for a run-time base directory (AppContext.BaseDirectory, content root, current directory).</summary>
    public const string BaseDirectoryMarker = "\u0001base\u0001";

    public static string Normalize(string path)
    {
        var text = path.Replace(BaseDirectoryMarker, string.Empty).Replace('\\', '/').Trim();
        var segments = new List<string>();
        foreach (var segment in text.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == ".." && segments.Count > 0 && segments[segments.Count - 1] != "..")
            {
                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return string.Join("/", segments);
    }

    public static string FileName(string normalizedPath)
    {
        var slash = normalizedPath.LastIndexOf('/');
        return slash < 0 ? normalizedPath : normalizedPath.Substring(slash + 1);
    }

    public static string Extension(string normalizedPath)
    {
        var name = FileName(normalizedPath);
        var dot = name.LastIndexOf('.');
        return dot <= 0 ? string.Empty : name.Substring(dot).ToLowerInvariant();
    }

    public static bool IsRooted(string path) =>
        path.StartsWith(BaseDirectoryMarker, StringComparison.Ordinal)
        || path.StartsWith("/", StringComparison.Ordinal)
        || path.StartsWith("\\", StringComparison.Ordinal)
        || (path.Length >= 2 && path[1] == ':' && char.IsLetter(path[0]));

    public static bool Equal(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    public static bool EndsWithSegments(string path, string suffix) =>
        suffix.Length > 0
        && path.Length > suffix.Length
        && path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
        && path[path.Length - suffix.Length - 1] == '/';

    /// <summary>A tokenizer or weight file inside a declared model folder belongs to that model.</summary>
    public static bool IsUnder(string path, string folder) =>
        folder.Length > 0
        && path.Length > folder.Length + 1
        && (path.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase)
            || path.IndexOf("/" + folder + "/", StringComparison.OrdinalIgnoreCase) >= 0);
}
