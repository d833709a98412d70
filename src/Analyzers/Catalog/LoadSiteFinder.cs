using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;
using OpenModel.Contract;

namespace OpenModel.Analyzers.Catalog;

/// <summary>Turns an invocation or object creation into a <see cref="LoadSite"/> when it calls a catalogue API.</summary>
internal sealed class LoadSiteFinder
{
    private readonly ValueResolver _resolver;

    public LoadSiteFinder(ValueResolver resolver) => _resolver = resolver;

    public LoadSite? Find(IOperation operation)
    {
        var (method, arguments) = CalledMethod(operation);
        if (method is null)
        {
            return null;
        }

        // OllamaApiClient(string) : this(new Uri(…)): the library's own constructors chaining to each other load nothing
        // themselves; the caller's creation is the load. A subclass's ": base(…)" is a load, like any creation.
        if (operation.Syntax is ConstructorInitializerSyntax { ThisOrBaseKeyword.ValueText: "this" })
        {
            return null;
        }

        if (LoaderCatalog.Find(method) is not { } entry)
        {
            return HelperLoads.IsCandidate(method, _resolver.Compilation) ? FindHelperLoad(operation, method, arguments) : null;
        }

        var argument = SelectArgument(entry, arguments);
        if (argument is null)
        {
            return ClientWithoutModel(entry, operation);
        }

        if (operation.Syntax is not ConstructorInitializerSyntax && ForwardsOwnParameter(method, argument))
        {
            return null;
        }

        SyntaxNode? consumedRead = null;
        IOperation? origin = null;
        ResolvedValue value;
        if (IsText(argument.Parameter!.Type))
        {
            value = ResolveAll(argument.Value);
        }
        else if (entry.Match == CatalogMatch.ParameterObject && !IsPathLike(argument.Parameter.Type))
        {
            (value, origin) = ResolveCarrier(argument.Value, depth: 0);
        }
        else if (FindFileRead(argument.Value, depth: 0) is { } read)
        {
            consumedRead = read.Read.Syntax;
            value = read.Path;
        }
        else
        {
            value = ResolvedValue.Unknown(entry.Match == CatalogMatch.Native
                ? "a native loader receives the path as a pointer"
                : "the bytes or stream do not come from a file read the analyzer can follow");
        }

        // An options object with an empty path (ModelParams("") for a context of weights already loaded) opens nothing.
        if (value.IsResolved && value.Candidates.All(c => c.Trim().Length == 0))
        {
            return null;
        }

        if (entry.Kind != LoadKind.RawRead)
        {
            return new LoadSite(entry, entry.Kind, operation, value, consumedRead, origin);
        }

        // new FileStream(modelCopy, FileMode.CreateNew, FileAccess.Write): a file opened to be written is not read.
        if (OpensForWriting(arguments))
        {
            return null;
        }

        // A plain read is a load only when the file is evidently a model or dataset: by its resolved extension, or, for a
        // path known only at run time, by the literal it ends with or the name of the variable that holds it.
        if (!value.IsResolved)
        {
            return consumedRead is null && ArtifactNames.KindOf(argument.Value) is { } named && named != LoadKind.RemoteModel
                ? new LoadSite(entry, named, operation, value, null)
                : null;
        }

        var extensions = value.Candidates.Select(c => ArtifactPath.Extension(ArtifactPath.Normalize(c))).ToArray();
        var kind = extensions.Any(ArtifactExtensions.IsModel) ? LoadKind.Model
            : extensions.Any(ArtifactExtensions.IsDataset) ? LoadKind.Dataset
            : (LoadKind?)null;
        return kind is null ? null : new LoadSite(entry, kind.Value, operation, value, null);
    }

    /// <summary>
    /// A remote-model client created without a model id (<c>new OllamaApiClient(url)</c>, <c>new TornadoApi(key)</c>):
    /// it is bound to a model service all the same, and the model is chosen later (a property, each request), so the
    /// id cannot be verified here. Only creations: a factory method without its model argument binds nothing yet.
    /// </summary>
    private static LoadSite? ClientWithoutModel(CatalogEntry entry, IOperation operation) =>
        entry.Kind == LoadKind.RemoteModel && operation is IObjectCreationOperation
            ? new LoadSite(entry, entry.Kind, operation, ResolvedValue.Unknown("no model id is given where the client is created: the model is chosen later"), null)
            : null;

