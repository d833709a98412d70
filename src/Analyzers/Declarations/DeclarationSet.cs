using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpenModel.Contract;

namespace OpenModel.Analyzers.Declarations;

/// <summary>
/// The artefacts a project declares, read from the AdditionalFile the SDK writes
/// (<see cref="DeclarationsFile"/>, the shared contract): one tab-separated line per item.
/// </summary>
internal sealed class DeclarationSet
{
    public const string FileName = DeclarationsFile.FileName;

    private static readonly int FieldCount = DeclarationsFile.Columns.Count;

    /// <summary>The SDK's first line names the project: "# OpenModel declarations of /src/App/App.csproj".</summary>
    private const string HeaderPrefix = DeclarationsFile.HeaderPrefix;

    public static readonly DeclarationSet Empty = new(ImmutableArray<DeclaredArtifact>.Empty, ImmutableArray<InputProblem>.Empty, found: false, string.Empty);

    private DeclarationSet(ImmutableArray<DeclaredArtifact> artifacts, ImmutableArray<InputProblem> problems, bool found, string projectDirectory)
    {
        Artifacts = artifacts;
        Problems = problems;
        WasFound = found;
        ProjectDirectory = projectDirectory;
    }

    /// <summary>The folder of the project the declarations belong to; absolute loads match only inside it.</summary>
    public string ProjectDirectory { get; }

    public ImmutableArray<DeclaredArtifact> Artifacts { get; }

    public ImmutableArray<InputProblem> Problems { get; }

    /// <summary>False when the project was compiled without the SDK's declaration file (analyzer referenced alone).</summary>
    public bool WasFound { get; }

    public static DeclarationSet From(ImmutableArray<AdditionalText> additionalFiles, System.Threading.CancellationToken cancellationToken)
    {
        var file = additionalFiles.FirstOrDefault(f => string.Equals(System.IO.Path.GetFileName(f.Path), FileName, StringComparison.OrdinalIgnoreCase));
        if (file is null)
        {
            return Empty;
        }

        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return new DeclarationSet(ImmutableArray<DeclaredArtifact>.Empty, ImmutableArray.Create(new InputProblem(file.Path, default, "the file could not be read")), found: true, string.Empty);
        }

        var artifacts = ImmutableArray.CreateBuilder<DeclaredArtifact>();
        var problems = ImmutableArray.CreateBuilder<InputProblem>();
        var projectDirectory = string.Empty;
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            if (content.StartsWith(HeaderPrefix, StringComparison.Ordinal))
            {
                projectDirectory = ArtifactPath.DirectoryOf(content.Substring(HeaderPrefix.Length).Trim());
            }

            if (content.Trim().Length == 0 || content.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = content.Split(DeclarationsFile.Separator);
            if (fields.Length != FieldCount || !Enum.TryParse<ArtifactItemType>(fields[0], out var itemType) || fields[1].Trim().Length == 0)
            {
                problems.Add(new InputProblem(file.Path, text.Lines.GetLinePositionSpan(line.Span), $"line {line.LineNumber + 1} is not {DeclarationsFile.LineShape()}"));
                continue;
            }

            artifacts.Add(new DeclaredArtifact(itemType, fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim()));
        }

        // Declarations written before the header named the project: their own project file tells where they live.
        if (projectDirectory.Length == 0 && artifacts.Count > 0)
        {
            projectDirectory = ArtifactPath.DirectoryOf(artifacts[0].DefiningProject);
        }

        return new DeclarationSet(artifacts.ToImmutable(), problems.ToImmutable(), found: true, projectDirectory);
    }

    /// <summary>Every declaration a resolved local path loads: one file, or all declared files inside a loaded folder.</summary>
    public IEnumerable<DeclaredArtifact> MatchLocal(string candidate, ArtifactItemType? itemType) =>
        Artifacts.Where(a => (itemType is null || a.ItemType == itemType || a.ItemType == ArtifactItemType.AIComponent) && a.MatchesPath(candidate, ProjectDirectory));

    public IEnumerable<DeclaredArtifact> MatchRemote(string modelId) =>
        Artifacts.Where(a => a.ItemType == ArtifactItemType.AIModel && a.MatchesRemoteModel(modelId));

    public IEnumerable<DeclaredArtifact> LocalModelsAndDatasets =>
        Artifacts.Where(a => a.ItemType != ArtifactItemType.AIComponent);
}

/// <summary>Malformed input found while reading an AdditionalFile: reported as OM3008 at that file.</summary>
internal readonly struct InputProblem
{
    public InputProblem(string path, LinePositionSpan span, string message)
    {
        Path = path;
        Span = span;
        Message = message;
    }

    public string Path { get; }

    public LinePositionSpan Span { get; }

    public string Message { get; }

    public Location ToLocation() => Location.Create(Path, default, Span);
}
