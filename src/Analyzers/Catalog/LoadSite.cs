using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Catalog;

/// <summary>A call in user code that loads a model, tokenizer or dataset, or binds a client to a remote model.</summary>
internal sealed class LoadSite
{
    public LoadSite(CatalogEntry entry, LoadKind kind, IOperation operation, ResolvedValue value, SyntaxNode? consumedFileRead, IOperation? pathOrigin = null)
    {
        PathOrigin = pathOrigin;
        Entry = entry;
        Kind = kind;
        Operation = operation;
        Value = value;
        ConsumedFileRead = consumedFileRead;
    }

    public CatalogEntry Entry { get; }

    /// <summary>The effective kind: a raw read becomes <see cref="LoadKind.Model"/> or <see cref="LoadKind.Dataset"/> by extension.</summary>
    public LoadKind Kind { get; }

    public IOperation Operation { get; }

    public ResolvedValue Value { get; }

    /// <summary>The file read whose bytes or stream this loader consumes; that read is not reported again on its own.</summary>
    public SyntaxNode? ConsumedFileRead { get; }

    /// <summary>The options object that carried the path to this loader (new ModelParams(…)), when there is one.</summary>
    public IOperation? PathOrigin { get; }

    public Location Location => CallLocation.Of(Operation);

    /// <summary>The loader, and where its path came from when an options object carried it from another line.</summary>
    public string DisplayName
    {
        get
        {
            var loader = LoadSiteFinder.CalledMethod(Operation).Method is { } method ? Entry.DisplayNameFor(method) : Entry.DisplayName;
            if (PathOrigin?.Syntax is not { } origin || origin.SyntaxTree != Operation.Syntax.SyntaxTree)
            {
                return loader;
            }

            var line = origin.GetLocation().GetLineSpan().StartLinePosition.Line;
            var type = PathOrigin.Type?.Name ?? "options";
            return line == Location.GetLineSpan().StartLinePosition.Line
                ? $"{loader} (path from new {type}(…))"
                : $"{loader} (path from new {type}(…) on line {line + 1})";
        }
    }

    public ArtifactItemType DeclaredAs => Kind == LoadKind.Dataset ? ArtifactItemType.AIDataset : ArtifactItemType.AIModel;
}
