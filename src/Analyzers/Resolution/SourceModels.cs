using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Resolution;

/// <summary>
/// Semantic models for the declarations a rule follows (a callee's body, a field's initializer). A symbol's
/// declaration may sit in another project: an IDE passes referenced projects as compilation references, and asking the
/// analysed compilation for a model of a tree it does not own throws. The owning compilation, when the host handed it
/// over, already holds that tree; anything else (a built assembly, a tree no compilation owns) is external.
/// </summary>
internal static class SourceModels
{
    /// <summary>
    /// Per analysed compilation: the compilation that owns each referenced project's tree a rule followed a declaration
    /// into, or null for a tree no compilation owns. The analysed compilation's own models are cached by the analyzer driver.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, Compilation?>> Owners = new();

    /// <summary>
    /// Per owning (referenced) compilation: one semantic model for each of its trees, shared by every project that
    /// references it. A referenced compilation has no driver cache, and a fresh model binds the callee's body again for
    /// every call site that follows it; in a solution every test and demo project follows the same library methods, and
    /// the owner's model of a tree is the same whichever project asks.
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<SyntaxTree, SemanticModel>> OwnerModels = new();

    /// <summary>The semantic model of <paramref name="tree"/> from the compilation that owns it, or null when none does.</summary>
    public static SemanticModel? Of(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RS1030 // Callers bound how often they follow a declaration; the model is the owner's, never a foreign tree's.
        if (compilation.ContainsSyntaxTree(tree))
        {
            return compilation.GetSemanticModel(tree);
        }

        var owner = Owners.GetValue(compilation, _ => new ConcurrentDictionary<SyntaxTree, Compilation?>())
            .GetOrAdd(tree, t => ReferencedOwner(compilation, t));
        return owner is null
            ? null
            : OwnerModels.GetValue(owner, _ => new ConcurrentDictionary<SyntaxTree, SemanticModel>()).GetOrAdd(tree, t => owner.GetSemanticModel(t));
#pragma warning restore RS1030
    }

    /// <summary>The operation of a method's (first) declaration with its own symbol, or null when the body is not available.</summary>
    public static (IOperation Body, IMethodSymbol Symbol)? BodyOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
    {
        if (method.IsAbstract || method.IsExtern || method.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference
            || Of(compilation, reference.SyntaxTree) is not { } model)
        {
            return null;
        }

        var syntax = reference.GetSyntax(cancellationToken);

        // The owner's own symbol: a referenced project's method may be seen through a retargeting symbol here.
        return model.GetOperation(syntax, cancellationToken) is { } body
            ? (body, model.GetDeclaredSymbol(syntax, cancellationToken) as IMethodSymbol ?? method)
            : null;
    }

    private static Compilation? ReferencedOwner(Compilation compilation, SyntaxTree tree)
    {
        // Referenced projects, and the projects they reference (a host need not flatten the graph).
        var seen = new HashSet<Compilation> { compilation };
        var pending = new Stack<Compilation>();
        pending.Push(compilation);
        while (pending.Count > 0)
        {
            foreach (var reference in pending.Pop().References)
            {
                if (reference is CompilationReference { Compilation: var referenced } && seen.Add(referenced))
                {
                    if (referenced.ContainsSyntaxTree(tree))
                    {
                        return referenced;
                    }

                    pending.Push(referenced);
                }
            }
        }

        return null;
    }
}
