using OpenModel.Contract;

namespace OpenModel.Core.Artifacts;

public enum ArtifactKind
{
    Model,
    Dataset,
    Component,
}

/// <summary>
/// One <c>AIModel</c>/<c>AIDataset</c>/<c>AIComponent</c> item with its metadata, as MSBuild or the CLI hands it over.
/// Its metadata is read by name in one place only, <c>Facts.DeclarationReader</c>, which turns it into typed facts.
/// </summary>
public sealed class ArtifactDeclaration
{
    public ArtifactDeclaration(ArtifactKind kind, string include, IReadOnlyDictionary<string, string> metadata, string projectDirectory)
    {
        Kind = kind;
        Include = include;
        Metadata = new Dictionary<string, string>(metadata.Where(m => m.Value.Length > 0), StringComparer.OrdinalIgnoreCase);
        ProjectDirectory = projectDirectory;
        IsRemoteService = kind == ArtifactKind.Model && ModelAccess.IsRemote(Metadata.GetValueOrDefault(ModelAccess.Metadata));
    }

    public ArtifactKind Kind { get; }

    public string Include { get; }

    public IReadOnlyDictionary<string, string> Metadata { get; }

    public string ProjectDirectory { get; }

    /// <summary>The MSBuild file that declares the item (its DefiningProjectFullPath), when known: citations name its line.</summary>
    public string? DefinedIn { get; init; }

    public string ItemType => Kind switch
    {
        ArtifactKind.Model => DeclarationsFile.ModelItemType,
        ArtifactKind.Dataset => DeclarationsFile.DatasetItemType,
        _ => DeclarationsFile.ComponentItemType,
    };

    /// <summary><c>Access="Api"</c> on an AIModel: a hosted model, not weights on disk.</summary>
    public bool IsRemoteService { get; }

    public bool IsUrl => Uri.TryCreate(Include, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>
    /// Whether the item names a file or folder on disk. <c>Include="imdb" Source="https://…"</c> names a remote
    /// artefact instead: no separator, no extension.
    /// </summary>
    public bool IsLocal => !IsRemoteService && !IsUrl && (Include.IndexOfAny(['/', '\\']) >= 0 || Path.HasExtension(Include) || File.Exists(FullPath));

    public string FullPath => Path.GetFullPath(Path.Combine(ProjectDirectory, Include));

    /// <summary>Project-relative, forward slashes: stable across machines.</summary>
    public string RelativePath => Path.GetRelativePath(ProjectDirectory, FullPath).Replace('\\', '/');

    /// <summary>The name of an item without a Name: a file's name without its extension, else the Include.</summary>
    public string DefaultName => IsLocal && !Directory.Exists(FullPath) ? Path.GetFileNameWithoutExtension(Include) : Include;

    /// <summary>A project-relative metadata path (ModelCard, DataCard) as a full path.</summary>
    public string FullPathOf(string relativePath) => Path.GetFullPath(Path.Combine(ProjectDirectory, relativePath));

    /// <summary>For the reader only: one metadata value by name.</summary>
    internal string? Get(string metadata) => Metadata.GetValueOrDefault(metadata);
}
