using NuGet.Configuration;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>
/// Packs OpenModel.Sdk and the openmodel tool once per test run, under a version no earlier run used, into a private
/// feed. Everything the run writes is under one temp folder: the pack's own build (ArtifactsPath, so it neither writes
/// into the source tree nor shares obj/ with a concurrent build of the sample), the feed, the consumers, and the NuGet
/// packages folder the consumers restore into. The user's NuGet cache is only read, as a fallback folder, so no
/// third-party package is downloaded again and no openmodel.sdk version is ever added to it.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    /// <summary>
    /// A version no earlier run used; OPENMODEL_E2E_RUN (set by .ci/run) adds the run's tag, by which .ci/run checks that
    /// the user's NuGet cache gained no version of this run, whatever other builds on the machine add to it meanwhile.
    /// </summary>
    public string Version { get; } = Environment.GetEnvironmentVariable("OPENMODEL_E2E_RUN") is { Length: > 0 } run
        ? $"1.0.0-e2e.{run}.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}"
        : $"1.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    /// <summary>The NuGet packages folder of the user running the tests: read by the consumers, never written.</summary>
    public static string SharedPackages { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? Path.GetFullPath(configured)
        : SettingsUtility.GetGlobalPackagesFolder(Settings.LoadDefaultSettings(DotNet.RepoRoot));

    public string Feed => Path.Combine(ConsumerProject.Root, "feed");

    /// <summary>Where the consumers' restores write: the packed SDK and anything the shared folder lacks.</summary>
    public string Packages => Path.Combine(ConsumerProject.Root, "packages");

    public string SdkPackage => Path.Combine(Feed, $"OpenModel.Sdk.{Version}.nupkg");

    public string CliPackage => Path.Combine(Feed, $"OpenModel.Cli.{Version}.nupkg");

    public async Task InitializeAsync()
    {
        var artifacts = $"-p:ArtifactsPath={Path.Combine(ConsumerProject.Root, "artifacts")}";
        foreach (var project in new[] { "src/Sdk/OpenModel.Sdk.csproj", "src/Cli/OpenModel.Cli.csproj" })
        {
            // A cold Release build of everything the packages ship: the suite's largest build, given more time than the rest.
            var result = await DotNet.RunAsync(TimeSpan.FromMinutes(30), DotNet.RepoRoot, "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}", artifacts, "-nologo");
            Assert.True(result.ExitCode == 0, result.Output);
        }
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(ConsumerProject.Root, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS cleans its temp folder.
        }

        return Task.CompletedTask;
    }

    /// <summary>A fresh project folder whose nuget.config sees the packed SDK and the public feed.</summary>
    public ConsumerProject NewConsumer() => new(this);
}

[CollectionDefinition(Name)]
public sealed class PackedSdkCollection : ICollectionFixture<PackedSdk>
{
    public const string Name = "packed OpenModel.Sdk";
}
