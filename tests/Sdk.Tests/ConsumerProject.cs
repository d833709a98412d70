namespace OpenModel.Sdk.Tests;

/// <summary>A real project on disk, outside the repository, built with the dotnet CLI against the locally packed SDK.</summary>
public sealed class ConsumerProject : IDisposable
{
    /// <summary>This test run's temp folder: consumers, the feed, their NuGet packages folder, the pack's build.</summary>
    public static readonly string Root = System.IO.Directory.CreateTempSubdirectory("openmodel-e2e-").FullName;

    public ConsumerProject(PackedSdk sdk)
    {
        Directory = System.IO.Directory.CreateDirectory(Path.Combine(Root, "consumer-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        WriteNuGetConfig(sdk.Feed, sdk.Packages, PackedSdk.SharedPackages);
    }

    public string Directory { get; }

    /// <summary>
    /// Restores into <paramref name="packagesFolder"/> alone, with no fallback folder: for a test that edits the
    /// restored packages, which must then be its own copies.
    /// </summary>
    public ConsumerProject UsePrivatePackagesFolder(string packagesFolder)
    {
        var feed = System.Xml.Linq.XDocument.Load(Path.Combine(Directory, "nuget.config")).Descendants("add").First(a => (string?)a.Attribute("key") == "openmodel-local");
        WriteNuGetConfig((string)feed.Attribute("value")!, packagesFolder, fallbackFolder: null);
        return this;
    }

    public ConsumerProject Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    /// <summary>The sample's real ONNX model: a declared model must be a real model, or inspection reports it (OM4004).</summary>
    public ConsumerProject WriteModel(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.Copy(Path.Combine(DotNet.RepoRoot, "samples", "SentimentService", "models", "sentiment.onnx"), path, overwrite: true);
        return this;
    }

    public Task<DotNetResult> BuildAsync(params string[] extraArguments) =>
        DotNet.RunAsync(Directory, new[] { "build", "-nologo", "-clp:NoSummary" }.Concat(extraArguments).ToArray());

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A compiler server may still hold a file for a moment; the temp folder is cleaned by the OS.
        }
    }

    private void WriteNuGetConfig(string feed, string packagesFolder, string? fallbackFolder) => Write("nuget.config", $"""
        <configuration>
          <config>
            <add key="globalPackagesFolder" value="{packagesFolder}" />
          </config>
          <packageSources>
            <clear />
            <add key="openmodel-local" value="{feed}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <fallbackPackageFolders>
            <clear />
            {(fallbackFolder is null ? string.Empty : $"""<add key="shared" value="{fallbackFolder}" />""")}
          </fallbackPackageFolders>
        </configuration>
        """);
}
