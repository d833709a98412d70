using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;

namespace OpenModel.Cli.Tests;

/// <summary>What the CLI tests share: running the tool in-process, and a real AI-BOM made by OpenModel.Core.</summary>
internal static class Cli
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = CliApplication.Run(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Writes the artefacts under <paramref name="project"/> and the AI-BOM of a project declaring them (files under
    /// data/ as datasets, the rest as models) at <paramref name="bomPath"/>.
    /// </summary>
    public static string WriteBom(string project, string bomPath, params (string Path, string Content, string License)[] artifacts)
    {
        foreach (var artifact in artifacts)
        {
            var path = Path.Combine(project, artifact.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, artifact.Content);
        }

        var request = new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = project },
            Artifacts = artifacts.Select(a => new ArtifactDeclaration(
                a.Path.StartsWith("data/", StringComparison.Ordinal) ? ArtifactKind.Dataset : ArtifactKind.Model,
                a.Path,
                new Dictionary<string, string> { ["LicenseExpression"] = a.License },
                project)).ToList(),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(bomPath)!);
        File.WriteAllBytes(bomPath, BomSerializer.Serialize(AIBomBuilder.Build(request, Path.Combine(project, "App.csproj")).Bom));
        return bomPath;
    }
}
