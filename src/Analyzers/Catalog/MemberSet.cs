using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// A table of members written "Namespace.Type.Member" (metadata type names). Rules ask it about every call in a
/// compilation and almost every answer is no, so the simple name is checked before a qualified name is built.
/// </summary>
internal sealed class MemberSet
{
    private readonly ImmutableHashSet<string> _qualified;
    private readonly ImmutableHashSet<string> _simple;

    public MemberSet(params string[] qualifiedNames)
    {
        _qualified = ImmutableHashSet.Create(qualifiedNames);
        _simple = qualifiedNames.Select(n => n.Substring(n.LastIndexOf('.') + 1)).ToImmutableHashSet();
    }

    /// <summary>Whether any member of the set has this simple name: the cheap first test.</summary>
    public bool ContainsName(string name) => _simple.Contains(name);

    public bool Contains(ISymbol member) => _simple.Contains(member.Name) && _qualified.Contains(QualifiedName(member));

    public static string QualifiedName(ISymbol member) =>
        member.ContainingType is null ? member.Name : LoaderCatalog.MetadataName(member.ContainingType.OriginalDefinition) + "." + member.Name;
}
