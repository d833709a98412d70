using System;

namespace OpenModel.Analyzers.Declarations;

/// <summary>The item type an artefact is declared with in the project file.</summary>
internal enum ArtifactItemType
{
    AIModel,
    AIDataset,
    AIComponent,
}

/// <summary>One <c>AIModel</c>/<c>AIDataset</c>/<c>AIComponent</c> item as the SDK hands it to the analyzers.</summary>
internal sealed class DeclaredArtifact
{
    public DeclaredArtifact(ArtifactItemType itemType, string include, string name, string access, string definingProject)
    {
        ItemType = itemType;
        Include = include;
        Name = name;
        IsRemote = string.Equals(access, "Api", StringComparison.OrdinalIgnoreCase);
        DefiningProject = definingProject;
        NormalizedPath = ArtifactPath.Normalize(include);
        FileName = ArtifactPath.FileName(NormalizedPath);
        RemoteModelId = IsRemote ? StripProvider(include) : string.Empty;
    }

    public ArtifactItemType ItemType { get; }

    public string Include { get; }

    public string Name { get; }

    /// <summary>True for <c>Access="Api"</c>: a model served by a remote service rather than weights on disk.</summary>
    public bool IsRemote { get; }

    public string DefiningProject { get; }

    public string NormalizedPath { get; }

    public string FileName { get; }

    public string RemoteModelId { get; }

    public string DisplayName => Name.Length > 0 ? Name : Include;

    /// <summary>
    /// A load matches a local artefact only when the path it names IS the declared file (or lies inside a declared folder,
    /// or, when the code loads a model folder as ONNX Runtime GenAI does, contains the declared file), relative to the
    /// project or output folder. No suffix or file-name match: "/srv/app/models/x.onnx" is not the project's "models/x.onnx".
    /// </summary>
    public bool MatchesPath(string candidate, string projectDirectory)
    {
        if (IsRemote || NormalizedPath.Length == 0)
        {
            return false;
        }

        // A declaration outside the project ("/opt/models/x.onnx") is matched by that same absolute path.
        var path = ArtifactPath.IsRooted(Include) && ArtifactPath.IsRooted(candidate) && !candidate.StartsWith(ArtifactPath.BaseDirectoryMarker, StringComparison.Ordinal)
            ? ArtifactPath.Normalize(candidate)
            : ArtifactPath.IsRooted(Include) ? null : ArtifactPath.ProjectRelative(candidate, projectDirectory);
        return path is not null
            && (ArtifactPath.Equal(path, NormalizedPath)
                || ArtifactPath.IsUnder(path, NormalizedPath)
                || ArtifactPath.IsUnder(NormalizedPath, path));
    }

    public bool MatchesRemoteModel(string modelId)
    {
        if (!IsRemote)
        {
            return false;
        }

        var id = StripProvider(modelId);
        return string.Equals(id, RemoteModelId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(modelId, Include, StringComparison.OrdinalIgnoreCase)
            || (Name.Length > 0 && string.Equals(id, Name, StringComparison.OrdinalIgnoreCase));
    }

    // "openai:gpt-4o-mini" and "gpt-4o-mini" name the same model; the prefix only says who serves it.
    private static string StripProvider(string id)
    {
        var colon = id.IndexOf(':');
        return colon > 0 && colon < id.Length - 1 && id.IndexOf('/') is var slash && (slash < 0 || slash > colon)
            ? id.Substring(colon + 1)
            : id;
    }
}
