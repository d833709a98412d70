using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>
/// Packs OpenModel.Sdk once per test run into a private feed, under a version no earlier run used, so the NuGet
/// cache can never serve a stale copy.
/// </summary>
public sealed class PackedSdk : IAsyncLifetime
{
    public string Version { get; } = $"1.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public string Feed { get; } = Directory.CreateTempSubdirectory("openmodel-feed-").FullName;

    public async Task InitializeAsync()
    {
        var result = await DotNet.RunAsync(DotNet.RepoRoot, "pack", "src/Sdk/OpenModel.Sdk.csproj", "-c", "Release", "-o", Feed, $"-p:Version={Version}");
        Assert.True(result.ExitCode == 0, result.Output);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Feed, recursive: true);
        return Task.CompletedTask;
    }

    /// <summary>A fresh project folder whose nuget.config sees the packed SDK and the public feed.</summary>
    public ConsumerProject NewConsumer() => new(Feed);
}

[CollectionDefinition(Name)]
public sealed class PackedSdkCollection : ICollectionFixture<PackedSdk>
{
    public const string Name = "packed OpenModel.Sdk";
}
