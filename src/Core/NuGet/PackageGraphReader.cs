using global::NuGet.Common;
using global::NuGet.LibraryModel;
using global::NuGet.Packaging;
using global::NuGet.Packaging.Licenses;
using global::NuGet.ProjectModel;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Core.NuGet;

/// <summary>
/// Reads what restore already resolved: project.assets.json for the graph of every target framework, and each
/// package's .nuspec in the local packages folder for licence and provenance. Never touches the network.
/// </summary>
public static class PackageGraphReader
{
    // NuGet writes this placeholder licenseUrl into packages that carry a licence expression or file.
    private const string DeprecatedLicenseUrl = "https://aka.ms/deprecateLicenseUrl";

    // Bounds on what a package may make the build read: far above any real file of each kind.
    private const long MaxNuspecBytes = 4L * 1024 * 1024;
    private const long MaxLicenseFileBytes = 4L * 1024 * 1024;
    private const long MaxSha512FileBytes = 4096;

    public static PackageGraph? Read(string assetsPath, DiagnosticBag diagnostics)
    {
        LockFile lockFile;
        try
        {
            var logger = new CollectingLogger();
            if (!RegularFile.TryOpenRead(assetsPath, out var stream, out var problem))
            {
                diagnostics.Add(BuildRules.MalformedInput, $"{problem}; the AI-BOM has no NuGet packages", RegularFile.IsValidPath(assetsPath) ? assetsPath : null);
                return null;
            }

            using (stream)
            {
                lockFile = new LockFileFormat().Read(stream!, logger, assetsPath);
            }

            if (logger.FirstError is not null || lockFile.PackageSpec is null)
            {
                diagnostics.Add(BuildRules.MalformedInput, $"'{assetsPath}' cannot be read: {logger.FirstError ?? "it has no project section"}", assetsPath);
                return null;
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"'{assetsPath}' cannot be read: {e.Message}", assetsPath);
            return null;
        }

        var packageFolders = lockFile.PackageFolders.Select(f => f.Path).ToList();
        var components = new Dictionary<string, PackageComponent>(StringComparer.OrdinalIgnoreCase);
        foreach (var library in lockFile.Libraries)
        {
            var component = new PackageComponent
            {
                Id = library.Name,
                Version = library.Version.ToNormalizedString(),
                IsProject = library.Type == "project",
            };
            if (!component.IsProject)
            {
                ReadNuspec(component, library, packageFolders, diagnostics);
            }

            components[Key(library.Name, component.Version)] = component;
        }

        foreach (var target in lockFile.Targets.Where(t => t.RuntimeIdentifier is null))
        {
            var framework = target.TargetFramework.GetShortFolderName();
            var resolved = target.Libraries.ToDictionary(l => l.Name!, l => l.Version!.ToNormalizedString(), StringComparer.OrdinalIgnoreCase);
            foreach (var library in target.Libraries)
            {
                if (!components.TryGetValue(Key(library.Name!, library.Version!.ToNormalizedString()), out var component))
                {
                    continue;
                }

                component.TargetFrameworks.Add(framework);
                foreach (var dependency in library.Dependencies)
                {
                    if (resolved.TryGetValue(dependency.Id, out var version) && components.TryGetValue(Key(dependency.Id, version), out var target2))
                    {
                        component.DependsOn.Add(target2.BomRef);
                    }
                }
            }
        }

        var direct = DirectDependencies(lockFile, components);
        MarkExcluded(components.Values, direct);
        return new PackageGraph(
            components.Values.OrderBy(c => c.BomRef, StringComparer.Ordinal).ToList(),
            direct.Where(d => !d.Excluded).Concat(direct.Where(d => d.Excluded)).Select(d => d.Component.BomRef).Distinct().ToList());
    }

    private static List<(PackageComponent Component, bool Excluded)> DirectDependencies(LockFile lockFile, Dictionary<string, PackageComponent> components)
    {
        var direct = new List<(PackageComponent, bool)>();
        var spec = lockFile.PackageSpec;
        foreach (var target in lockFile.Targets.Where(t => t.RuntimeIdentifier is null))
        {
            var framework = spec.TargetFrameworks.FirstOrDefault(f => f.FrameworkName == target.TargetFramework);
            var declared = framework?.Dependencies ?? [];
            var resolved = target.Libraries.ToDictionary(l => l.Name!, l => l, StringComparer.OrdinalIgnoreCase);
            foreach (var dependency in declared)
            {
                if (resolved.TryGetValue(dependency.Name, out var library) && components.TryGetValue(Key(library.Name!, library.Version!.ToNormalizedString()), out var component))
                {
                    direct.Add((component, dependency.SuppressParent == LibraryIncludeFlags.All));
                }
            }

            var projectReferences = spec.RestoreMetadata?.TargetFrameworks
                .FirstOrDefault(f => f.FrameworkName == target.TargetFramework)?.ProjectReferences ?? [];
            foreach (var reference in projectReferences)
            {
                var project = target.Libraries.FirstOrDefault(l => l.Type == "project" && string.Equals(Path.GetFileNameWithoutExtension(reference.ProjectPath), l.Name, StringComparison.OrdinalIgnoreCase));
                if (project is not null && components.TryGetValue(Key(project.Name!, project.Version!.ToNormalizedString()), out var component))
                {
                    direct.Add((component, reference.PrivateAssets == LibraryIncludeFlags.All));
                }
            }
        }

        return direct;
    }

