using System.IO.Compression;
using System.Security.Cryptography;
using System.Xml.Linq;
using OpenModel.Core.CycloneDx;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Sdk.Tests;

[Collection(PackedSdkCollection.Name)]
public class AIBomBuildTests(PackedSdk sdk)
{
    /// <summary>Where the consumers' third-party packages come from (their restore's fallback folder).</summary>
    private static readonly string NuGetPackages = PackedSdk.SharedPackages;

    [Fact]
    public async Task Build_writes_a_valid_reproducible_AI_BOM_with_real_package_licences_and_the_model_hash()
    {
        using var project = Consumer(extraItems: """
            <PackageReference Include="Newtonsoft.Json" />
            <PackageReference Include="Microsoft.ML.OnnxRuntime" />
            <PackageReference Include="Microsoft.CodeAnalysis.Analyzers" PrivateAssets="all" />
            <AIModel Include="models/scorer.onnx" LicenseExpression="MIT" />
            """);

        var first = await project.BuildAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        var bomPath = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json");
        var bytes = File.ReadAllBytes(bomPath);
        Assert.Empty(CycloneDxSchema.Validate16(bytes));
        var bom = BomSerializer.Deserialize(bytes);
        Assert.Empty(BomSemanticValidator.Validate(bom));

        var model = bom.Components!.Single(c => c.Type == "machine-learning-model");
        var independentHash = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(project.Directory, "models", "scorer.onnx"))));
        Assert.Equal(independentHash, model.Hashes!.Single().Content);
        Assert.Equal("Program.cs", model.Evidence!.Occurrences!.Single().Location);
        Assert.Equal("complete", bom.Compositions!.Single().Aggregate);

        var newtonsoft = Package(bom, "Newtonsoft.Json");
        Assert.Equal(NuspecLicense("Newtonsoft.Json", newtonsoft.Version!), newtonsoft.Licenses!.Single().Expression);
        var onnx = Package(bom, "Microsoft.ML.OnnxRuntime");
        Assert.Equal(NuspecLicenseFileText("Microsoft.ML.OnnxRuntime", onnx.Version!), onnx.Licenses!.Single().License!.Text!.Content);
        Assert.Equal("required", onnx.Scope);
        Assert.Equal("excluded", Package(bom, "Microsoft.CodeAnalysis.Analyzers").Scope);
        Assert.Equal(NupkgSha512("Newtonsoft.Json", newtonsoft.Version!), newtonsoft.Hashes!.Single().Content);
        var root = bom.Dependencies!.Single(d => d.Ref == bom.Metadata.Component!.BomRef).DependsOn!;
        Assert.Contains(onnx.BomRef!, root);
        Assert.Contains(model.BomRef!, root);
        Assert.DoesNotContain(bom.Components!, c => c.Name == "Microsoft.ML.OnnxRuntime.Managed" && !bom.Dependencies!.Single(d => d.Ref == onnx.BomRef).DependsOn!.Contains(c.BomRef!));

        var rebuilt = await project.BuildAsync("--no-incremental");
        Assert.True(rebuilt.ExitCode == 0, rebuilt.Output);
        Assert.Equal(bytes, File.ReadAllBytes(bomPath));
    }

    [Fact]
    public async Task Declared_hash_mismatch_and_missing_model_fail_the_build_with_OM3002_and_OM3001()
    {
        using var project = Consumer(extraItems: """
            <AIModel Include="models/scorer.onnx" LicenseExpression="MIT" Sha256="0000000000000000000000000000000000000000000000000000000000000000" />
            <AIModel Include="models/missing.onnx" LicenseExpression="MIT" />
            """);

        var result = await project.BuildAsync();

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(new[] { ("OM3001", "error"), ("OM3002", "error") }, result.Diagnostics.Where(d => d.Id.StartsWith("OM300")).Select(d => (d.Id, d.Severity)).Order());
        Assert.All(result.Diagnostics.Where(d => d.Id.StartsWith("OM300")), d => Assert.EndsWith("App.csproj", d.File));
        Assert.DoesNotContain("MSB4018", result.Output);
    }

    [Fact]
    public async Task A_declared_pickle_that_runs_code_fails_the_build_with_OM4001_naming_the_file()
    {
        using var project = Consumer(extraItems: """<AIModel Include="models/checkpoint.pt" LicenseExpression="MIT" />""");
        var checkpoint = Path.Combine(project.Directory, "models", "checkpoint.pt");
        // Protocol 2: GLOBAL posix.system, BINUNICODE "id", TUPLE1, REDUCE, STOP.
        File.WriteAllBytes(checkpoint, [0x80, 0x02, .. "cposix\nsystem\n"u8, (byte)'X', 2, 0, 0, 0, .. "id"u8, 0x85, (byte)'R', (byte)'.']);

        var result = await project.BuildAsync();

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM4001");
        Assert.Equal(("error", checkpoint), (error.Severity, error.File));
        Assert.Contains("imports posix.system", error.Message);
    }

    [Fact]
    public async Task Publish_copies_and_pack_embeds_the_AI_BOM_and_it_can_be_switched_off()
    {
        using var project = Consumer(extraItems: """<AIModel Include="models/scorer.onnx" LicenseExpression="MIT" />""");

        var publish = await DotNet.RunAsync(project.Directory, "publish", "-nologo", "-o", "out");
        var pack = await DotNet.RunAsync(project.Directory, "pack", "-nologo", "-o", "nupkg", "-p:IsPackable=true", "-p:OutputType=Library");

        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.True(File.Exists(Path.Combine(project.Directory, "out", "App.aibom.cdx.json")));
        Assert.True(pack.ExitCode == 0, pack.Output);
        using (var package = ZipFile.OpenRead(Directory.GetFiles(Path.Combine(project.Directory, "nupkg"), "*.nupkg").Single()))
        {
            Assert.Contains(package.Entries, e => e.FullName == "aibom/net10.0/App.aibom.cdx.json");
        }

        var disabled = await project.BuildAsync("-p:AIBomEnabled=false", "-p:OutDir=bin/disabled/");
        Assert.True(disabled.ExitCode == 0, disabled.Output);
        Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "disabled", "App.aibom.cdx.json")));
    }

    [Fact]
    public async Task Multi_targeted_project_lists_each_package_once_with_its_frameworks_and_project_references()
    {
        using var project = sdk.NewConsumer()
            .Write("Lib/Lib.csproj", """
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFrameworks>net8.0;net10.0</TargetFrameworks><Version>2.3.0</Version></PropertyGroup>
                </Project>
                """)
            .Write("Lib/Class1.cs", "namespace Lib; public static class Class1 { }")
            .Write("App/App.cs", "namespace App; public static class Entry { }")
            .Write("App/App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <TargetFrameworks>net8.0;net10.0</TargetFrameworks>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="Newtonsoft.Json" Version="13.0.3" />
                    <PackageReference Include="Microsoft.Bcl.AsyncInterfaces" Version="8.0.0" Condition="'$(TargetFramework)' == 'net8.0'" />
                    <ProjectReference Include="../Lib/Lib.csproj" />
                  </ItemGroup>
                </Project>
                """);

        var result = await DotNet.RunAsync(Path.Combine(project.Directory, "App"), "build", "-nologo", "-clp:NoSummary");

        Assert.True(result.ExitCode == 0, result.Output);
        var bom8 = File.ReadAllBytes(Path.Combine(project.Directory, "App", "bin", "Debug", "net8.0", "App.aibom.cdx.json"));
        var bom10 = File.ReadAllBytes(Path.Combine(project.Directory, "App", "bin", "Debug", "net10.0", "App.aibom.cdx.json"));
        Assert.Equal(bom8, bom10);
        Assert.Empty(CycloneDxSchema.Validate16(bom10));
        var bom = BomSerializer.Deserialize(bom10);
        Assert.Single(bom.Components!, c => c.Name == "Newtonsoft.Json");
        Assert.Equal("net10.0;net8.0", Framework(Package(bom, "Newtonsoft.Json")));
        Assert.Equal("net8.0", Framework(Package(bom, "Microsoft.Bcl.AsyncInterfaces")));
        var lib = bom.Components!.Single(c => c.Name == "Lib");
        Assert.Equal(("project:Lib@2.3.0", "2.3.0", null), (lib.BomRef, lib.Version, lib.Purl));
        Assert.Contains(lib.BomRef!, bom.Dependencies!.Single(d => d.Ref == bom.Metadata.Component!.BomRef).DependsOn!);

        static string Framework(Component c) => c.Properties!.Single(p => p.Name == "openmodel:nuget:targetFrameworks").Value!;
    }

    [Fact]
    public async Task Licence_URL_only_packages_are_recorded_by_URL_and_an_unreadable_nuspec_is_OM3008_naming_it()
    {
        using var project = Consumer(extraItems: """
            <PackageReference Include="Newtonsoft.Json" />
            <PackageReference Include="Microsoft.ML.OnnxRuntime" />
            """);
        project.UsePrivatePackagesFolder(Path.Combine(project.Directory, "packages"));
        var restore = await DotNet.RunAsync(project.Directory, "restore", "-nologo");
        Assert.True(restore.ExitCode == 0, restore.Output);

        var newtonsoft = Path.Combine(project.Directory, "packages", "newtonsoft.json", "13.0.3", "newtonsoft.json.nuspec");
        var withUrl = System.Text.RegularExpressions.Regex.Replace(File.ReadAllText(newtonsoft), "<license type=\"expression\">MIT</license>\\s*<licenseUrl>[^<]*</licenseUrl>", "<licenseUrl>https://example.org/newtonsoft-license</licenseUrl>");
        Assert.NotEqual(File.ReadAllText(newtonsoft), withUrl);
        File.WriteAllText(newtonsoft, withUrl);
        var managed = Directory.GetFiles(Path.Combine(project.Directory, "packages", "microsoft.ml.onnxruntime.managed"), "*.nuspec", SearchOption.AllDirectories).Single();
        File.WriteAllText(managed, "<package><metadata><id>broken");

        var result = await project.BuildAsync("--no-restore");

        var error = Assert.Single(result.Diagnostics, d => d.Id == "OM3008");
        Assert.Equal(managed, error.File);
        Assert.DoesNotContain("MSB4018", result.Output);
        var bom = BomSerializer.Deserialize(File.ReadAllBytes(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json")));
        var license = Package(bom, "Newtonsoft.Json").Licenses!.Single().License!;
        Assert.Equal(("https://example.org/newtonsoft-license", null), (license.Url, license.Text));
    }

    private ConsumerProject Consumer(string extraItems)
    {
        var project = sdk.NewConsumer()
            .WriteModel("models/scorer.onnx")
            .Write("Program.cs", """
                System.Console.WriteLine(System.IO.File.ReadAllBytes(System.IO.Path.Combine(System.AppContext.BaseDirectory, "models", "scorer.onnx")).Length);
                """)
            .Write("Directory.Packages.props", """
                <Project>
                  <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
                  <ItemGroup>
                    <PackageVersion Include="Newtonsoft.Json" Version="13.0.3" />
                    <PackageVersion Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
                    <PackageVersion Include="Microsoft.CodeAnalysis.Analyzers" Version="3.11.0" />
                  </ItemGroup>
                </Project>
                """)
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                    <RestorePackagesWithLockFile>true</RestorePackagesWithLockFile>
                    <NoWarn>$(NoWarn);NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    {extraItems}
                  </ItemGroup>
                </Project>
                """);
        return project;
    }

    private static Component Package(Bom bom, string id) => bom.Components!.Single(c => c.Name == id && c.Purl?.StartsWith("pkg:nuget/") == true);

    private static XElement Metadata(string id, string version)
    {
        var folder = Path.Combine(NuGetPackages, id.ToLowerInvariant(), version.ToLowerInvariant());
        return XDocument.Load(Path.Combine(folder, id.ToLowerInvariant() + ".nuspec")).Root!.Elements().First(e => e.Name.LocalName == "metadata");
    }

    private static string NuspecLicense(string id, string version) =>
        Metadata(id, version).Elements().Single(e => e.Name.LocalName == "license").Value;

    private static string NuspecLicenseFileText(string id, string version)
    {
        var file = Metadata(id, version).Elements().Single(e => e.Name.LocalName == "license").Value;
        return File.ReadAllText(Path.Combine(NuGetPackages, id.ToLowerInvariant(), version.ToLowerInvariant(), file));
    }

    private static string NupkgSha512(string id, string version) =>
        Convert.ToHexStringLower(Convert.FromBase64String(File.ReadAllText(Path.Combine(NuGetPackages, id.ToLowerInvariant(), version.ToLowerInvariant(), $"{id.ToLowerInvariant()}.{version.ToLowerInvariant()}.nupkg.sha512"))));
}
