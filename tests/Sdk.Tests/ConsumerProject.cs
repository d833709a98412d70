namespace OpenModel.Sdk.Tests;

/// <summary>A real project on disk, built with the dotnet CLI against the locally packed SDK.</summary>
public sealed class ConsumerProject : IDisposable
{
    public ConsumerProject(string feed)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("openmodel-consumer-").FullName;
        Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="openmodel-local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
    }

    public string Directory { get; }

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
}
