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
/// Taint through a Razor component's state, and the one taint pass over a component's members. A component keeps what
/// its handlers computed in fields and properties and renders them from BuildRenderTree: <c>answer = (await
/// Chat.GetResponseAsync(q)).Text;</c> in a click handler (or in a helper method the handler calls with the answer),
/// then <c>@((MarkupString)answer)</c> in the markup. The flow engine is per method, so this pass collects every member
/// block of a component and, at the end of the type, taints the component's members from the blocks that write them:
/// <list type="bullet">
/// <item>an instance field or property of the component (private, public or <c>[Parameter]</c>), assigned in one of the
/// component's own members (handlers, lifecycle methods, handler lambdas in the markup, and the component's methods they
/// call with untrusted arguments) from untrusted data;</item>
/// <item>a member an <c>&lt;input @bind="x"&gt;</c> or <c>@bind-Value="model.X"</c> writes (the generator's binder
/// callback <c>__value =&gt; x = __value</c>): what the user types. A bound <c>model.X</c> taints <c>model</c>, the
/// form model; members that cannot carry text (numbers, booleans, enums, dates) stay clean;</item>
/// <item>a <c>[Parameter]</c> of a child component the markup passes untrusted data to (<c>&lt;Bubble Text="@answer" /&gt;</c>):
/// the child's members that read it are analysed from it, so its render site is reported.</item>
/// </list>
/// Then each block with a source of its own (as the per-block pass would), and each block that may hold a sink and
/// reads tainted state, is analysed once from those members, and its sinks are reported the usual way. The per-block
/// pass of TaintRulesAnalyzer leaves component members to this one (<see cref="Covers"/>): one walk and one analysis
/// per block for both.
/// Ordinary C# classes are not part of this: their fields can be written from anywhere, in any order.
/// </summary>
/// <remarks>
/// Flow-insensitive, like the engine: a member written once from a source is tainted in every block, whatever the order
/// of the events. Not followed: writes from other types (a service, a parent setting a public field), a child's
/// parameter passed on to a grandchild or copied into the child's own state, and member-to-member chains longer than
/// <see cref="MaxRounds"/> writes.
/// </remarks>
internal static class RazorComponentFlow
{
    private const int MaxRounds = 3;

    /// <summary>Whether this pass analyses the blocks of <paramref name="owner"/>: a member of a component class.</summary>
    public static bool Covers(ISymbol owner) => owner.ContainingType is { } type && IsComponentClass(type);

