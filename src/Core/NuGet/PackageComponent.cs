namespace OpenModel.Core.NuGet;

/// <summary>A resolved NuGet package or project reference as the AI-BOM needs it.</summary>
public sealed class PackageComponent
{
    public required string Id { get; init; }

    public required string Version { get; init; }

    public bool IsProject { get; init; }

    public string BomRef => IsProject ? $"project:{Id}@{Version}" : Purl;

    public string Purl => $"pkg:nuget/{Id}@{Version}";

    /// <summary>SHA-512 of the .nupkg file itself (what nuget.org publishes as packageHash), not NuGet's content hash.</summary>
    public string? Sha512Hex { get; set; }

    public string? LicenseExpression { get; set; }

    public string? LicenseFileName { get; set; }

    public string? LicenseFileText { get; set; }

    public string? LicenseUrl { get; set; }

    /// <summary>Where the licence was read: the .nuspec under the packages folder and the line of its licence element ("foo/1.2.3/foo.nuspec:7").</summary>
    public string? LicenseSource { get; set; }

    public string? Description { get; set; }

    public string? Authors { get; set; }

    public string? ProjectUrl { get; set; }

    public string? RepositoryUrl { get; set; }

    public string? RepositoryCommit { get; set; }

    public bool IsDevelopmentDependency { get; set; }

    public bool IsExcluded { get; set; }

    public SortedSet<string> TargetFrameworks { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> DependsOn { get; } = new(StringComparer.Ordinal);

    public bool HasLicense => LicenseExpression is not null || LicenseFileText is not null || LicenseUrl is not null;
}

public sealed record PackageGraph(IReadOnlyList<PackageComponent> Packages, IReadOnlyList<string> DirectDependencies);
