using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.NuGet;

namespace OpenModel.Core.AIBom;

internal static class PackageComponentFactory
{
    public static Component Create(PackageComponent package, DiagnosticBag diagnostics)
    {
        if (!package.IsProject && !package.HasLicense)
        {
            diagnostics.Add(BuildRules.PackageWithoutLicense, $"package {package.Id} {package.Version} declares no licence (no license expression, file or URL in its .nuspec)");
        }

        var references = new List<ExternalReference>();
        if (package.ProjectUrl is { } website)
        {
            references.Add(new ExternalReference("website", website));
        }

        if (package.RepositoryUrl is { } repository)
        {
            references.Add(new ExternalReference("vcs", repository, package.RepositoryCommit is { } commit ? "revision " + commit : null));
        }

        if (!package.IsProject)
        {
            references.Add(new ExternalReference("distribution", $"https://www.nuget.org/packages/{package.Id}/{package.Version}"));
        }

        return new Component
        {
            Type = "library",
            BomRef = package.BomRef,
            Authors = package.Authors is { Length: > 0 } authors ? [new OrganizationalContact { Name = authors }] : null,
            Name = package.Id,
            Version = package.Version,
            Description = package.Description,
            Scope = package.IsExcluded ? "excluded" : "required",
            Hashes = package.Sha512Hex is { } sha512 ? [new Hash("SHA-512", sha512)] : null,
            Licenses = Licenses(package),
            Purl = package.IsProject ? null : package.Purl,
            ExternalReferences = references,
            Properties = [new Property("openmodel:nuget:targetFrameworks", string.Join(';', package.TargetFrameworks))],
        };
    }

    private static List<LicenseChoice>? Licenses(PackageComponent package)
    {
        if (package.LicenseExpression is { } expression)
        {
            return LicenseChoices.FromExpression(expression);
        }

        if (package.LicenseFileText is { } text)
        {
            // A recognised text also gets its SPDX id, so the licence can be classified; the text stays as evidence.
            var id = Licensing.LicenseTextIdentifier.Identify(text);
            return [new LicenseChoice { License = new License { Id = id, Name = id is null ? $"{package.Id} licence ({package.LicenseFileName})" : null, Text = new AttachedText { Content = text } } }];
        }

        return package.LicenseUrl is { } url
            ? [new LicenseChoice { License = new License { Name = $"{package.Id} licence", Url = url } }]
            : null;
    }
}
