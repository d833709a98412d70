using System.Collections.Immutable;

namespace OpenModel.Analyzers.Catalog;

/// <summary>One API in the loader catalogue, identified by metadata name so it matches without the package installed.</summary>
internal sealed class CatalogEntry
{
    public const string Constructor = ".ctor";

    public CatalogEntry(string library, string typeMetadataName, string member, LoadKind kind, params string[] pathParameters)
    {
        Library = library;
        TypeMetadataName = typeMetadataName;
        Member = member;
        Kind = kind;
        PathParameters = ImmutableArray.Create(pathParameters);
    }

    public string Library { get; }

    /// <summary>Full metadata name of the declaring type; nested types use '+' (<c>TorchSharp.torch+jit</c>).</summary>
    public string TypeMetadataName { get; }

    /// <summary>Method name, or <see cref="Constructor"/>.</summary>
    public string Member { get; }

    public LoadKind Kind { get; }

    /// <summary>Names of the parameters that carry the path, stream, bytes or model id; empty means the first path-like parameter.</summary>
    public ImmutableArray<string> PathParameters { get; }

    public string DisplayName
    {
        get
        {
            var lastDot = TypeMetadataName.LastIndexOfAny(new[] { '.', '+' });
            var typeName = TypeMetadataName.Substring(lastDot + 1);
            var tick = typeName.IndexOf('`');
            if (tick >= 0)
            {
                typeName = typeName.Substring(0, tick);
            }

            return Member == Constructor ? $"new {typeName}(…)" : $"{typeName}.{Member}(…)";
        }
    }
}
