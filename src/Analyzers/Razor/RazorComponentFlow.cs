using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Razor;

/// <summary>
/// Taint through a Razor component's state. A component keeps what its handlers computed in fields and renders them
/// from BuildRenderTree: <c>answer = (await Chat.GetResponseAsync(q)).Text;</c> in a click handler, then
/// <c>@((MarkupString)answer)</c> in the markup. The flow engine is per method, so this pass collects every member
/// block of a component and, at the end of the type, taints the component's members from the blocks that write them:
/// <list type="bullet">
/// <item>a private instance field or property of the component, assigned in one of the component's own members
/// (handlers, lifecycle methods, handler lambdas in the markup) from untrusted data;</item>
/// <item>a member an <c>&lt;input @bind="x"&gt;</c> or <c>@bind-Value="model.X"</c> writes (the generator's binder
/// callback <c>__value =&gt; x = __value</c>): what the user types. A bound <c>model.X</c> taints <c>model</c>, the
/// form model; members that cannot carry text (numbers, booleans, enums, dates) stay clean.</item>
/// </list>
/// Then each block that reads a tainted member is analysed again from those members, and its sinks are reported the
/// usual way. Ordinary C# classes are not part of this: their fields can be written from anywhere, in any order.
/// </summary>
/// <remarks>
/// Flow-insensitive, like the engine: a member written once from a source is tainted in every block, whatever the order
/// of the events. Writes from other types (a public field set by a parent, a service) and member-to-member chains longer
/// than <see cref="MaxRounds"/> writes are not followed.
/// </remarks>
internal static class RazorComponentFlow
{
    private const int MaxRounds = 3;

    /// <summary>
    /// Registers the pass for one type at its symbol start; nothing is registered for types that are not components.
    /// <paramref name="maySink"/> says whether an operation can be a sink of the taint rules: a component without a
    /// block that may hold one, or whose sink blocks read none of its state, costs one walk of its blocks.
    /// </summary>
    public static void Register(SymbolStartAnalysisContext context, Func<IOperation, bool> maySink, Action<TaintAnalysis, Action<Diagnostic>> report)
    {
        if (context.Symbol is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || !RazorRequestPaths.IsComponent(type))
        {
            return;
        }

        var blocks = new ConcurrentBag<(IOperation Root, ISymbol Owner)>();
        context.RegisterOperationBlockAction(block =>
        {
            foreach (var root in block.OperationBlocks)
            {
                blocks.Add((root, block.OwningSymbol));
            }
        });
        context.RegisterSymbolEndAction(end =>
        {
            // Sorted by position so the analysis (and which duplicate is reported first) does not depend on thread timing.
            var facts = blocks.OrderBy(b => b.Root.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(b => b.Root.Syntax.SpanStart)
                .Select(b => BlockFacts.Of(b.Root, b.Owner, type, maySink)).ToList();
            var sinks = facts.Where(f => f.HasSink).ToList();
            if (sinks.Count == 0)
            {
                return;
            }

            // Only the state the sink blocks read matters, then the state the blocks that write it read, and so on.
            var bound = new HashSet<ISymbol>(facts.SelectMany(f => f.Bound), SymbolEqualityComparer.Default);
            var demanded = new HashSet<ISymbol>(sinks.SelectMany(f => f.Reads).Where(m => bound.Contains(m) || IsPrivateState(m)), SymbolEqualityComparer.Default);
            if (demanded.Count == 0)
            {
                return;
            }

            var writers = new List<BlockFacts>();
            for (var grown = true; grown;)
            {
                grown = false;
                foreach (var writer in facts.Where(f => !writers.Contains(f) && f.Writes.Any(w => demanded.Contains(w.Member))).ToList())
                {
                    writers.Add(writer);
                    demanded.UnionWith(writer.Reads.Where(m => bound.Contains(m) || IsPrivateState(m)));
                    grown = true;
                }
            }

            var tables = TaintTables.From(end.Options, facts[0].Root.Syntax.SyntaxTree);
            var members = MemberTaints(writers, bound, tables, end.Compilation, end.CancellationToken);
            foreach (var sink in sinks.Where(f => f.Reads.Any(members.ContainsKey)))
            {
                var analysis = new TaintAnalysis(sink.Root, tables, end.Compilation, members, end.CancellationToken);
                analysis.FollowTaintedCalls();
                report(analysis, end.ReportDiagnostic);
            }
        });
    }

    /// <summary>
    /// What each member of the component holds after the blocks that write it ran, to a fixed point within
    /// <see cref="MaxRounds"/>: a block is analysed again only when a member it reads changed in the round before.
    /// </summary>
    private static Dictionary<ISymbol, TaintKind> MemberTaints(IReadOnlyList<BlockFacts> writers, IReadOnlyCollection<ISymbol> bound, TaintTables tables, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var members = new Dictionary<ISymbol, TaintKind>(SymbolEqualityComparer.Default);
        foreach (var member in bound)
        {
            members[member] = TaintKind.Http;
        }

        var changed = new HashSet<ISymbol>(bound, SymbolEqualityComparer.Default);
        var pending = writers.Where(w => w.Reads.Any(changed.Contains) || TaintAnalysis.MayContainSource(w.Root, tables, compilation, cancellationToken)).ToList();
        for (var round = 0; round < MaxRounds && pending.Count > 0; round++)
        {
            changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var writer in pending)
            {
                var analysis = new TaintAnalysis(writer.Root, tables, compilation, members, cancellationToken);
                foreach (var (member, value) in writer.Writes)
                {
                    var before = members.TryGetValue(member, out var known) ? known : TaintKind.None;
                    var after = before | analysis.TaintOf(value);
                    if (after != before)
                    {
                        members[member] = after;
                        changed.Add(member);
                    }
                }
            }

            pending = writers.Where(w => w.Reads.Any(changed.Contains)).ToList();
        }

        return members;
    }

