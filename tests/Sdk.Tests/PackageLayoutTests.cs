using System.Text.Json;
using NuGet.Packaging;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>What each package we ship holds, file by file: the layout its consumers (MSBuild, NuGet, dotnet tool) load.</summary>
[Collection(PackedSdkCollection.Name)]
public class PackageLayoutTests(PackedSdk sdk)
{
    /// <summary>Written by NuGet into every package; not ours to lay out.</summary>
    private static readonly string[] PackagingFiles = ["[Content_Types].xml", "_rels/.rels"];

    [Fact]
    public void Sdk_package_holds_the_SDK_files_the_analyzers_and_the_tasks_with_exactly_their_dependencies()
    {
        using var package = new PackageArchiveReader(sdk.SdkPackage);
        var files = Files(package);

        var nuspec = package.NuspecReader;
        Assert.Equal(("OpenModel.Sdk", sdk.Version), (nuspec.GetId(), nuspec.GetVersion().ToNormalizedString()));
        Assert.Equal(["MSBuildSdk"], nuspec.GetPackageTypes().Select(t => t.Name));
        Assert.True(nuspec.GetDevelopmentDependency());
        Assert.Equal("MIT", nuspec.GetLicenseMetadata()?.License);
        Assert.Empty(nuspec.GetDependencyGroups().SelectMany(g => g.Packages));
        Assert.Equal("README.md", nuspec.GetReadme());
        Assert.Contains("README.md", files);

        Assert.Equal(SourceFiles("src/Sdk/Sdk", "Sdk/"), files.Where(f => f.StartsWith("Sdk/", StringComparison.Ordinal)));
        Assert.Equal(SourceFiles("src/Sdk/build", "build/"), files.Where(f => f.StartsWith("build/", StringComparison.Ordinal)));
        Assert.Equal(
            ["analyzers/dotnet/cs/OpenModel.Analyzers.CodeFixes.dll", "analyzers/dotnet/cs/OpenModel.Analyzers.dll"],
            files.Where(f => f.StartsWith("analyzers/", StringComparison.Ordinal)));

        // The tasks folder is exactly what the tasks' deps.json says MSBuild's loader will look for there: every runtime
        // and native asset of the closure, nothing missing, nothing stale.
        const string Tasks = "tasks/net10.0/";
        var depsJson = Tasks + "OpenModel.Sdk.Tasks.deps.json";
        using (var deps = JsonDocument.Parse(package.GetStream(depsJson)))
        {
            var expected = RuntimeAssets(deps).Select(asset => Tasks + asset).Append(depsJson).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(expected, files.Where(f => f.StartsWith(Tasks, StringComparison.Ordinal)));
        }

        Assert.Contains(Tasks + "OpenModel.Sdk.Tasks.dll", files);
        Assert.Contains(Tasks + "OpenModel.Core.dll", files);
        // MSBuild brings its own: a second copy would be loaded beside it.
        Assert.DoesNotContain(files, f => f.StartsWith(Tasks + "Microsoft.Build", StringComparison.Ordinal));

        Assert.Equal(["README.md", "Sdk", "analyzers", "build", "tasks"], TopLevel(files));
        AssertNoBuildLeftovers(files);
    }

    [Fact]
    public void Cli_package_is_a_dotnet_tool_with_its_readme_and_nothing_else()
    {
        using var package = new PackageArchiveReader(sdk.CliPackage);
        var files = Files(package);

        var nuspec = package.NuspecReader;
        Assert.Equal(("OpenModel.Cli", sdk.Version), (nuspec.GetId(), nuspec.GetVersion().ToNormalizedString()));
        Assert.Equal(["DotnetTool"], nuspec.GetPackageTypes().Select(t => t.Name));
        Assert.Equal("MIT", nuspec.GetLicenseMetadata()?.License);
        Assert.Equal("README.md", nuspec.GetReadme());

        const string Tool = "tools/net10.0/any/";
        Assert.Contains(Tool + "openmodel.dll", files);
        Assert.Contains(Tool + "OpenModel.Core.dll", files);
        Assert.Contains(Tool + "DotnetToolSettings.xml", files);
        using (var settings = package.GetStream(Tool + "DotnetToolSettings.xml"))
        {
            var command = System.Xml.Linq.XDocument.Load(settings).Descendants("Command").Single();
            Assert.Equal(("openmodel", "openmodel.dll"), ((string?)command.Attribute("Name"), (string?)command.Attribute("EntryPoint")));
        }

        Assert.Equal(["README.md", "tools"], TopLevel(files));
        AssertNoBuildLeftovers(files);
    }

    /// <summary>The package's own files (nuspec and NuGet's packaging parts left out), sorted.</summary>
    private static List<string> Files(PackageArchiveReader package)
    {
        var nuspec = Path.GetFileName(package.GetNuspecFile());
        return package.GetFiles()
            .Where(f => f != nuspec && !PackagingFiles.Contains(f) && !f.StartsWith("package/services/metadata/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static IEnumerable<string> TopLevel(IEnumerable<string> files) =>
        files.Select(f => f.Split('/')[0]).Distinct().Order(StringComparer.Ordinal);

    /// <summary>No lib/ or ref/ (nothing to reference), no symbols, no intermediate or test output.</summary>
    private static void AssertNoBuildLeftovers(IReadOnlyCollection<string> files)
    {
        Assert.DoesNotContain(files, f => f.StartsWith("lib/", StringComparison.Ordinal) || f.StartsWith("ref/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.EndsWith(".pdb", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("/obj/", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f.Contains("Tests", StringComparison.Ordinal) || f.Contains("xunit", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(files, f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal));
    }

    /// <summary>Every file under a source folder, as the package path it must have.</summary>
    private static IEnumerable<string> SourceFiles(string folder, string packagePath)
    {
        var root = Path.Combine(DotNet.RepoRoot, folder);
        return Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => packagePath + Path.GetRelativePath(root, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
    }

    /// <summary>
    /// The files a deps.json makes the loader look for beside the assembly: managed runtime assets by file name (NuGet's
    /// copy-local flattening), native and RID-specific ones under their runtimes/ path.
    /// </summary>
    private static IEnumerable<string> RuntimeAssets(JsonDocument deps)
    {
        var target = deps.RootElement.GetProperty("targets").EnumerateObject().Single().Value;
        foreach (var library in target.EnumerateObject())
        {
            if (library.Value.TryGetProperty("runtime", out var runtime))
            {
                foreach (var asset in runtime.EnumerateObject())
                {
                    yield return Path.GetFileName(asset.Name);
                }
            }

            if (library.Value.TryGetProperty("runtimeTargets", out var runtimeTargets))
            {
                foreach (var asset in runtimeTargets.EnumerateObject())
                {
                    yield return asset.Name;
                }
            }
        }
    }
}
