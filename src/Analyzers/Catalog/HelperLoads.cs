using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// Methods of a referenced project (handed to the analysis as source, as an IDE does) that open the artefact one of
/// their parameters names: a dataset reader class (<c>new MNISTReader(dir, "train")</c>), an execution provider that
/// creates the inference session (<c>new CpuExecutionProvider(modelPath)</c>). The call is where this project chooses
/// the artefact, so it is this project's load site; the load inside the helper belongs to the helper's own project and
/// is reported there. A helper of the same compilation is not one: its own load is reported where it is.
/// </summary>
internal static class HelperLoads
{
    /// <summary>How many calls deep a parameter is followed to the load (constructor → InitializeYolo → new InferenceSession).</summary>
    private const int MaxDepth = 3;

    /// <summary>Per compilation: final answers only (a depth-cut or recursive "no" is not stored), shared by concurrent blocks.</summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IMethodSymbol, HelperLoad?>> Cache = new();

    public static bool IsCandidate(IMethodSymbol method, Compilation compilation) =>
        method.DeclaringSyntaxReferences.Length > 0
        && !compilation.ContainsSyntaxTree(method.DeclaringSyntaxReferences[0].SyntaxTree)
        && method.Parameters.Any(p => IsPathLike(p.Type));

    /// <summary>The load a call of <paramref name="method"/> makes through the parameter at <see cref="HelperLoad.Parameter"/>, if any.</summary>
    public static HelperLoad? Of(IMethodSymbol method, LoadSiteFinder finder, Compilation compilation, CancellationToken cancellationToken) =>
        Of(method, finder, compilation, cancellationToken, 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)).Load;

    private static (HelperLoad? Load, bool Complete) Of(IMethodSymbol method, LoadSiteFinder finder, Compilation compilation, CancellationToken cancellationToken, int depth, HashSet<IMethodSymbol> inProgress)
    {
        var cache = Cache.GetValue(compilation, _ => new ConcurrentDictionary<IMethodSymbol, HelperLoad?>(SymbolEqualityComparer.Default));
        var key = method.OriginalDefinition;
        if (cache.TryGetValue(key, out var known))
        {
            return (known, true);
        }

        if (depth >= MaxDepth || !inProgress.Add(key))
        {
            return (null, false);
        }

        var complete = true;
        HelperLoad? found = null;
        if (SourceModels.BodyOf(key, compilation, cancellationToken) is (var body, var symbol))
        {
            foreach (var call in body.Descendants().Where(o => o is IInvocationOperation or IObjectCreationOperation or ISimpleAssignmentOperation))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (call is ISimpleAssignmentOperation store)
                {
                    // _path = path in a reader's constructor, File.ReadLines(_path) in its Enumerate().
                    if (store.Target is IFieldReferenceOperation { Field: { IsStatic: false, DeclaredAccessibility: Accessibility.Private } field }
                        && ParameterOf(store.Value, symbol, 0) is { } stored
                        && FieldLoad(field, finder, compilation) is { } fieldLoad)
                    {
                        found = new HelperLoad(stored.Ordinal, fieldLoad.Kind, fieldLoad.Opens);
                        break;
                    }

                    continue;
                }

                var (callee, arguments) = LoadSiteFinder.CalledMethod(call);
                if (callee is null)
                {
                    continue;
                }

                IArgumentOperation? argument = null;
                LoadKind kind = default;
                string opens = string.Empty;
                if (LoaderCatalog.Find(callee) is { Kind: not LoadKind.RemoteModel, Match: not CatalogMatch.ParameterObject } entry
                    && finder.Find(call) is { Kind: not LoadKind.RemoteModel } site)
                {
                    argument = LoadSiteFinder.SelectArgument(entry, arguments);
                    kind = site.Kind;
                    opens = entry.DisplayNameFor(callee);
                }
                else if (callee.DeclaringSyntaxReferences.Length > 0 && callee.Parameters.Any(p => IsPathLike(p.Type)))
                {
                    var (inner, innerComplete) = Of(callee, finder, compilation, cancellationToken, depth + 1, inProgress);
                    complete &= innerComplete;
                    if (inner is not null)
                    {
                        argument = arguments.FirstOrDefault(a => a.Parameter?.Ordinal == inner.Parameter && a.ArgumentKind != ArgumentKind.DefaultValue);
                        kind = inner.Kind;
                        opens = inner.Opens;
                    }
                }

                if (argument is not null && ParameterOf(argument.Value, symbol, 0) is { } parameter)
                {
                    found = new HelperLoad(parameter.Ordinal, kind, opens);
                    break;
                }
            }
        }

        inProgress.Remove(key);
        if (found is not null || complete)
        {
            cache[key] = found;
        }

        return (found, found is not null || complete);
    }

    /// <summary>A load elsewhere in the field's type whose path argument is the private field itself.</summary>
    private static HelperLoad? FieldLoad(IFieldSymbol field, LoadSiteFinder finder, Compilation compilation)
    {
        if (field.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
            || reference.GetSyntax().FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } type
            || SourceModels.Of(compilation, reference.SyntaxTree) is not { } model)
        {
            return null;
        }

        foreach (var node in CallsNaming(type, field.Name))
        {
            if (model.GetOperation(node) is not { } call
                || LoadSiteFinder.CalledMethod(call) is not ({ } callee, var arguments)
                || LoaderCatalog.Find(callee) is not { Kind: not LoadKind.RemoteModel, Match: not CatalogMatch.ParameterObject } entry
                || LoadSiteFinder.SelectArgument(entry, arguments)?.Value is not { } path)
            {
                continue;
            }

            while (path is IConversionOperation conversion)
            {
                path = conversion.Operand;
            }

            if (path is IFieldReferenceOperation read && SymbolEqualityComparer.Default.Equals(read.Field.OriginalDefinition, field.OriginalDefinition)
                && finder.Find(call) is { Kind: not LoadKind.RemoteModel } site)
            {
                return new HelperLoad(0, site.Kind, entry.DisplayNameFor(callee));
            }
        }

        return null;
    }

    /// <summary>
    /// The invocations and object creations of <paramref name="type"/> with an identifier <paramref name="name"/> anywhere
    /// inside them, in document order (outer before inner): one walk of the type and of each use's ancestors, not a walk
    /// of every call's subtree (a DI constructor's many fields each ask, and the type may be large).
    /// </summary>
    private static List<SyntaxNode> CallsNaming(TypeDeclarationSyntax type, string name)
    {
        var calls = new HashSet<SyntaxNode>();
        foreach (var identifier in type.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != name)
            {
                continue;
            }

            for (var node = identifier.Parent; node is not null && node != type; node = node.Parent)
            {
                if (node is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax && !calls.Add(node))
                {
                    // Its ancestors were added with it.
                    break;
                }
            }
        }

        var ordered = new List<SyntaxNode>(calls);
        ordered.Sort((a, b) => a.SpanStart != b.SpanStart ? a.SpanStart.CompareTo(b.SpanStart) : b.Span.Length.CompareTo(a.Span.Length));
        return ordered;
    }

    /// <summary>The parameter of <paramref name="method"/> a path expression is built from: directly, through Path.Combine, concatenation, interpolation, casts and locals.</summary>
    private static IParameterSymbol? ParameterOf(IOperation value, IMethodSymbol method, int depth)
    {
        if (depth > 6)
        {
            return null;
        }

        depth++;
        switch (value)
        {
            case IParameterReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Parameter.ContainingSymbol, method):
                return reference.Parameter;
            case IConversionOperation conversion:
                return ParameterOf(conversion.Operand, method, depth);
            case IArgumentOperation argument:
                return ParameterOf(argument.Value, method, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                return ParameterOf(concatenation.LeftOperand, method, depth) ?? ParameterOf(concatenation.RightOperand, method, depth);
            case IInterpolatedStringOperation interpolated:
                return interpolated.Parts.OfType<IInterpolationOperation>().Select(p => ParameterOf(p.Expression, method, depth)).FirstOrDefault(p => p is not null);
            case IInvocationOperation { TargetMethod: { Name: "Combine" or "Join" or "GetFullPath", ContainingType.Name: "Path" } } combine:
                return combine.Arguments.SelectMany(a => CollectionElements.Of(a.Value)).Select(a => ParameterOf(a, method, depth)).FirstOrDefault(p => p is not null);
            case ILocalReferenceOperation local
                when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    && local.SemanticModel?.GetOperation(initializer) is { } initialValue:
                return ParameterOf(initialValue, method, depth);
            default:
                return null;
        }
    }

    private static bool IsPathLike(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_String or SpecialType.System_Object
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte };
}

/// <summary>A helper's load: which parameter names the artefact, what it is, and the API that opens it.</summary>
internal sealed class HelperLoad
{
    public HelperLoad(int parameter, LoadKind kind, string opens)
    {
        Parameter = parameter;
        Kind = kind;
        Opens = opens;
    }

    public int Parameter { get; }

    public LoadKind Kind { get; }

    public string Opens { get; }
}
