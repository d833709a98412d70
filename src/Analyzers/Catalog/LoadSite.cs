using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Catalog;

/// <summary>A call in user code that loads a model, tokenizer or dataset, or binds a client to a remote model.</summary>
internal sealed class LoadSite
{
    public LoadSite(CatalogEntry entry, LoadKind kind, IOperation operation, ResolvedValue value, SyntaxNode? consumedFileRead)
    {
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

    public Location Location => Operation.Syntax.GetLocation();

    public ArtifactItemType DeclaredAs => Kind == LoadKind.Dataset ? ArtifactItemType.AIDataset : ArtifactItemType.AIModel;
}
