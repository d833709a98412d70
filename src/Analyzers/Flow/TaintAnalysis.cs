using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// Flow-insensitive taint over one operation block (a method, top-level statements, and the lambdas inside them). Calls
/// into methods declared in source (this compilation, or a referenced project the host passes as source) are followed
/// through summaries: what the callee returns for the taint of each argument, computed once per callee and argument
/// taint and shared by the whole analysis, to a depth of <see cref="MaxCallDepth"/> and at most
/// <see cref="MaxCallees"/> callee analyses per block. A symbol is tainted when any assignment to it is; an expression
/// is tainted when a source or tainted operand reaches it, unless a sanitizer or a non-string value type (numbers,
/// booleans, enums) stands in the way.
/// </summary>
internal sealed class TaintAnalysis
{
    private const int MaxCallDepth = 6;
    private const int MaxCallees = 16;

    /// <summary>How deep sinks inside callees are looked for: a request handler's service and the helpers it calls.</summary>
    private const int MaxSinkDepth = 3;
    private const int MaxIterations = 6;

    private readonly IOperation _root;
    private readonly TaintTables _tables;
    private readonly Compilation _compilation;
    private readonly int _depth;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<ISymbol, TaintKind> _symbols = new(SymbolEqualityComparer.Default);
    private readonly HashSet<ISymbol> _containmentChecked = new(SymbolEqualityComparer.Default);

    // What the one walk of the block found, in the block's order: each step below used to walk the block again.
    private readonly List<IOperation> _writes = new();
    private readonly List<IInvocationOperation> _invocations = new();
    private readonly List<IVariableDeclaratorOperation> _declarators = new();
    private readonly List<IReturnOperation> _returns = new();
    private readonly Summaries _summaries;

    public TaintAnalysis(IOperation root, TaintTables tables, Compilation compilation, CancellationToken cancellationToken)
        : this(root, tables, compilation, cancellationToken, 0, null, new Summaries())
    {
    }

    /// <summary>
    /// An analysis that starts from what other blocks put in fields and properties (<paramref name="members"/>): a Razor
    /// component's state, written by one handler and read by another or by the markup (Razor.RazorComponentFlow).
    /// </summary>
    public TaintAnalysis(IOperation root, TaintTables tables, Compilation compilation, IReadOnlyDictionary<ISymbol, TaintKind> members, CancellationToken cancellationToken)
        : this(root, tables, compilation, cancellationToken, 0, null, new Summaries(), members)
    {
    }

    private TaintAnalysis(IOperation root, TaintTables tables, Compilation compilation, CancellationToken cancellationToken, int depth, IReadOnlyDictionary<IParameterSymbol, TaintKind>? parameters, Summaries summaries, IReadOnlyDictionary<ISymbol, TaintKind>? members = null)
    {
        foreach (var member in members ?? EmptyMembers)
        {
            _symbols[member.Key] = member.Value;
        }

        _summaries = summaries;
        _root = root;
        _tables = tables;
        _compilation = compilation;
        _depth = depth;
        _cancellationToken = cancellationToken;
        if (parameters is not null)
        {
            foreach (var parameter in parameters)
            {
                _symbols[parameter.Key] = parameter.Value;
            }
        }

        Walk();
        Propagate();
    }

    /// <summary>The kinds of the operations <see cref="TaintOf(IOperation?, int)"/> looks into, one per case there.</summary>
    private static readonly HashSet<OperationKind> Carriers = new()
    {
        OperationKind.LocalReference, OperationKind.ParameterReference, OperationKind.FieldReference, OperationKind.Invocation,
        OperationKind.ObjectCreation, OperationKind.PropertyReference, OperationKind.ArrayElementReference, OperationKind.Conversion,
        OperationKind.Await, OperationKind.Binary, OperationKind.InterpolatedString, OperationKind.Conditional, OperationKind.Coalesce,
        OperationKind.ConditionalAccess, OperationKind.ConditionalAccessInstance, OperationKind.ArrayCreation, OperationKind.Argument, OperationKind.Tuple,
    };

    private static readonly Dictionary<ISymbol, TaintKind> EmptyMembers = new(SymbolEqualityComparer.Default);

