using OpenModel.Core.Artifacts;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.Facts;

/// <summary>
/// List-valued metadata ("Training;Evaluation", "imdb, squad"): the text as written, which the BOM records verbatim, and
/// its entries, split once.
/// </summary>
public sealed record DeclaredList(string Text, IReadOnlyList<string> Items)
{
    public static readonly DeclaredList None = new(string.Empty, []);

    public bool IsEmpty => Items.Count == 0 && Text.Length == 0;

    public bool Contains(string item) => Items.Contains(item, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// One AIModel/AIDataset/AIComponent item, its metadata parsed once by <see cref="DeclarationReader"/>: the typed facts
/// every later stage (validation, inspection, openness, the writers) works on. The raw item stays for paths.
/// </summary>
public abstract record DeclaredArtifact
{
    /// <summary>The item as MSBuild or the CLI handed it over: Include and the paths derived from it.</summary>
    public required ArtifactDeclaration Item { get; init; }

    /// <summary>The Name metadata, when declared (messages quote it).</summary>
    public string? DeclaredName { get; init; }

    public string? Version { get; init; }

    public string? Description { get; init; }

    /// <summary>LicenseExpression, parsed.</summary>
    public ParsedLicense? License { get; init; }

    /// <summary>Source: where the artefact comes from (a URL, or a name).</summary>
    public string? Source { get; init; }

    public string? SourceRevision { get; init; }

    public string? Documentation { get; init; }

    /// <summary>Sha256: the hash the project pins the file to.</summary>
    public string? Sha256 { get; init; }

    public ArtifactKind Kind => Item.Kind;

    public string Include => Item.Include;

    public string ItemType => Item.ItemType;

    public bool IsLocal => Item.IsLocal;

    public bool IsUrl => Item.IsUrl;

    public string FullPath => Item.FullPath;

    public string RelativePath => Item.RelativePath;

    public string ProjectDirectory => Item.ProjectDirectory;

    public string Name => DeclaredName ?? Item.DefaultName;

    /// <summary>The Source as an absolute URL, or null when it names something else.</summary>
    public string? SourceUrl => Source is { } source && Uri.IsWellFormedUriString(source, UriKind.Absolute) ? source : null;

    /// <summary>"model:models/a.onnx", "data:…", "component:…", "service:openai:gpt-4o": unique per declared artefact.</summary>
    public virtual string BomRef => Kind switch
    {
        ArtifactKind.Model => "model:" + (IsLocal ? RelativePath : Include),
        ArtifactKind.Dataset => "data:" + (IsLocal ? RelativePath : Include),
        _ => "component:" + (IsLocal ? RelativePath : Include),
    };

    /// <summary>Whether <paramref name="name"/> names this artefact: its Name or its Include, in any case.</summary>
    public bool IsNamed(string name) =>
        Name.Equals(name, StringComparison.OrdinalIgnoreCase) || Include.Equals(name, StringComparison.OrdinalIgnoreCase);

    /// <summary>"AIModel 'models/a.onnx' (Name 'a')": how messages name the item.</summary>
    public string Describe() => DeclaredName is { } name ? $"{ItemType} '{Include}' (Name '{name}')" : $"{ItemType} '{Include}'";
}

/// <summary>An AIModel: weights on disk, at a URL, or named by id (a hosted model is a <see cref="DeclaredService"/>).</summary>
public record DeclaredModel : DeclaredArtifact
{
    /// <summary>ModelCard: the project-relative path of the model's card, when declared.</summary>
    public string? ModelCard { get; init; }

    /// <summary>
    /// Whether a README.md beside a model without a declared ModelCard may serve as its card: not when another model in the
    /// folder could be the one it describes, nor when the declared card is missing.
    /// </summary>
    public bool MayUseFolderReadme { get; init; } = true;

    public string? Task { get; init; }

    public string? Architecture { get; init; }

    public DeclaredList TrainedOn { get; init; } = DeclaredList.None;

    public string? BaseModel { get; init; }

    /// <summary>BaseModelLicense: the base model's terms, when it is not declared here itself.</summary>
    public ParsedLicense? BaseModelLicense { get; init; }

    public string? Producer { get; init; }

    public bool IsService => this is DeclaredService;
}

/// <summary>An AIModel with <c>Access="Api"</c>: a model reached over the network, a CycloneDX service.</summary>
public sealed record DeclaredService : DeclaredModel
{
    /// <summary>The provider prefix of the id ("openai"), or null when it names none.</summary>
    public string? Provider { get; init; }

    /// <summary>The model id without its provider ("gpt-4o-mini").</summary>
    public required string ModelId { get; init; }

    public string? Endpoint { get; init; }

    /// <summary>The name a BOM gives the service: its Name, else the model id.</summary>
    public string ServiceName => DeclaredName ?? ModelId;

    public override string BomRef => "service:" + Include;
}

/// <summary>An AIDataset.</summary>
public sealed record DeclaredDataset : DeclaredArtifact
{
    /// <summary>Usage: "Training;Evaluation".</summary>
    public DeclaredList Usage { get; init; } = DeclaredList.None;

    public string? DataCard { get; init; }
}

/// <summary>An AIComponent: code, documents and other parts of a model release, as the Model Openness Framework counts them.</summary>
public sealed record DeclaredComponent : DeclaredArtifact
{
    /// <summary>Kind: "TrainingCode", "ModelCard", "ThreatModel", ….</summary>
    public string? ComponentKind { get; init; }

    /// <summary>Model: the name or Include of the model it belongs to; null for all of them.</summary>
    public string? Model { get; init; }

    /// <summary>Whether it belongs to <paramref name="model"/>'s release.</summary>
    public bool BelongsTo(DeclaredArtifact model) => Model is not { } owner || model.IsNamed(owner);

    public bool IsKind(string kind) => string.Equals(ComponentKind, kind, StringComparison.OrdinalIgnoreCase);
}