    /// <summary>
    /// A library analysed as itself, forwarding a parameter from one member of a type to a catalogued static factory of
    /// the same type (<c>FromDirectoryV5(dir) => FromDirectory(dir, "", V5)</c>): the caller chooses the artefact, and
    /// the callee's body, in this compilation too, reports where it is opened. Like <c>: this(…)</c> chaining, it opens
    /// nothing itself. Another type that opens a model through the factory (<c>new WhisperSpeechToTextClient(path)</c>
    /// calling <c>WhisperFactory.FromPath(path)</c>), and a subclass's <c>: base(…)</c>, stay loads. An extern or
    /// delegate entry point has no body here: its call stays the load.
    /// </summary>
    private bool ForwardsOwnParameter(IMethodSymbol method, IArgumentOperation argument)
    {
        var value = argument.Value;
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value is IParameterReferenceOperation { Parameter.ContainingSymbol.ContainingType: { } caller }
            && SymbolEqualityComparer.Default.Equals(caller.OriginalDefinition, method.ContainingType.OriginalDefinition)
            && method.IsStatic && !method.IsExtern && !method.IsAbstract && method.MethodKind != MethodKind.DelegateInvoke
            && method.DeclaringSyntaxReferences.FirstOrDefault() is { } declaration
            && _resolver.Compilation.ContainsSyntaxTree(declaration.SyntaxTree);
    }

    /// <summary>A FileMode that creates, truncates or appends, or a FileAccess without Read, passed as a constant.</summary>
    private static bool OpensForWriting(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Any(a => a.Value.ConstantValue is { HasValue: true, Value: int flag } && a.Parameter?.Type.ToDisplayString() switch
        {
            // CreateNew 1, Create 2, Truncate 5, Append 6; Open 3 and OpenOrCreate 4 may read.
            "System.IO.FileMode" => flag is 1 or 2 or 5 or 6,
            // Read 1, Write 2, ReadWrite 3.
            "System.IO.FileAccess" => flag == 2,
            _ => false,
        });

    /// <summary>A call into a referenced project's method that opens what its parameter names (see <see cref="HelperLoads"/>).</summary>
    private LoadSite? FindHelperLoad(IOperation operation, IMethodSymbol method, ImmutableArray<IArgumentOperation> arguments)
    {
        if (HelperLoads.Of(method, this, _resolver.Compilation, _resolver.CancellationToken) is not { } helper
            || arguments.FirstOrDefault(a => a.Parameter?.Ordinal == helper.Parameter && a.ArgumentKind != ArgumentKind.DefaultValue) is not { } argument)
        {
            return null;
        }

        var value = IsText(argument.Parameter!.Type) || argument.Value.Type?.SpecialType == SpecialType.System_String
            ? _resolver.Resolve(argument.Value)
            : ResolvedValue.Unknown("the bytes do not come from a file read the analyzer can follow");
        if (value.IsResolved && value.Candidates.All(c => c.Trim().Length == 0))
        {
            return null;
        }

        var entry = new CatalogEntry(method.ContainingAssembly?.Name ?? "source", LoaderCatalog.MetadataName(method.ContainingType.OriginalDefinition), method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name, helper.Kind, CatalogMatch.Helper)
            .Opening(helper.Opens);
        return new LoadSite(entry, helper.Kind, operation, value, null);
    }

    private ResolvedValue ResolveAll(IOperation value)
    {
        var result = default(ResolvedValue?);
        foreach (var element in CollectionElements.Of(value))
        {
            var resolved = _resolver.Resolve(element);
            result = result is null ? resolved : result.Value.Union(resolved);
        }

        return result ?? ResolvedValue.Unknown("no path");
    }

    /// <summary>
    /// The path an options object carries (ModelParams, ORT GenAI Config, YoloOptions): from the creation that reaches
    /// the loader, through locals and read-only fields, by the constructor parameter or initializer property that holds it.
    /// </summary>
    private (ResolvedValue Value, IOperation? Origin) ResolveCarrier(IOperation value, int depth)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        if (depth > 4)
        {
            return (ResolvedValue.Unknown("the options object is built too far away"), null);
        }

        switch (value)
        {
            case ILocalReferenceOperation local
                when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    && local.SemanticModel?.GetOperation(initializer) is { } initialValue:
                return ResolveCarrier(initialValue, depth + 1);
            case IFieldReferenceOperation { Field.IsReadOnly: true } field
                when field.Field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    && SourceModels.Of(_resolver.Compilation, initializer.SyntaxTree)?.GetOperation(initializer) is { } initialValue:
                return ResolveCarrier(initialValue, depth + 1);
            case IObjectCreationOperation { Type: INamedTypeSymbol type } creation
                when LoaderCatalog.Carriers.TryGetValue(LoaderCatalog.MetadataName(type.OriginalDefinition), out var carrier):
                // The initializer runs after the constructor: new ModelParams("") { ModelPath = path } opens path.
                foreach (var initializer in creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>())
                {
                    if (initializer.Target is IPropertyReferenceOperation property && carrier.Properties.Contains(property.Property.Name))
                    {
                        return (_resolver.Resolve(initializer.Value), creation);
                    }
                }

                // An empty path is what the caller reads as "opens nothing": the model was opened by the object set here.
                if (LoaderCatalog.LoadedElsewhere.TryGetValue(LoaderCatalog.MetadataName(type.OriginalDefinition), out var loadedBy)
                    && creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>().Any(i => i.Target is IPropertyReferenceOperation p && p.Property.Name == loadedBy) == true)
                {
                    return (ResolvedValue.Of(string.Empty), creation);
                }

                foreach (var argument in creation.Arguments)
                {
                    if (argument.Parameter is { } parameter && argument.ArgumentKind != ArgumentKind.DefaultValue && carrier.Parameters.Contains(parameter.Name))
                    {
                        return IsText(parameter.Type) ? (_resolver.Resolve(argument.Value), creation) : ResolveCarrier(argument.Value, depth + 1);
                    }
                }

                return (ResolvedValue.Unknown(carrier.Parameters.IsEmpty && carrier.Properties.IsEmpty
                    ? $"the data come from a {type.Name}, not from a file"
                    : $"new {type.Name}(…) sets its path later or elsewhere"), creation);
            default:
                return (ResolvedValue.Unknown($"the {value.Type?.Name ?? "options"} object comes from a value the analyzer cannot follow"), null);
        }
    }

