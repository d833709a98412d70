using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OpenModel.Analyzers.Declarations;

/// <summary>
/// The artefacts a project declares, read from the AdditionalFile the SDK writes
/// (<see cref="FileName"/>): one tab-separated line per item.
/// </summary>
internal sealed class DeclarationSet
{
    public const string FileName = "openmodel.declarations.tsv";

    private const int FieldCount = 5;

    public static readonly DeclarationSet Empty = new(ImmutableArray<DeclaredArtifact>.Empty, ImmutableArray<InputProblem>.Empty, found: false);

    private DeclarationSet(ImmutableArray<DeclaredArtifact> artifacts, ImmutableArray<InputProblem> problems, bool found)
    {
        Artifacts = artifacts;
        Problems = problems;
        WasFound = found;
    }

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
            return new DeclarationSet(ImmutableArray<DeclaredArtifact>.Empty, ImmutableArray.Create(new InputProblem(file.Path, default, "the file could not be read")), found: true);
        }

        var artifacts = ImmutableArray.CreateBuilder<DeclaredArtifact>();
        var problems = ImmutableArray.CreateBuilder<InputProblem>();
        foreach (var line in text.Lines)
        {
            var content = line.ToString();
            if (content.Trim().Length == 0 || content.StartsWith("#", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = content.Split('\t');
            if (fields.Length != FieldCount || !Enum.TryParse<ArtifactItemType>(fields[0], out var itemType) || fields[1].Trim().Length == 0)
            {
                problems.Add(new InputProblem(file.Path, text.Lines.GetLinePositionSpan(line.Span), $"line {line.LineNumber + 1} is not '<ItemType>\\t<Include>\\t<Name>\\t<Access>\\t<DefiningProject>'"));
                continue;
            }

            artifacts.Add(new DeclaredArtifact(itemType, fields[1].Trim(), fields[2].Trim(), fields[3].Trim(), fields[4].Trim()));
        }

        return new DeclarationSet(artifacts.ToImmutable(), problems.ToImmutable(), found: true);
    }

    /// <summary>Every declaration a local path loads: one file, or all declared files inside a loaded folder.</summary>
    public IEnumerable<DeclaredArtifact> MatchLocal(string normalizedPath, ArtifactItemType? itemType) =>
        Artifacts.Where(a => (itemType is null || a.ItemType == itemType || a.ItemType == ArtifactItemType.AIComponent) && a.MatchesPath(normalizedPath));

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
