using System;
using OpenModel.Contract;

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
        IsRemote = ModelAccess.IsRemote(access);
        DefiningProject = definingProject;
        NormalizedPath = ArtifactPath.Normalize(include);
        FileName = ArtifactPath.FileName(NormalizedPath);
        RemoteModelId = IsRemote ? ModelServiceId.Parse(include).Model : string.Empty;
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

    /// <summary>
    /// Whether the code's model id names this hosted model: as declared ("openai:gpt-4o-mini"), as the model id without a
    /// provider the shared contract recognises ("gpt-4o-mini", "llama3:8b"), or by its Name. The code's id is compared both
    /// as written and without a provider prefix, since "mistral:7b" is an Ollama model as well as a provider-prefixed id.
    /// </summary>
    public bool MatchesRemoteModel(string modelId)
    {
        if (!IsRemote)
        {
            return false;
        }

        var id = ModelServiceId.Parse(modelId).Model;
        return string.Equals(modelId, RemoteModelId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(id, RemoteModelId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(modelId, Include, StringComparison.OrdinalIgnoreCase)
            || (Name.Length > 0 && (string.Equals(modelId, Name, StringComparison.OrdinalIgnoreCase) || string.Equals(id, Name, StringComparison.OrdinalIgnoreCase)));
    }
}