    private (IOperation Read, ResolvedValue Path)? FindFileRead(IOperation value, int depth)
    {
        if (depth > 4)
        {
            return null;
        }

        switch (value)
        {
            case IConversionOperation conversion:
                return FindFileRead(conversion.Operand, depth + 1);
            case IAwaitOperation awaited:
                return FindFileRead(awaited.Operation, depth + 1);
            case ILocalReferenceOperation local
                when local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
                    && local.SemanticModel?.GetOperation(initializer) is { } initialValue:
                return FindFileRead(initialValue, depth + 1);
            case IInvocationOperation or IObjectCreationOperation:
                var (method, arguments) = CalledMethod(value);
                return method is not null
                    && LoaderCatalog.Find(method) is { Kind: LoadKind.RawRead } entry
                    && SelectArgument(entry, arguments) is { } argument
                    ? (value, _resolver.Resolve(argument.Value))
                    : null;
            default:
                return null;
        }
    }

    internal static (IMethodSymbol? Method, ImmutableArray<IArgumentOperation> Arguments) CalledMethod(IOperation operation) => operation switch
    {
        IInvocationOperation invocation => (invocation.TargetMethod, invocation.Arguments),
        IObjectCreationOperation { Constructor: { } constructor } creation => (constructor, creation.Arguments),
        _ => (null, ImmutableArray<IArgumentOperation>.Empty),
    };

    /// <summary>The argument that carries the path, stream, bytes or model id of a catalogue call.</summary>
    internal static IArgumentOperation? SelectArgument(CatalogEntry entry, ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments.OrderBy(a => a.Parameter?.Ordinal ?? int.MaxValue))
        {
            if (argument.Parameter is not { } parameter || argument.ArgumentKind == ArgumentKind.DefaultValue)
            {
                continue;
            }

            // A native loader takes the path as a string or a pointer to its marshalled bytes.
            if (entry.Match == CatalogMatch.Native)
            {
                if (IsText(parameter.Type) || parameter.Type.SpecialType is SpecialType.System_IntPtr || parameter.Type is IPointerTypeSymbol)
                {
                    return argument;
                }

                continue;
            }

            var named = entry.PathParameters.IsEmpty ? IsPathLike(parameter.Type) : entry.PathParameters.Contains(parameter.Name);
            if (named && (IsPathLike(parameter.Type) || entry.Kind == LoadKind.RemoteModel || entry.Match == CatalogMatch.ParameterObject))
            {
                return argument;
            }
        }

        return null;
    }

    private static bool IsText(ITypeSymbol type) =>
        type.SpecialType == SpecialType.System_String
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };

    private static bool IsPathLike(ITypeSymbol type) =>
        IsText(type)
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte }
        || type.ToDisplayString() is "System.IO.Stream" or "System.ReadOnlySpan<byte>" or "System.ReadOnlyMemory<byte>" or "System.Memory<byte>" or "System.IO.FileInfo";
}
