namespace OpenModel.Sdk.Tests;

/// <summary>
/// A temp folder for one test's build of a repository sample: the sample's bin/ and obj/ go there
/// (samples/Directory.Build.props), so the test neither writes into the source tree nor races the README's own
/// <c>dotnet build samples/SentimentService</c>, nor another test building the same sample.
/// </summary>
public sealed class SampleArtifacts : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("openmodel-sample-").FullName;

    /// <summary>The MSBuild argument that sends the build there.</summary>
    public string Property => $"-p:OpenModelSampleArtifactsPath={Directory}{Path.DirectorySeparatorChar}";

    /// <summary>The output folder of a sample project's Debug build.</summary>
    public string OutputOf(string project) => Path.Combine(Directory, "bin", project, "debug");

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A build server may still hold a file for a moment; the OS cleans its temp folder.
        }
    }
}
