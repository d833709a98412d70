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

    /// <summary>The folder of a file path, with forward slashes and its root kept ("/src/App" for "/src/App/App.csproj").</summary>
    public static string DirectoryOf(string filePath)
    {
        var path = filePath.Replace('\\', '/');
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? string.Empty : path.Substring(0, slash);
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

    /// <summary>
    /// The path a load names, relative to the project (or output) folder, or null when it names a file elsewhere. A run-time
    /// base directory (AppContext.BaseDirectory, content root, current directory) is the output or project folder; an
    /// absolute path counts only inside <paramref name="projectDirectory"/>; a relative path is taken as written, so
    /// "../../elsewhere/models/x.onnx" stays outside and never equals "models/x.onnx".
    /// </summary>
    public static string? ProjectRelative(string candidate, string projectDirectory)
    {
        if (candidate.StartsWith(BaseDirectoryMarker, StringComparison.Ordinal) || !IsRooted(candidate))
        {
            return Normalize(candidate);
        }

        var full = Normalize(candidate);
        var project = Normalize(projectDirectory);
        return project.Length > 0 && full.Length > project.Length + 1 && full.StartsWith(project + "/", StringComparison.OrdinalIgnoreCase)
            ? full.Substring(project.Length + 1)
            : null;
    }

    /// <summary>A tokenizer or weight file inside a declared model folder belongs to that model.</summary>
    public static bool IsUnder(string path, string folder) =>
        folder.Length > 0
        && path.Length > folder.Length + 1
        && path.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase);
}