    /// <summary>Per compilation: whether a method declared in source can return untrusted data (it holds a source or calls one that does).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool>> Producers = new();

    /// <summary>
    /// Whether a block has anything untrusted at all — a source of its own, or a call to a method of the source that
    /// returns untrusted data (<c>Process.Start(Pipeline.NextCommand(chat))</c>); blocks without one are not analysed.
    /// </summary>
    public static bool MayContainSource(IOperation root, TaintTables tables, Compilation compilation, CancellationToken cancellationToken)
    {
        // One walk for both questions (blocks are walked for this one by one, BuildRenderTree of a component is large);
        // callees are only looked at when the block has no source of its own, as before.
        // Every block comes through here: the call list is the thread's own, reused (nothing below comes back here).
        var calls = _calls ??= new List<IInvocationOperation>();
        calls.Clear();
        try
        {
            foreach (var operation in root.Descendants())
            {
                if (IsSource(operation, tables))
                {
                    return true;
                }

                if (operation is IInvocationOperation call)
                {
                    calls.Add(call);
                }
            }

            var inProgress = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            foreach (var call in calls)
            {
                if (ProducesSource(call.TargetMethod, tables, compilation, cancellationToken, 0, inProgress).Produces)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            // Operations are not kept alive by an idle thread's list.
            calls.Clear();
        }
    }

    [System.ThreadStatic]
    private static List<IInvocationOperation>? _calls;

    /// <summary>
    /// Whether a method of the compilation returns untrusted text. The compilation-wide cache is shared by blocks analysed
    /// concurrently, so it only ever holds final answers: a "yes" is true whichever path found it, and a "no" is stored only
    /// when it was reached without the depth limit or a method still being computed on this path (recursion). A
    /// placeholder in the shared cache would let another thread read "no" for a method whose answer is "yes".
    /// </summary>
    private static (bool Produces, bool Complete) ProducesSource(IMethodSymbol method, TaintTables tables, Compilation compilation, CancellationToken cancellationToken, int depth, HashSet<IMethodSymbol> inProgress)
    {
        // Most calls go to referenced assemblies: the declaration test (no signature to decode) comes first.
        if (method.DeclaringSyntaxReferences.Length == 0 || method.ReturnsVoid || !CarriesText(method.ReturnType, tables))
        {
            return (false, true);
        }

        var cache = Producers.GetValue(compilation, _ => new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default));
        var key = method.OriginalDefinition;
        if (cache.TryGetValue(key, out var known))
        {
            return (known, true);
        }

        if (depth >= MaxCallDepth || !inProgress.Add(key))
        {
            return (false, false);
        }

        var complete = true;
        var produces = false;
        if (Resolution.SourceModels.BodyOf(method, compilation, cancellationToken) is (var body, _))
        {
            produces = MayContainSource(body, tables);
            foreach (var call in produces ? [] : body.Descendants().OfType<IInvocationOperation>())
            {
                var (callee, calleeComplete) = ProducesSource(call.TargetMethod, tables, compilation, cancellationToken, depth + 1, inProgress);
                complete &= calleeComplete;
                if (callee)
                {
                    produces = true;
                    break;
                }
            }
        }

        inProgress.Remove(key);
        if (produces || complete)
        {
            cache[key] = produces;
        }

        return (produces, produces || complete);
    }

    /// <summary>
    /// A return type that hands text to the caller: string, object, text collections, tasks of them, or a type that is
    /// itself untrusted (ChatCompletion). The gate of <see cref="ProducesSource"/>, which otherwise would bind the body
    /// of every method any block calls.
    /// </summary>
    private static bool CarriesText(ITypeSymbol type, TaintTables tables) => type switch
    {
        { SpecialType: SpecialType.System_String or SpecialType.System_Object } => true,
        IArrayTypeSymbol array => CarriesText(array.ElementType, tables),
        INamedTypeSymbol { IsGenericType: true } generic when generic.Name is "Task" or "ValueTask" or "IEnumerable" or "IAsyncEnumerable" or "List" or "IList" or "IReadOnlyList" or "Nullable"
            => generic.TypeArguments.Any(t => CarriesText(t, tables)),
        _ => tables.OfType(type) != TaintKind.None,
    };