    /// <summary>One walk of a block: whether it may hold a sink, the component state it reads and writes, the bindings in it.</summary>
    private sealed class BlockFacts
    {
        private BlockFacts(IOperation root) => Root = root;

        public IOperation Root { get; }

        public bool HasSink { get; private set; }

        public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Assignments to private state, leaving out the binder callbacks (their value is the bound input).</summary>
        public List<(ISymbol Member, IOperation Value)> Writes { get; } = new();

        public List<ISymbol> Bound { get; } = new();

        public static BlockFacts Of(IOperation root, ISymbol owner, INamedTypeSymbol type, Func<IOperation, bool> maySink)
        {
            var facts = new BlockFacts(root);
            var render = owner.Name == "BuildRenderTree";
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IFieldReferenceOperation or IPropertyReferenceOperation when StateMember(operation, type) is { } member:
                        facts.Reads.Add(member);
                        break;
                    case IAssignmentOperation assignment when IsPrivateState(StateMember(assignment.Target, type)) && !IsBinderCallback(assignment):
                        facts.Writes.Add((StateMember(assignment.Target, type)!, assignment.Value));
                        break;
                    case IAnonymousFunctionOperation lambda when render && BoundMember(lambda) is { } bound:
                        facts.Bound.Add(bound);
                        break;
                }

                facts.HasSink = facts.HasSink || MaySinkHere(operation, maySink);
            }

            return facts;
        }
    }

    /// <summary>
    /// A sink the user wrote: in Razor output a finding in generator-written code is dropped anyway, so the markup's
    /// builder calls are not looked up in the sink tables (a position check is cheaper than the lookup).
    /// </summary>
    private static bool MaySinkHere(IOperation operation, Func<IOperation, bool> maySink) =>
        operation is IInvocationOperation or IObjectCreationOperation or ISimpleAssignmentOperation or IInterpolatedStringOperation or IConversionOperation { IsImplicit: false }
        && !RazorGeneratedCode.IsGeneratorCode(operation.Syntax.SyntaxTree, operation.Syntax.SpanStart)
        && maySink(operation);

    private static bool IsPrivateState(ISymbol? member) => member is { DeclaredAccessibility: Accessibility.Private };

    private static bool IsBinderCallback(IAssignmentOperation assignment)
    {
        for (var parent = assignment.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda)
            {
                return IsBinderArgument(lambda);
            }
        }

        return false;
    }

    /// <summary>An instance field or property of this component, referenced through <c>this</c>; null for anything else.</summary>
    private static ISymbol? StateMember(IOperation reference, INamedTypeSymbol type)
    {
        var (member, instance) = reference switch
        {
            IFieldReferenceOperation field => ((ISymbol)field.Field, field.Instance),
            IPropertyReferenceOperation { Property.IsIndexer: false } property => (property.Property, property.Instance),
            _ => (null, null),
        };
        return member is { IsStatic: false, IsImplicitlyDeclared: false } && instance is IInstanceReferenceOperation
            && SymbolEqualityComparer.Default.Equals(member.ContainingType, type)
            ? member
            : null;
    }

    /// <summary>
    /// The member an input binding writes: the generator passes <c>__value =&gt; x = __value</c> to
    /// EventCallback.Factory.CreateBinder (<c>@bind</c>) or RuntimeHelpers.CreateInferredEventCallback (<c>@bind-Value</c>).
    /// For <c>model.X</c> it is <c>model</c>, the component member that holds the form model.
    /// </summary>
    private static ISymbol? BoundMember(IAnonymousFunctionOperation lambda)
    {
        if (lambda.Symbol.Parameters.Length != 1 || !IsBinderArgument(lambda))
        {
            return null;
        }

        var assignment = lambda.Body.Descendants().OfType<ISimpleAssignmentOperation>().FirstOrDefault(a =>
            a.Value is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter, lambda.Symbol.Parameters[0])
            || a.Value is IConversionOperation { Operand: IParameterReferenceOperation converted } && SymbolEqualityComparer.Default.Equals(converted.Parameter, lambda.Symbol.Parameters[0]));
        if (assignment is null || TaintAnalysis.CannotCarryText(assignment.Target.Type))
        {
            return null;
        }

        // Down the member chain to the member of the component: model.Address.Street → model.
        var target = assignment.Target;
        while (true)
        {
            switch (target)
            {
                case IFieldReferenceOperation { Instance: IInstanceReferenceOperation } field:
                    return field.Field;
                case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property:
                    return property.Property;
                case IFieldReferenceOperation { Instance: { } instance }:
                    target = instance;
                    break;
                case IPropertyReferenceOperation { Instance: { } instance }:
                    target = instance;
                    break;
                default:
                    return null;
            }
        }
    }

    private static bool IsBinderArgument(IAnonymousFunctionOperation lambda)
    {
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var method } }
            && method.Name is "CreateBinder" or "CreateInferredEventCallback"
            && method.ContainingNamespace?.ToDisplayString() is "Microsoft.AspNetCore.Components" or "Microsoft.AspNetCore.Components.CompilerServices";
    }
}