    /// <summary>
    /// Registers the pass for one type at its symbol start; nothing is registered for types that are not components.
    /// <paramref name="maySink"/> says whether an operation can be a sink of the taint rules: a component without a
    /// block that may hold one costs one walk of its blocks.
    /// </summary>
    public static void Register(SymbolStartAnalysisContext context, Func<IOperation, bool> maySink, Action<TaintAnalysis, Action<Diagnostic>> report)
    {
        if (context.Symbol is not INamedTypeSymbol type || !IsComponentClass(type))
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
            if (blocks.IsEmpty)
            {
                return;
            }

            // Sorted by position so the analysis (and which duplicate is reported first) does not depend on thread timing.
            var sorted = blocks.OrderBy(b => b.Root.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal).ThenBy(b => b.Root.Syntax.SpanStart).ToList();
            var tables = TaintTables.From(end.Options, sorted[0].Root.Syntax.SyntaxTree);
            var facts = sorted.Select(b => BlockFacts.Of(b.Root, b.Owner, type, tables, maySink)).ToList();
            Analyze(type, facts, tables, maySink, report, end);
        });
    }

    private static bool IsComponentClass(INamedTypeSymbol type) => type.TypeKind == TypeKind.Class && RazorRequestPaths.IsComponent(type);

    private static void Analyze(INamedTypeSymbol type, List<BlockFacts> facts, TaintTables tables, Func<IOperation, bool> maySink, Action<TaintAnalysis, Action<Diagnostic>> report, SymbolAnalysisContext end)
    {
        var compilation = end.Compilation;
        var cancellationToken = end.CancellationToken;

        // The component's state matters to the blocks that may hold a sink and to the values the markup passes to a
        // child component; only the state they read, then the state the blocks that write it read, and so on.
        var demanded = new HashSet<ISymbol>(facts.Where(f => f.HasSink).SelectMany(f => f.Reads).Concat(facts.SelectMany(f => f.ChildParameterReads)), SymbolEqualityComparer.Default);
        var members = new Dictionary<ISymbol, TaintKind>(SymbolEqualityComparer.Default);
        if (demanded.Count > 0)
        {
            var byOwner = facts.GroupBy(f => f.Owner, SymbolEqualityComparer.Default).ToDictionary(g => g.Key!, g => g.ToList(), SymbolEqualityComparer.Default);
            var writers = new List<BlockFacts>();
            for (var grown = true; grown;)
            {
                grown = false;
                foreach (var writer in facts.Where(f => !writers.Contains(f) && f.WrittenMembers(byOwner).Overlaps(demanded)).ToList())
                {
                    writers.Add(writer);
                    demanded.UnionWith(writer.Reads);
                    grown = true;
                }
            }

            var bound = new HashSet<ISymbol>(facts.SelectMany(f => f.Bound).Where(demanded.Contains), SymbolEqualityComparer.Default);
            members = MemberTaints(type, writers, bound, tables, compilation, cancellationToken);
        }

        // Each block once: one with a source of its own as the per-block pass would, now also from the component's
        // state; one that may hold a sink when it reads tainted state; the markup for what it passes to child components.
        var children = new Dictionary<IPropertySymbol, TaintKind>(SymbolEqualityComparer.Default);
        foreach (var block in facts)
        {
            var readsTainted = block.Reads.Any(members.ContainsKey);
            var passesTainted = block.ChildParameterReads.Any(members.ContainsKey);
            var analyse = block.HasSource(tables, compilation, cancellationToken) || (block.HasSink && readsTainted);
            if (!analyse && !passesTainted)
            {
                continue;
            }

            var analysis = new TaintAnalysis(block.Root, tables, compilation, members, cancellationToken);
            foreach (var (parameter, value) in block.ChildParameters)
            {
                var taint = analysis.TaintOf(value);
                if (taint != TaintKind.None)
                {
                    children[parameter] = (children.TryGetValue(parameter, out var known) ? known : TaintKind.None) | taint;
                }
            }

            if (analyse)
            {
                analysis.FollowTaintedCalls();
                report(analysis, end.ReportDiagnostic);
            }
        }

        foreach (var child in children.GroupBy(c => c.Key.ContainingType, SymbolEqualityComparer.Default))
        {
            ReportChild((INamedTypeSymbol)child.Key!, child.ToDictionary(c => (ISymbol)c.Key, c => c.Value, SymbolEqualityComparer.Default), tables, maySink, report, end);
        }
    }

    /// <summary>
    /// A child component's members that read the parameters a parent passes untrusted data to, analysed from those
    /// parameters: the render site in the child's markup is reported (once, however many parents pass the data).
    /// </summary>
    private static void ReportChild(INamedTypeSymbol child, Dictionary<ISymbol, TaintKind> parameters, TaintTables tables, Func<IOperation, bool> maySink, Action<TaintAnalysis, Action<Diagnostic>> report, SymbolAnalysisContext end)
    {
        foreach (var method in child.GetMembers().OfType<IMethodSymbol>())
        {
            if (method.DeclaringSyntaxReferences.Length == 0 || Resolution.SourceModels.BodyOf(method, end.Compilation, end.CancellationToken) is not (var body, _))
            {
                continue;
            }

            var facts = BlockFacts.Of(body, method, child, tables, maySink);
            if (facts.HasSink && facts.Reads.Any(parameters.ContainsKey))
            {
                var analysis = new TaintAnalysis(body, tables, end.Compilation, parameters, end.CancellationToken);
                analysis.FollowTaintedCalls();
                report(analysis, end.ReportDiagnostic);
            }
        }
    }

    /// <summary>
    /// What each member of the component holds after the blocks that write it ran, to a fixed point within
    /// <see cref="MaxRounds"/>: a block is analysed again only when a member it reads changed in the round before. A
    /// write in a method of the component that a writer calls with untrusted arguments (<c>Store(response.Text)</c>)
    /// counts with what the call passes.
    /// </summary>
    private static Dictionary<ISymbol, TaintKind> MemberTaints(INamedTypeSymbol type, IReadOnlyList<BlockFacts> writers, IReadOnlyCollection<ISymbol> bound, TaintTables tables, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var members = new Dictionary<ISymbol, TaintKind>(SymbolEqualityComparer.Default);
        foreach (var member in bound)
        {
            members[member] = TaintKind.Http;
        }

        var changed = new HashSet<ISymbol>(bound, SymbolEqualityComparer.Default);
        var pending = writers.Where(w => w.Reads.Any(changed.Contains) || w.HasSource(tables, compilation, cancellationToken)).ToList();
        for (var round = 0; round < MaxRounds && pending.Count > 0; round++)
        {
            changed = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            void Write(ISymbol member, TaintKind taint)
            {
                var before = members.TryGetValue(member, out var known) ? known : TaintKind.None;
                if ((before | taint) != before)
                {
                    members[member] = before | taint;
                    changed.Add(member);
                }
            }

            foreach (var writer in pending)
            {
                var analysis = new TaintAnalysis(writer.Root, tables, compilation, members, cancellationToken);
                foreach (var (member, value) in writer.Writes)
                {
                    Write(member, analysis.TaintOf(value));
                }

                if (writer.CallsOwnMethod)
                {
                    analysis.FollowTaintedCalls();
                    foreach (var callee in analysis.TaintedCallees)
                    {
                        foreach (var (member, value) in StateWrites(callee.Root, type))
                        {
                            Write(member, callee.TaintOf(value));
                        }
                    }
                }
            }

            pending = writers.Where(w => w.Reads.Any(changed.Contains)).ToList();
        }

        return members;
    }

    /// <summary>Assignments to the component's state in a block, leaving out the binder callbacks (their value is the bound input).</summary>
    private static IEnumerable<(ISymbol Member, IOperation Value)> StateWrites(IOperation root, INamedTypeSymbol type) =>
        root.Descendants().OfType<IAssignmentOperation>()
            .Where(a => !IsBinderCallback(a))
            .Select(a => (Member: StateMember(a.Target, type)!, a.Value))
            .Where(w => w.Member is not null);

    /// <summary>One walk of a block: sinks, sources and calls in it, the component state it reads and writes, the bindings and child parameters in it.</summary>
    private sealed class BlockFacts
    {
        private readonly List<IInvocationOperation> _sourceCalls = new();
        private bool _ownSource;
        private bool? _hasSource;
        private HashSet<ISymbol>? _written;

        private BlockFacts(IOperation root, ISymbol owner)
        {
            Root = root;
            Owner = owner;
        }

        public IOperation Root { get; }

        public ISymbol Owner { get; }

        public bool HasSink { get; private set; }

        /// <summary>Whether the block calls an instance method of the component, which may write its state.</summary>
        public bool CallsOwnMethod => OwnCallees.Count > 0;

        public HashSet<ISymbol> Reads { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Assignments to the component's state, leaving out the binder callbacks (their value is the bound input).</summary>
        public List<(ISymbol Member, IOperation Value)> Writes { get; } = new();

        public List<ISymbol> Bound { get; } = new();

        /// <summary>Values the markup passes to a child component's parameter: <c>&lt;Bubble Text="@answer" /&gt;</c>.</summary>
        public List<(IPropertySymbol Parameter, IOperation Value)> ChildParameters { get; } = new();

        /// <summary>The component state those values read.</summary>
        public HashSet<ISymbol> ChildParameterReads { get; } = new(SymbolEqualityComparer.Default);

        private HashSet<ISymbol> OwnCallees { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>A source of its own or a call to a method that returns untrusted data; asked only of blocks that matter.</summary>
        public bool HasSource(TaintTables tables, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
            _hasSource ??= _ownSource || _sourceCalls.Any(call => TaintAnalysis.ReturnsSource(call.TargetMethod, tables, compilation, cancellationToken));

        /// <summary>The state this block writes, itself or through the component's methods it calls.</summary>
        public HashSet<ISymbol> WrittenMembers(Dictionary<ISymbol, List<BlockFacts>> byOwner)
        {
            if (_written is null)
            {
                _written = new HashSet<ISymbol>(Writes.Select(w => w.Member), SymbolEqualityComparer.Default);
                foreach (var callee in OwnCallees)
                {
                    foreach (var facts in byOwner.TryGetValue(callee, out var blocks) ? blocks : [])
                    {
                        if (facts != this)
                        {
                            _written.UnionWith(facts.WrittenMembers(byOwner));
                        }
                    }
                }
            }

            return _written;
        }

        public static BlockFacts Of(IOperation root, ISymbol owner, INamedTypeSymbol type, TaintTables tables, Func<IOperation, bool> maySink)
        {
            var facts = new BlockFacts(root, owner);
            var render = owner.Name == "BuildRenderTree";
            var components = new Stack<INamedTypeSymbol?>();
            foreach (var operation in root.Descendants())
            {
                // The kind first (one virtual call): most operations of the markup are none of these.
                switch (operation.Kind is OperationKind.FieldReference or OperationKind.PropertyReference or OperationKind.SimpleAssignment or OperationKind.CompoundAssignment
                    or OperationKind.CoalesceAssignment or OperationKind.DeconstructionAssignment or OperationKind.AnonymousFunction or OperationKind.Invocation ? operation : null)
                {
                    case IFieldReferenceOperation or IPropertyReferenceOperation when StateMember(operation, type) is { } member:
                        facts.Reads.Add(member);
                        break;
                    case IAssignmentOperation assignment when StateMember(assignment.Target, type) is { } member && !IsBinderCallback(assignment):
                        facts.Writes.Add((member, assignment.Value));
                        break;
                    case IAnonymousFunctionOperation lambda when render && BoundMember(lambda) is { } bound:
                        facts.Bound.Add(bound);
                        break;
                    case IInvocationOperation call:
                        if (call.TargetMethod.DeclaringSyntaxReferences.Length > 0)
                        {
                            facts._sourceCalls.Add(call);
                            if (!call.TargetMethod.IsStatic && call.Instance is IInstanceReferenceOperation && SymbolEqualityComparer.Default.Equals(call.TargetMethod.ContainingType, type))
                            {
                                facts.OwnCallees.Add(call.TargetMethod.OriginalDefinition);
                            }
                        }
                        else if (render && ChildParameter(call, components) is { } parameter)
                        {
                            facts.ChildParameters.Add(parameter);
                            facts.ChildParameterReads.UnionWith(parameter.Value.DescendantsAndSelf().Select(o => StateMember(o, type)).Where(m => m is not null)!);
                        }

                        break;
                }

                facts._ownSource = facts._ownSource || TaintAnalysis.IsSourceOperation(operation, tables);
                facts.HasSink = facts.HasSink || MaySinkHere(operation, maySink);
            }

            return facts;
        }
    }

    /// <summary>
    /// The generator's calls for a child component in the markup: <c>OpenComponent&lt;Bubble&gt;(seq)</c>, then
    /// <c>AddComponentParameter(seq, nameof(Bubble.Text), value)</c> (<c>AddAttribute</c> in older generators) for
    /// each parameter, then <c>CloseComponent()</c>; child content nests other components between them.
    /// </summary>
    private static (IPropertySymbol Parameter, IOperation Value)? ChildParameter(IInvocationOperation call, Stack<INamedTypeSymbol?> components)
    {
        var method = call.TargetMethod;
        if (method.ContainingType?.Name != "RenderTreeBuilder")
        {
            return null;
        }

        switch (method.Name)
        {
            case "OpenComponent":
                // Only a child declared in source can be followed: the framework's own (EditForm, InputText) are not.
                components.Push(method.IsGenericMethod && method.TypeArguments[0] is INamedTypeSymbol { DeclaringSyntaxReferences.Length: > 0 } opened ? opened : null);
                break;
            case "CloseComponent" when components.Count > 0:
                components.Pop();
                break;
            case "AddComponentParameter" or "AddAttribute" when components.Count > 0 && components.Peek() is { } child && call.Arguments.Length == 3
                && call.Arguments[1].Value.ConstantValue is { HasValue: true, Value: string name }:
                if (child.GetMembers(name).FirstOrDefault() is IPropertySymbol parameter && IsComponentClass(child)
                    && parameter.GetAttributes().Any(a => a.AttributeClass?.Name == "ParameterAttribute"))
                {
                    return (parameter, call.Arguments[2].Value);
                }

                break;
        }

        return null;
    }
    /// <summary>
    /// A sink the user wrote: in Razor output a finding in generator-written code is dropped anyway, so the markup's
    /// builder calls are not looked up in the sink tables (a position check is cheaper than the lookup).
    /// </summary>
    private static bool MaySinkHere(IOperation operation, Func<IOperation, bool> maySink) =>
        TaintSink.MayBeAt(operation)
        && !RazorGeneratedCode.IsGeneratorCode(operation.Syntax.SyntaxTree, operation.Syntax.SpanStart)
        && maySink(operation);

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