    /// <summary>Whether a block has a source of its own.</summary>
    public static bool MayContainSource(IOperation root, TaintTables tables) => root.Descendants().Any(op => IsSource(op, tables));

    /// <summary>
    /// The two questions of <see cref="MayContainSource(IOperation, TaintTables, Compilation, CancellationToken)"/> one
    /// at a time, for a pass that walks a block for other facts as well (Razor.RazorComponentFlow): whether this
    /// operation is a source, and whether a call to this method returns untrusted data.
    /// </summary>
    public static bool IsSourceOperation(IOperation operation, TaintTables tables) => IsSource(operation, tables);

    /// <inheritdoc cref="IsSourceOperation"/>
    public static bool ReturnsSource(IMethodSymbol method, TaintTables tables, Compilation compilation, CancellationToken cancellationToken) =>
        ProducesSource(method, tables, compilation, cancellationToken, 0, new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default)).Produces;

    // Asked of every operation of every block (Razor markup is mostly builder calls and literals): the kind, one virtual
    // call, rules out most operations before the interface tests below.
    private static bool IsSource(IOperation op, TaintTables tables) =>
        op.Kind is OperationKind.ParameterReference or OperationKind.AnonymousFunction or OperationKind.PropertyReference or OperationKind.Invocation or OperationKind.Await
        && op switch
        {
            IParameterReferenceOperation p => RequestHandlers.IsBoundFromRequest(p.Parameter) || ToolParameters.IsModelChosen(p.Parameter),
            IAnonymousFunctionOperation lambda => RequestHandlers.IsMinimalApiHandler(lambda),
            IPropertyReferenceOperation p when tables.IsUserSource(p.Property) => true,
            IInvocationOperation or IPropertyReferenceOperation or IAwaitOperation => tables.OfType(op.Type) != TaintKind.None || SecretSources.IsSecret(op) || TaintTables.MemberSourceOf(op) != TaintKind.None,
            _ => false,
        };

    /// <summary>The block this analysis covers: the analysed method, or a callee reached with tainted arguments.</summary>
    public IOperation Root => _root;

    /// <summary>Analyses of the callees this block passes untrusted arguments to, for sinks inside them.</summary>
    public IReadOnlyList<TaintAnalysis> TaintedCallees => _summaries.Callees;

    public TaintKind TaintOf(IOperation? operation) => TaintOf(operation, 0);

    /// <summary>
    /// Analyses every method of the source this block calls with untrusted arguments, whatever the call returns, so the
    /// sinks inside it can be checked (<see cref="TaintedCallees"/>); the callees do the same, within the shared budget.
    /// </summary>
    public void FollowTaintedCalls()
    {
        if (_depth >= MaxSinkDepth)
        {
            return;
        }

        foreach (var call in _invocations)
        {
            if (call.TargetMethod.DeclaringSyntaxReferences.Length == 0 || _tables.IsSanitizer(call.TargetMethod))
            {
                continue;
            }

            var taints = call.Arguments.Select(a => TaintOf(a.Value)).ToList();
            if (taints.Any(t => (t & TaintKind.Any) != TaintKind.None))
            {
                Callee(call.TargetMethod, call.Arguments, taints);
            }
        }
    }

    private TaintKind TaintOf(IOperation? operation, int nesting)
    {
        if (operation is null || nesting > 64 || operation.ConstantValue.HasValue)
        {
            return TaintKind.None;
        }

        if (CannotCarryText(operation.Type))
        {
            return TaintKind.None;
        }

        // Literals, instance references, lambdas and the like carry nothing: the kind rules them out before the
        // interface tests below, which Propagate runs for every write in every round.
        if (!Carriers.Contains(operation.Kind)
            && operation.Syntax is not (Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SpreadElementSyntax))
        {
            return TaintKind.None;
        }

        nesting++;
        var own = operation switch
        {
            IInvocationOperation or IPropertyReferenceOperation or IAwaitOperation => _tables.OfType(operation.Type) | (SecretSources.IsSecret(operation) ? TaintKind.Secret : TaintKind.None) | TaintTables.MemberSourceOf(operation),
            _ => TaintKind.None,
        };
        return own | operation switch
        {
            ILocalReferenceOperation local => _containmentChecked.Contains(local.Local) ? TaintKind.None : Symbol(local.Local),
            IParameterReferenceOperation parameter => Symbol(parameter.Parameter),
            IFieldReferenceOperation field => Symbol(field.Field),
            IInvocationOperation invocation => Invocation(invocation, nesting),
            IObjectCreationOperation creation => creation.Arguments.Aggregate(TaintKind.None, (k, a) => k | TaintOf(a.Value, nesting))
                | (creation.Initializer?.Initializers.OfType<IAssignmentOperation>().Aggregate(TaintKind.None, (k, i) => k | TaintOf(i.Value, nesting)) ?? TaintKind.None),
            IPropertyReferenceOperation property => _tables.IsUserSource(property.Property) ? TaintKind.Http
                : TaintTables.IsDeclaredName(property.Property) ? TaintKind.None
                : TaintOf(property.Instance, nesting) | Symbol(property.Property),
            IArrayElementReferenceOperation element => TaintOf(element.ArrayReference, nesting),
            IConversionOperation conversion => TaintOf(conversion.Operand, nesting),
            IAwaitOperation awaited => TaintOf(awaited.Operation, nesting),
            IBinaryOperation binary => TaintOf(binary.LeftOperand, nesting) | TaintOf(binary.RightOperand, nesting),
            IInterpolatedStringOperation interpolated => interpolated.Parts.OfType<IInterpolationOperation>().Aggregate(TaintKind.None, (k, p) => k | TaintOf(p.Expression, nesting)),
            IConditionalOperation conditional => TaintOf(conditional.WhenTrue, nesting) | TaintOf(conditional.WhenFalse, nesting),
            ICoalesceOperation coalesce => TaintOf(coalesce.Value, nesting) | TaintOf(coalesce.WhenNull, nesting),
            IConditionalAccessOperation access => TaintOf(access.Operation, nesting) | TaintOf(access.WhenNotNull, nesting),
            IConditionalAccessInstanceOperation => TaintOf(FindConditionalInstance(operation), nesting),
            IArrayCreationOperation array => array.Initializer?.ElementValues.Aggregate(TaintKind.None, (k, e) => k | TaintOf(e, nesting)) ?? TaintKind.None,
            IArgumentOperation argument => TaintOf(argument.Value, nesting),
            ITupleOperation tuple => tuple.Elements.Aggregate(TaintKind.None, (k, e) => k | TaintOf(e, nesting)),

            // [a, ..b]: Roslyn 4.8 has no public operation for collection expressions; their elements are the children.
            _ when operation.Syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CollectionExpressionSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.SpreadElementSyntax
                => operation.ChildOperations.Aggregate(TaintKind.None, (k, e) => k | TaintOf(e, nesting)),
            _ => TaintKind.None,
        };
    }

    private TaintKind Invocation(IInvocationOperation invocation, int nesting)
    {
        var method = invocation.TargetMethod;
        if (_tables.IsSanitizer(method))
        {
            return TaintKind.None;
        }

        if (_tables.IsUserSource(method))
        {
            return TaintKind.Http;
        }

        var arguments = invocation.Arguments.Select(a => TaintOf(a.Value, nesting)).ToList();
        var receiver = TaintOf(invocation.Instance, nesting);
        if (_depth < MaxCallDepth && Callee(method, invocation.Arguments, arguments) is { } returned)
        {
            return receiver | returned;
        }

        // A library call passes its inputs on: string.Concat, Path.Combine, ToString, Replace, Trim…
        return arguments.Aggregate(receiver, (k, a) => k | a);
    }

    /// <summary>
    /// What a method declared in source returns when called with these argument taints, or null when its body is not
    /// available (a built assembly, an abstract or extern member): the caller then treats it as a library call.
    /// </summary>
    private TaintKind? Callee(IMethodSymbol method, IReadOnlyList<IArgumentOperation> arguments, IReadOnlyList<TaintKind> taints)
    {
        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return null;
        }

        var key = method.GetDocumentationCommentId() + "|" + string.Join(",", taints.Select(t => (int)t));
        if (_summaries.Results.TryGetValue(key, out var cached))
        {
            return cached;
        }

        // Recursion sees "returns nothing" while its summary is computed; past the budget a call is a library call.
        if (_summaries.Computed >= MaxCallees)
        {
            return null;
        }

        _summaries.Computed++;
        _summaries.Results[key] = TaintKind.None;
        if (Resolution.SourceModels.BodyOf(method, _compilation, _cancellationToken) is not (var body, var symbol))
        {
            _summaries.Results[key] = null;
            return null;
        }

        var parameters = new Dictionary<IParameterSymbol, TaintKind>(SymbolEqualityComparer.Default);
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].Parameter is { Ordinal: var ordinal } && ordinal < symbol.Parameters.Length)
            {
                parameters[symbol.Parameters[ordinal]] = taints[i];
            }
        }

        var callee = new TaintAnalysis(body, _tables, _compilation, _cancellationToken, _depth + 1, parameters, _summaries);
        if (taints.Any(t => t != TaintKind.None))
        {
            _summaries.Callees.Add(callee);
            callee.FollowTaintedCalls();
        }

        var result = callee._returns.Aggregate(TaintKind.None, (k, r) => k | callee.TaintOf(r.ReturnedValue))
            | (body is IMethodBodyOperation { ExpressionBody: { } expression } ? callee.TaintOf(expression.Operations.LastOrDefault()) : TaintKind.None);
        _summaries.Results[key] = result;
        return result;
    }

    /// <summary>
    /// The one walk of the block: seeds the parameters a request or a model fills, and collects the writes, calls,
    /// declarations and returns the later steps read.
    /// </summary>
    private void Walk()
    {
        foreach (var operation in _root.DescendantsAndSelf())
        {
            // The kind first (one virtual call): most operations are none of those below.
            if (operation.Kind is not (OperationKind.VariableDeclarator or OperationKind.SimpleAssignment or OperationKind.CompoundAssignment or OperationKind.CoalesceAssignment
                or OperationKind.DeconstructionAssignment or OperationKind.Loop or OperationKind.Invocation or OperationKind.Return or OperationKind.YieldReturn
                or OperationKind.YieldBreak or OperationKind.AnonymousFunction or OperationKind.ParameterReference))
            {
                continue;
            }

            if (operation != _root)
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator:
                        _writes.Add(declarator);
                        _declarators.Add(declarator);
                        break;
                    // A lambda is a write too: a library call hands its parameters the elements it iterates (Propagate).
                    case IAssignmentOperation or IForEachLoopOperation or IAnonymousFunctionOperation:
                        _writes.Add(operation);
                        break;
                    case IInvocationOperation call:
                        _invocations.Add(call);
                        break;
                    case IReturnOperation returned:
                        _returns.Add(returned);
                        break;
                }
            }

            switch (operation)
            {
                case IAnonymousFunctionOperation lambda when RequestHandlers.IsMinimalApiHandler(lambda):
                    foreach (var parameter in lambda.Symbol.Parameters.Where(p => RequestHandlers.IsBindable(p.Type) && !p.GetAttributes().Any(a => a.AttributeClass?.Name == "FromServicesAttribute")))
                    {
                        _symbols[parameter] = TaintKind.Http;
                    }

                    break;
                case IParameterReferenceOperation reference when RequestHandlers.IsBoundFromRequest(reference.Parameter):
                    _symbols[reference.Parameter] = TaintKind.Http;
                    break;
                case IParameterReferenceOperation reference when ToolParameters.IsModelChosen(reference.Parameter):
                    _symbols[reference.Parameter] = Symbol(reference.Parameter) | TaintKind.LlmOutput;
                    break;
            }
        }
    }

    private void Propagate()
    {
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var changed = false;
            foreach (var write in _writes)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                switch (write)
                {
                    case IVariableDeclaratorOperation declarator when declarator.Initializer is { } initializer:
                        changed |= Taint(declarator.Symbol, TaintOf(initializer.Value));
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                        changed |= Taint(target.Local, TaintOf(assignment.Value));
                        break;
                    case IAssignmentOperation { Target: IParameterReferenceOperation target } assignment:
                        changed |= Taint(target.Parameter, TaintOf(assignment.Value));
                        break;
                    case IAssignmentOperation { Target: IFieldReferenceOperation target } assignment:
                        changed |= Taint(target.Field, TaintOf(assignment.Value));
                        break;
                    case IForEachLoopOperation loop:
                        foreach (var local in loop.Locals)
                        {
                            changed |= Taint(local, TaintOf(loop.Collection));
                        }

                        break;

                    // var (uri, request) = Build(url): each declared local gets the tuple's taint (elements are not told apart).
                    case IDeconstructionAssignmentOperation deconstruction:
                        var tupleTaint = TaintOf(deconstruction.Value);
                        foreach (var local in deconstruction.Target.Descendants().OfType<ILocalReferenceOperation>())
                        {
                            changed |= Taint(local.Local, tupleTaint);
                        }

                        break;

                    // items.Select(x => …), list.ForEach(x => …): a library call hands the lambda the elements of its
                    // receiver and other arguments. A method of the source is followed through its summary instead.
                    case IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation call } lambdaArgument } } lambda
                        when call.TargetMethod.DeclaringSyntaxReferences.Length == 0 && !lambda.Symbol.Parameters.IsEmpty:
                        var elements = call.Arguments.Where(a => a != lambdaArgument).Aggregate(TaintOf(call.Instance), (k, a) => k | TaintOf(a.Value));
                        foreach (var parameter in lambda.Symbol.Parameters)
                        {
                            changed |= Taint(parameter, elements);
                        }

                        break;
                }
            }

            if (!changed)
            {
                break;
            }
        }

        FindContainmentChecks();
    }

    /// <summary><c>var full = Path.GetFullPath(x); if (!full.StartsWith(root)) …</c> validates <c>full</c>.</summary>
    private void FindContainmentChecks()
    {
        foreach (var call in _invocations)
        {
            if (call.TargetMethod.Name == "StartsWith" && call.Instance is ILocalReferenceOperation local
                && local.Local.DeclaringSyntaxReferences.Length > 0
                && _declarators.Any(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local)
                    && d.Initializer?.Value is IInvocationOperation { TargetMethod.Name: "GetFullPath" }))
            {
                _containmentChecked.Add(local.Local);
            }
        }
    }

    private bool Taint(ISymbol symbol, TaintKind kind)
    {
        if (kind == TaintKind.None)
        {
            return false;
        }

        var before = Symbol(symbol);
        _symbols[symbol] = before | kind;
        return (before | kind) != before;
    }

    private TaintKind Symbol(ISymbol symbol) =>
        _symbols.TryGetValue(symbol, out var kind) ? kind : _symbols.TryGetValue(symbol.OriginalDefinition, out kind) ? kind : TaintKind.None;

    /// <summary>A number, boolean, enum, date or GUID cannot carry a path, a query or markup (StringValues can).</summary>
    internal static bool CannotCarryText(ITypeSymbol? type) => type switch
    {
        null => false,
        { TypeKind: TypeKind.Enum } => true,
        { SpecialType: >= SpecialType.System_Boolean and <= SpecialType.System_Double } => true,
        { SpecialType: SpecialType.System_DateTime } => true,
        INamedTypeSymbol { IsValueType: true, Name: "Guid" or "TimeSpan" or "DateTimeOffset" or "DateOnly" or "TimeOnly" } => true,
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => CannotCarryText(nullable.TypeArguments[0]),
        _ => false,
    };

    private static IOperation? FindConditionalInstance(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IConditionalAccessOperation access)
            {
                return access.Operation;
            }
        }

        return null;
    }

    /// <summary>Callee summaries shared by one analysis and every callee analysis it starts.</summary>
    private sealed class Summaries
    {
        public Dictionary<string, TaintKind?> Results { get; } = new(System.StringComparer.Ordinal);

        public List<TaintAnalysis> Callees { get; } = new();

        public int Computed { get; set; }
    }
}
