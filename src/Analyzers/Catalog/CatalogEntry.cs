using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Catalog;

/// <summary>One API in the loader catalogue, identified by metadata name so it matches without the package installed.</summary>
internal sealed class CatalogEntry
{
    public const string Constructor = ".ctor";

    /// <summary>The path parameter of a remote-model client that takes no model id at all (no parameter has this name).</summary>
    public const string NoModelParameter = "<none>";

    public CatalogEntry(string library, string typeMetadataName, string member, LoadKind kind, params string[] pathParameters)
        : this(library, typeMetadataName, member, kind, CatalogMatch.Type, pathParameters)
    {
    }

    public CatalogEntry(string library, string typeMetadataName, string member, LoadKind kind, CatalogMatch match, params string[] pathParameters)
    {
        Library = library;
        TypeMetadataName = typeMetadataName;
        Member = member;
        Kind = kind;
        Match = match;
        PathParameters = ImmutableArray.Create(pathParameters);
        var simple = typeMetadataName.Substring(typeMetadataName.LastIndexOfAny(new[] { '.', '+' }) + 1);
        TypeName = simple.IndexOf('`') is var tick and >= 0 ? simple.Substring(0, tick) : simple;
    }

    /// <summary>The declaring type's simple name (no namespace, outer type or arity): a cheap test before the full name is built.</summary>
    public string TypeName { get; }

    /// <summary>How <see cref="TypeMetadataName"/> is compared with the called member's type.</summary>
    public CatalogMatch Match { get; }

    public string Library { get; }

    /// <summary>Full metadata name of the declaring type; nested types use '+' (<c>TorchSharp.torch+jit</c>).</summary>
    public string TypeMetadataName { get; }

    /// <summary>Method name, or <see cref="Constructor"/>.</summary>
    public string Member { get; }

    public LoadKind Kind { get; }

    /// <summary>
    /// Names of the parameters that carry the path, stream, bytes or model id; empty means the first path-like parameter.
    /// With <see cref="CatalogMatch.ParameterObject"/> the named parameter is an options object (ModelParams, Config)
    /// whose path is found where that object is created.
    /// </summary>
    public ImmutableArray<string> PathParameters { get; }

    /// <summary>The same entry for another kind (a tokenizer found by a namespace-wide pattern).</summary>
    public CatalogEntry WithKind(LoadKind kind) => kind == Kind ? this : new CatalogEntry(Library, TypeMetadataName, Member, kind, Match, PathParameters.ToArray());

    /// <summary>For a <see cref="CatalogMatch.Helper"/>: the catalogued API the helper calls.</summary>
    public string? Opens { get; private set; }

    /// <summary>The same entry naming the catalogued API a helper calls with its parameter.</summary>
    public CatalogEntry Opening(string opens) => new(Library, TypeMetadataName, Member, Kind, Match, PathParameters.ToArray()) { Opens = opens };

    /// <summary>The display name for a call this entry matched; a pattern entry names the called member's own type.</summary>
    public string DisplayNameFor(IMethodSymbol method) =>
        Match is CatalogMatch.Helper ? $"{DisplayName}, which calls {Opens} in {Library}"
        : Match is CatalogMatch.Namespace or CatalogMatch.AnyMember ? $"{method.ContainingType.Name}.{method.Name}(…)"
        : Match is CatalogMatch.Native ? (method.MethodKind == MethodKind.DelegateInvoke ? method.ContainingType.Name : method.Name) + "(…)"
        : DisplayName;

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

/// <summary>What a catalogue entry's type name stands for.</summary>
internal enum CatalogMatch
{
    /// <summary>The member's declaring type (or the type it overrides or implements).</summary>
    Type,

    /// <summary>Like <see cref="Type"/>; the path argument is an options object that carries the path.</summary>
    ParameterObject,

    /// <summary>Any type in this namespace or below (Microsoft.ML.GenAI.*.FromPretrained).</summary>
    Namespace,

    /// <summary>Any static method of this type (TorchVision's dataset classes).</summary>
    AnyMember,

    /// <summary>A native loader a library calls itself: an extern or delegate entry point named like one (whisper_init_from_file…).</summary>
    Native,

    /// <summary>A method of a referenced project that passes one of its parameters to a catalogued load (<see cref="HelperLoads"/>); never in the table.</summary>
    Helper,
}
