namespace OpenModel.Core.Facts;

/// <summary>The project as its file describes it.</summary>
public sealed record ProjectInfo
{
    public required string Name { get; init; }

    public required string Directory { get; init; }

    public string Version { get; init; } = "1.0.0";

    public string Type { get; init; } = "library";

    public string? Description { get; init; }

    public string? LicenseExpression { get; init; }

    public string? RepositoryUrl { get; init; }

    public string? RepositoryCommit { get; init; }

    public string? Authors { get; init; }

    /// <summary>PackageTags, split: "open-source" here is an openness claim.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public string BomRef => $"pkg:nuget/{Name}@{Version}";
}

/// <summary>
/// The validated declarations of one project, in declaration order, with their relations resolved: which dataset a
/// model names, which model a component belongs to, which declared model is another's base. "By name" always means
/// <see cref="DeclaredArtifact.IsNamed"/> (Name or Include), and the first declared match wins.
/// </summary>
public sealed class ProjectDeclarations
{
    public ProjectDeclarations(IReadOnlyList<DeclaredArtifact> all)
    {
        All = all;
        Models = all.OfType<DeclaredModel>().ToList();
        Datasets = all.OfType<DeclaredDataset>().ToList();
        Components = all.OfType<DeclaredComponent>().ToList();
        Services = Models.OfType<DeclaredService>().ToList();
    }

    public IReadOnlyList<DeclaredArtifact> All { get; }

    /// <summary>Every AIModel, hosted ones (<see cref="DeclaredService"/>) included.</summary>
    public IReadOnlyList<DeclaredModel> Models { get; }

    public IReadOnlyList<DeclaredService> Services { get; }

    public IReadOnlyList<DeclaredDataset> Datasets { get; }

    public IReadOnlyList<DeclaredComponent> Components { get; }

    /// <summary>Artefacts that become CycloneDX components (everything but hosted models), in declaration order.</summary>
    public IEnumerable<DeclaredArtifact> Artifacts => All.Where(a => a is not DeclaredService);

    public DeclaredDataset? FindDataset(string name) => Find(Datasets, name);

    public DeclaredModel? FindModel(string name) => Find(Models, name);

    /// <summary>The components of <paramref name="model"/>'s release: those naming it, and those naming no model.</summary>
    public IEnumerable<DeclaredComponent> ComponentsOf(DeclaredModel model) => Components.Where(c => c.BelongsTo(model));

    /// <summary>The declared base model of <paramref name="model"/>, when BaseModel names one declared here.</summary>
    public DeclaredModel? BaseOf(DeclaredModel model) => model.BaseModel is { } name ? FindModel(name) : null;

    private static T? Find<T>(IEnumerable<T> artifacts, string name)
        where T : DeclaredArtifact => artifacts.FirstOrDefault(a => a.IsNamed(name));
}
