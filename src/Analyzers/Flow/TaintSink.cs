using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Flow;

/// <summary>One API that must not receive untrusted data: a method or constructor argument, or a property assignment.</summary>
internal sealed class TaintSink
{
    /// <summary>
    /// Whether an operation has a sink's shape (a call, a construction, a property assignment, an interpolated string or
    /// an explicit cast), the only operations TaintRulesAnalyzer.Hits looks up. The kind first: one virtual call rules
    /// out most operations of a block, or of Razor markup, before any sink table is asked.
    /// </summary>
    public static bool MayBeAt(IOperation operation) =>
        operation.Kind is OperationKind.Invocation or OperationKind.ObjectCreation or OperationKind.SimpleAssignment or OperationKind.InterpolatedString
        || operation is IConversionOperation { IsImplicit: false };

    public TaintSink(DiagnosticDescriptor rule, TaintKind untrusted, string typeMetadataName, string member, params string[] parameters)
        : this(rule, untrusted, typeMetadataName, member, null, parameters)
    {
    }

    public TaintSink(DiagnosticDescriptor rule, TaintKind untrusted, string typeMetadataName, string member, System.Func<ImmutableArray<Microsoft.CodeAnalysis.Operations.IArgumentOperation>, bool>? when, params string[] parameters)
    {
        When = when;
        Rule = rule;
        Untrusted = untrusted;
        TypeMetadataName = typeMetadataName;
        TypeSimpleMetadataName = typeMetadataName.Substring(typeMetadataName.LastIndexOfAny(new[] { '.', '+' }) + 1);
        Member = member;
        Parameters = ImmutableArray.Create(parameters);
    }

    public DiagnosticDescriptor Rule { get; }

    /// <summary>Which kinds of untrusted data this sink reports.</summary>
    public TaintKind Untrusted { get; }

    public string TypeMetadataName { get; }

    /// <summary>The last part of <see cref="TypeMetadataName"/> (<c>ChatMessage</c>, <c>Collection`1</c>): a cheap first test.</summary>
    public string TypeSimpleMetadataName { get; }

    /// <summary>Method name, ".ctor", or the property name for assignments.</summary>
    public string Member { get; }

    /// <summary>Parameters that must stay clean; empty means every string-like argument.</summary>
    public ImmutableArray<string> Parameters { get; }

    /// <summary>A further condition on the call (a system role, an HTML content type); null when every call is a sink.</summary>
    public System.Func<ImmutableArray<Microsoft.CodeAnalysis.Operations.IArgumentOperation>, bool>? When { get; }

    public string DisplayName => Member.IndexOf(' ') >= 0 ? Member : Member == Catalog.CatalogEntry.Constructor
        ? "new " + ShortType + "(…)"
        : ShortType + "." + Member;

    private string ShortType => TypeMetadataName.Substring(TypeMetadataName.LastIndexOfAny(new[] { '.', '+' }) + 1).Split('`')[0];
}