    /// <summary>A package is required when a non-excluded, non-development direct dependency reaches it; the rest ship with nothing.</summary>
    private static void MarkExcluded(IEnumerable<PackageComponent> all, List<(PackageComponent Component, bool Excluded)> direct)
    {
        var byRef = all.ToDictionary(c => c.BomRef, StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<PackageComponent>(direct.Where(d => !d.Excluded && !d.Component.IsDevelopmentDependency).Select(d => d.Component));
        while (pending.Count > 0)
        {
            var component = pending.Pop();
            if (!required.Add(component.BomRef))
            {
                continue;
            }

            foreach (var dependency in component.DependsOn)
            {
                if (byRef.TryGetValue(dependency, out var next))
                {
                    pending.Push(next);
                }
            }
        }

        foreach (var component in byRef.Values)
        {
            component.IsExcluded = !required.Contains(component.BomRef);
        }
    }

    private static void ReadNuspec(PackageComponent component, LockFileLibrary library, IReadOnlyList<string> packageFolders, DiagnosticBag diagnostics)
    {
        var nuspecName = library.Files.FirstOrDefault(f => f.EndsWith(".nuspec", StringComparison.OrdinalIgnoreCase) && !f.Contains('/'))
            ?? library.Name.ToLowerInvariant() + ".nuspec";
        var folder = packageFolders.Select(root => Path.Combine(root, library.Path ?? string.Empty)).FirstOrDefault(Directory.Exists);
        var nuspecPath = folder is null ? null : Path.Combine(folder, nuspecName);
        if (nuspecPath is null || RegularFile.Probe(nuspecPath).Kind == FileKind.Missing)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"the .nuspec of {library.Name} {component.Version} is not in the local packages folder; run restore", nuspecPath ?? library.Path);
            return;
        }

        try
        {
            // project.assets.json holds the signature-independent content hash; the .nupkg.sha512 file holds the file's hash.
            var sha512File = library.Files.FirstOrDefault(f => f.EndsWith(".nupkg.sha512", StringComparison.OrdinalIgnoreCase));
            if (sha512File is not null && RegularFile.TryReadAllText(Path.Combine(folder!, sha512File), MaxSha512FileBytes, out var sha512, out _))
            {
                component.Sha512Hex = Convert.ToHexStringLower(Convert.FromBase64String(sha512!.Trim()));
            }

            if (!RegularFile.TryReadAllBytes(nuspecPath, MaxNuspecBytes, out var nuspecBytes, out var problem))
            {
                diagnostics.Add(BuildRules.MalformedInput, $"the .nuspec of {library.Name} {component.Version}: {problem}", nuspecPath);
                return;
            }

            // Read as NuGet reads a .nuspec (DTDs refused, whitespace and comments ignored) but with line information so a citation can name the licence element's line.
            using var xml = System.Xml.XmlReader.Create(new MemoryStream(nuspecBytes!), new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null, IgnoreWhitespace = true, IgnoreComments = true, IgnoreProcessingInstructions = true });
            var document = System.Xml.Linq.XDocument.Load(xml, System.Xml.Linq.LoadOptions.SetLineInfo);
            var nuspec = new NuspecReader(document);
            component.Description = nuspec.GetDescription();
            component.Authors = nuspec.GetAuthors();
            component.ProjectUrl = nuspec.GetProjectUrl() is { Length: > 0 } url ? url : null;
            var repository = nuspec.GetRepositoryMetadata();
            component.RepositoryUrl = repository?.Url is { Length: > 0 } repo ? repo : null;
            component.RepositoryCommit = repository?.Commit is { Length: > 0 } commit ? commit : null;
            component.IsDevelopmentDependency = nuspec.GetDevelopmentDependency();

            var license = nuspec.GetLicenseMetadata();
            if (license?.Type == LicenseType.Expression)
            {
                component.LicenseExpression = license.License;
            }
            else if (license?.Type == LicenseType.File)
            {
                var licensePath = Path.Combine(folder!, license.License.Replace('\\', '/'));
                component.LicenseFileName = license.License;
                component.LicenseFileText = RegularFile.TryReadAllText(licensePath, MaxLicenseFileBytes, out var text, out _) ? text : null;
            }

            var licenseUrl = nuspec.GetLicenseUrl();
            if (!component.HasLicense && licenseUrl is { Length: > 0 } && licenseUrl != DeprecatedLicenseUrl)
            {
                component.LicenseUrl = licenseUrl;
            }

            if (component.HasLicense)
            {
                var element = component.LicenseUrl is null ? "license" : "licenseUrl";
                var line = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")?.Elements().FirstOrDefault(e => e.Name.LocalName == element) is System.Xml.IXmlLineInfo info && info.HasLineInfo()
                    ? ":" + info.LineNumber.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    : string.Empty;
                component.LicenseSource = $"{(library.Path ?? string.Empty).Replace('\\', '/').TrimEnd('/')}/{nuspecName}{line}".TrimStart('/');
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"the .nuspec of {library.Name} {component.Version} cannot be read: {e.Message}", nuspecPath);
        }
    }

    private static string Key(string id, string version) => id + "/" + version;

    private sealed class CollectingLogger : LoggerBase
    {
        public string? FirstError { get; private set; }

        public override void Log(ILogMessage message)
        {
            if (message.Level >= LogLevel.Error)
            {
                FirstError ??= message.Message;
            }
        }

        public override Task LogAsync(ILogMessage message)
        {
            Log(message);
            return Task.CompletedTask;
        }
    }
}
