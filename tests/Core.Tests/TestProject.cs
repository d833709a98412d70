using OpenModel.Core.Artifacts;

namespace OpenModel.Core.Tests;

/// <summary>A throw-away project folder with the declarations a test writes into it.</summary>
internal sealed class TestProject : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("openmodel-project-").FullName;

    public string ProjectFile => Path.Combine(Directory, "App.csproj");

    public ArtifactDeclaration Model(string include, params (string Key, string Value)[] metadata) => Declare(ArtifactKind.Model, include, metadata);

    public ArtifactDeclaration Dataset(string include, params (string Key, string Value)[] metadata) => Declare(ArtifactKind.Dataset, include, metadata);

    public ArtifactDeclaration Component(string include, string kind, string? license = null) =>
        Declare(ArtifactKind.Component, include, license is null ? [("Kind", kind)] : [("Kind", kind), ("LicenseExpression", license)]);

    /// <summary>The sample's real ONNX model: declared models must be real models, or inspection reports them (OM4004).</summary>
    public static readonly byte[] OnnxModel = File.ReadAllBytes(Path.Combine(OpenModel.Tests.Shared.Repository.Root, "samples", "SentimentService", "models", "sentiment.onnx"));

    public string WriteOnnx(string relativePath)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, OnnxModel);
        return path;
    }

    public string WriteBytes(string relativePath, byte[] content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    public string Write(string relativePath, string content)
    {
        var path = Path.Combine(Directory, relativePath);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    private ArtifactDeclaration Declare(ArtifactKind kind, string include, (string Key, string Value)[] metadata) =>
        new(kind, include, metadata.ToDictionary(m => m.Key, m => m.Value), Directory);
}
