using OpenModel.Core.Facts;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.Openness;

/// <summary>
/// One licensed part of the AI system as the AI-BOM states its licence: a NuGet package or project reference, a
/// model, a dataset or a model service, in the BOM's order (packages, artefacts, services).
/// </summary>
internal sealed record LicensedItem(string BomRef, string Kind, string Name, string? Version, StatedLicense? License, bool IsRequired, bool IsProjectReference)
{
    public LicenseCategory Category => License?.Category ?? LicenseCategory.Unknown;

    public bool IsPackage => Kind == "package";

    /// <summary>A NuGet package (not a project reference) the application ships with.</summary>
    public bool IsShippedPackage => IsPackage && IsRequired && !IsProjectReference;

    public static IReadOnlyList<LicensedItem> Of(BuildFacts facts) =>
        facts.Packages.Select(p => new LicensedItem(p.Package.BomRef, "package", p.Package.Id, p.Package.Version, p.License, p.IsRequired, p.Package.IsProject))
            .Concat(facts.Artifacts.Where(a => a.Declared is DeclaredModel or DeclaredDataset)
                .Select(a => new LicensedItem(a.Declared.BomRef, a.Declared is DeclaredModel ? "model" : "dataset", a.Declared.Name, a.Declared.Version, a.StatedLicense, IsRequired: true, IsProjectReference: false)))
            .Concat(facts.Declarations.Services.Select(s => new LicensedItem(s.BomRef, "service", s.DeclaredName ?? s.ModelId, s.Version, Facts.StatedLicense.Of(s.License), IsRequired: true, IsProjectReference: false)))
            .ToList();
}
