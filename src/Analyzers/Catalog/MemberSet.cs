using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// A table of members written "Namespace.Type.Member" (metadata type names). Rules ask it about every call in a
/// compilation and almost every answer is no, so the simple name is checked before a qualified name is built.
/// </summary>
internal sealed class MemberSet
{
    // Never written after construction, so concurrent reads are safe; a HashSet probe is cheaper than an immutable set's.
    private readonly HashSet<string> _qualified;
    private readonly HashSet<string> _simple;

    public MemberSet(params string[] qualifiedNames)
    {
        _qualified = new HashSet<string>(qualifiedNames, System.StringComparer.Ordinal);
        _simple = new HashSet<string>(qualifiedNames.Select(n => n.Substring(n.LastIndexOf('.') + 1)), System.StringComparer.Ordinal);
    }

    /// <summary>Whether any member of the set has this simple name: the cheap first test.</summary>
    public bool ContainsName(string name) => _simple.Contains(name);

    public bool Contains(ISymbol member) => _simple.Contains(member.Name) && _qualified.Contains(QualifiedName(member));

    public static string QualifiedName(ISymbol member) =>
        member.ContainingType is null ? member.Name : LoaderCatalog.MetadataName(member.ContainingType.OriginalDefinition) + "." + member.Name;
}
