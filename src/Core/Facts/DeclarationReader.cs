using OpenModel.Contract;
using OpenModel.Core.Artifacts;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.Facts;

/// <summary>
/// The parsing step: the only code that reads declaration metadata by name. Each item becomes a typed
/// <see cref="DeclaredArtifact"/>, its licence parsed once, its lists split once, a hosted model's id split into provider
/// and model by the shared contract. Nothing here touches the file system, so an item with an unusable path is still
/// read, and validation (which reports it) comes after.
/// </summary>
public static class DeclarationReader
{
    public static IReadOnlyList<DeclaredArtifact> Read(IEnumerable<ArtifactDeclaration> items) => items.Select(Read).ToList();

    public static DeclaredArtifact Read(ArtifactDeclaration item) => item.Kind switch
    {
        ArtifactKind.Model when item.IsRemoteService => Common(item, Model(item, Service(item))),
        ArtifactKind.Model => Common(item, Model(item, new DeclaredModel { Item = item })),
        ArtifactKind.Dataset => Common(item, new DeclaredDataset
        {
            Item = item,
            Usage = List(item, "Usage"),
            DataCard = item.Get("DataCard"),
        }),
        _ => Common(item, new DeclaredComponent
        {
            Item = item,
            ComponentKind = item.Get("Kind"),
            Model = item.Get("Model"),
        }),
    };

    private static DeclaredService Service(ArtifactDeclaration item)
    {
        var id = ModelServiceId.Parse(item.Include);
        return new DeclaredService { Item = item, Provider = id.Provider, ModelId = id.Model, Endpoint = item.Get("Endpoint") };
    }

    private static DeclaredModel Model(ArtifactDeclaration item, DeclaredModel model) => model with
    {
        ModelCard = item.Get("ModelCard"),
        Task = item.Get("Task"),
        Architecture = item.Get("Architecture"),
        TrainedOn = List(item, "TrainedOn"),
        BaseModel = item.Get("BaseModel"),
        BaseModelLicense = ParsedLicense.From(item.Get("BaseModelLicense")),
        Producer = item.Get("Producer"),
    };

    private static T Common<T>(ArtifactDeclaration item, T artifact)
        where T : DeclaredArtifact => artifact with
    {
        DeclaredName = item.Get("Name"),
        Version = item.Get("Version"),
        Description = item.Get("Description"),
        License = ParsedLicense.From(item.Get("LicenseExpression")),
        Source = item.Get("Source"),
        SourceRevision = item.Get("SourceRevision"),
        Documentation = item.Get("Documentation"),
        Sha256 = item.Get("Sha256"),
    };

    private static DeclaredList List(ArtifactDeclaration item, string metadata) =>
        item.Get(metadata) is { } text
            ? new DeclaredList(text, text.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : DeclaredList.None;
}
