namespace OpenModel.Core.Artifacts;

public enum ArtifactKind
{
    Model,
    Dataset,
    Component,
}

/// <summary>One <c>AIModel</c>/<c>AIDataset</c>/<c>AIComponent</c> item with its metadata, as MSBuild or the CLI hands it over.</summary>
public sealed class ArtifactDeclaration
{
    public ArtifactDeclaration(ArtifactKind kind, string include, IReadOnlyDictionary<string, string> metadata, string projectDirectory)
    {
        Kind = kind;
        Include = include;
        Metadata = new Dictionary<string, string>(metadata.Where(m => m.Value.Length > 0), StringComparer.OrdinalIgnoreCase);
        ProjectDirectory = projectDirectory;
    }

    public ArtifactKind Kind { get; }

    /// <summary>
    /// Whether a README.md beside a model without a declared ModelCard may serve as its card: not when another model in the
    /// folder could be the one it describes, nor when the declared card is missing.
    /// </summary>
    public bool MayUseFolderReadme { get; init; } = true;

    public string Include { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public string ProjectDirectory { get; }

    public string ItemType => Kind switch
    {
        ArtifactKind.Model => "AIModel",
        ArtifactKind.Dataset => "AIDataset",
        _ => "AIComponent",
    };

    public bool IsRemoteService => string.Equals(Get("Access"), "Api", StringComparison.OrdinalIgnoreCase);

    public bool IsUrl => Uri.TryCreate(Include, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Whether the item names a file or folder on disk. <c>Include="imdb" Source="https://…"</c> names a remote
    /// artefact instead: no separator, no extension.
    /// </summary>
    public bool IsLocal => !IsRemoteService && !IsUrl && (Include.IndexOfAny(['/', '\\']) >= 0 || Path.HasExtension(Include) || File.Exists(FullPath));

    public string FullPath => Path.GetFullPath(Path.Combine(ProjectDirectory, Include));

    /// <summary>Project-relative, forward slashes: stable across machines.</summary>
    public string RelativePath => Path.GetRelativePath(ProjectDirectory, FullPath).Replace('\\', '/');

    public string Name => Get("Name") ?? (IsLocal && !Directory.Exists(FullPath) ? Path.GetFileNameWithoutExtension(Include) : Include);

    /// <summary>The same item with some metadata removed (a declared document that does not exist, a bad path).</summary>
    public ArtifactDeclaration Without(string metadata, bool mayUseFolderReadme) =>
        new(Kind, Include, Metadata.Where(m => !m.Key.Equals(metadata, StringComparison.OrdinalIgnoreCase)).ToDictionary(m => m.Key, m => m.Value), ProjectDirectory)
        {
            MayUseFolderReadme = MayUseFolderReadme && mayUseFolderReadme,
        };

    /// <summary>A project-relative metadata path (ModelCard, DataCard) as a full path.</summary>
    public string FullPathOf(string relativePath) => Path.GetFullPath(Path.Combine(ProjectDirectory, relativePath));

    public string? Get(string metadata) => Metadata.GetValueOrDefault(metadata);

    public IReadOnlyList<string> GetList(string metadata) =>
        (Get(metadata) ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
