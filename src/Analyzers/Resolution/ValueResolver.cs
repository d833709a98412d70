using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Configuration;
using OpenModel.Analyzers.Declarations;

namespace OpenModel.Analyzers.Resolution;

/// <summary>
/// Resolves the string an expression holds at run time as far as the compilation and appsettings*.json allow:
/// constants, concatenation and interpolation, <c>Path.Combine</c>, base-directory prefixes, locals assigned once,
/// read-only fields and properties with initializers, and configuration lookups.
/// </summary>
internal sealed class ValueResolver
{
    private const int MaxDepth = 8;

    private readonly Compilation _compilation;
    private readonly AppSettings _settings;
    private readonly CancellationToken _cancellationToken;

    public Compilation Compilation => _compilation;

    public CancellationToken CancellationToken => _cancellationToken;

    public ValueResolver(Compilation compilation, AppSettings settings, CancellationToken cancellationToken)
    {
        _compilation = compilation;
        _settings = settings;
        _cancellationToken = cancellationToken;
    }

    public ResolvedValue Resolve(IOperation? operation) => Resolve(operation, 0);

    private ResolvedValue Resolve(IOperation? operation, int depth)
    {
        if (operation is null)
        {
            return ResolvedValue.Unknown("no value");
        }

        if (depth > MaxDepth)
        {
            return ResolvedValue.Unknown("the value is computed through too many steps");
        }

        if (operation.ConstantValue is { HasValue: true } constant)
        {
            return constant.Value is string text ? ResolvedValue.Of(text) : ResolvedValue.Unknown("the value is not a string");
        }

        depth++;
        switch (operation)
        {
            case IConversionOperation conversion:
                return Resolve(conversion.Operand, depth);
            case IAwaitOperation awaited:
                return Resolve(awaited.Operation, depth);
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation:
                return Resolve(concatenation.LeftOperand, depth).Combine(Resolve(concatenation.RightOperand, depth), (a, b) => a + b);
            case IInterpolatedStringOperation interpolated:
                return ResolveInterpolation(interpolated, depth);
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return Resolve(conditional.WhenTrue, depth).Union(Resolve(conditional.WhenFalse, depth));
            case ICoalesceOperation coalesce:
                return ResolveCoalesce(coalesce, depth);
            case ILocalReferenceOperation local:
                return ResolveLocal(local, depth);
            case IFieldReferenceOperation field:
                return ResolveField(field.Field, depth);
            case IPropertyReferenceOperation property:
                return ResolveProperty(property, depth);
            case IInvocationOperation invocation:
                return ResolveInvocation(invocation, depth);
            case IParameterReferenceOperation parameter:
                return ResolvedValue.Unknown($"it comes from parameter '{parameter.Parameter.Name}'");
            default:
                return ResolvedValue.Unknown("it is computed at run time");
        }
    }

    private ResolvedValue ResolveInterpolation(IInterpolatedStringOperation interpolated, int depth)
    {
        var result = ResolvedValue.Of(string.Empty);
        foreach (var part in interpolated.Parts)
        {
            var value = part switch
            {
                IInterpolatedStringTextOperation text => Resolve(text.Text, depth),
                IInterpolationOperation { Alignment: null, FormatString: null } hole => Resolve(hole.Expression, depth),
                _ => ResolvedValue.Unknown("it uses a formatted interpolation"),
            };
            result = result.Combine(value, (a, b) => a + b);
        }

        return result;
    }

    private ResolvedValue ResolveCoalesce(ICoalesceOperation coalesce, int depth)
    {
        var value = Resolve(coalesce.Value, depth);
        var fallback = Resolve(coalesce.WhenNull, depth);

        // A configuration key no file sets is null at run time, so only the fallback can be loaded.
        return value.IsMissingConfiguration ? fallback : value.Union(fallback);
    }

    private ResolvedValue ResolveLocal(ILocalReferenceOperation reference, int depth)
    {
        var local = reference.Local;
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator)
        {
            return ResolvedValue.Unknown($"local '{local.Name}' has no initializer");
        }

        // A local's scope is the statement list that declares it; any write to it there makes the value unknowable.
        var scope = declarator.Parent?.Parent?.Parent;
        if (scope is GlobalStatementSyntax)
        {
            scope = scope.Parent;
        }

        if (scope is not null && SyntaxWrites.AssignsIdentifier(scope, local.Name, except: declarator))
        {
            return ResolvedValue.Unknown($"local '{local.Name}' is assigned more than once");
        }

        return Resolve(OperationOf(initializer, reference.SemanticModel), depth);
    }

    private ResolvedValue ResolveField(IFieldSymbol field, int depth)
    {
        if (!field.IsReadOnly)
        {
            return ResolvedValue.Unknown($"field '{field.Name}' is not read-only");
        }

        if (field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator)
        {
            return ResolvedValue.Unknown($"field '{field.Name}' has no initializer");
        }

        if (SyntaxWrites.AssignedInConstructor(declarator, field.Name))
        {
            return ResolvedValue.Unknown($"field '{field.Name}' is assigned in a constructor");
        }

        return Resolve(OperationOf(initializer, null), depth);
    }

    private ResolvedValue ResolveProperty(IPropertyReferenceOperation reference, int depth)
    {
        var property = reference.Property;
        if (BaseDirectories.IsBaseDirectory(property))
        {
            return ResolvedValue.Of(ArtifactPath.BaseDirectoryMarker + BaseDirectories.SuffixOf(property));
        }

        if (ConfigurationAccess.TryGetKey(reference, this, out var key))
        {
            return LookupConfiguration(key);
        }

        if (!property.IsReadOnly || property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not PropertyDeclarationSyntax declaration)
        {
            return ResolvedValue.Unknown($"property '{property.Name}' is computed at run time");
        }

        var body = declaration.ExpressionBody?.Expression ?? declaration.Initializer?.Value;
        if (body is null || (declaration.Initializer is not null && SyntaxWrites.AssignedInConstructor(declaration, property.Name)))
        {
            return ResolvedValue.Unknown($"property '{property.Name}' is computed at run time");
        }

        return Resolve(OperationOf(body, null), depth);
    }

    private ResolvedValue ResolveInvocation(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.ToDisplayString();
        if (type == "System.IO.Path")
        {
            switch (method.Name)
            {
                case "Combine":
                case "Join":
                    return CombinePaths(ArgumentValues(invocation), depth, method.Name == "Combine");
                case "GetFullPath" when invocation.Arguments.Length == 1:
                    return Resolve(invocation.Arguments[0].Value, depth);
                case "GetFullPath":
                    return CombinePaths(ArgumentValues(invocation).Reverse().ToImmutableArray(), depth, rootResets: true);
            }
        }

        if (type == "System.IO.Directory" && method.Name == "GetCurrentDirectory")
        {
            return ResolvedValue.Of(ArtifactPath.BaseDirectoryMarker);
        }

        if (ConfigurationAccess.TryGetKey(invocation, this, out var key))
        {
            var value = LookupConfiguration(key);
            var fallback = ConfigurationAccess.DefaultValueArgument(invocation);
            return value.IsMissingConfiguration && fallback is not null ? Resolve(fallback, depth) : value;
        }

        return ResolvedValue.Unknown($"it is returned by '{method.Name}'");
    }

    /// <summary>Constant configuration keys and section names, exposed so configuration access can fold them.</summary>
    internal string? ResolveConstant(IOperation operation)
    {
        var value = Resolve(operation, MaxDepth - 2);
        return value.IsResolved && value.Candidates.Length == 1 ? value.Candidates[0] : null;
    }

    private ResolvedValue CombinePaths(ImmutableArray<IOperation> parts, int depth, bool rootResets)
    {
        if (parts.IsEmpty)
        {
            return ResolvedValue.Unknown("no path parts");
        }

        var result = Resolve(parts[0], depth);
        foreach (var part in parts.Skip(1))
        {
            result = result.Combine(Resolve(part, depth), (left, right) =>
                rootResets && ArtifactPath.IsRooted(right) ? right
                : left.Length == 0 || left.EndsWith("/", StringComparison.Ordinal) || left.EndsWith("\\", StringComparison.Ordinal) ? left + right
                : left + "/" + right);
        }

        return result;
    }

    private ResolvedValue LookupConfiguration(string key)
    {
        var values = _settings.Lookup(key);
        return values.IsEmpty ? ResolvedValue.MissingConfiguration(key) : ResolvedValue.Of(values);
    }

    /// <summary>The argument values in order, with params arrays and collection expressions flattened.</summary>
    private static ImmutableArray<IOperation> ArgumentValues(IInvocationOperation invocation)
    {
        var values = ImmutableArray.CreateBuilder<IOperation>();
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            values.AddRange(CollectionElements.Of(argument.Value));
        }

        return values.ToImmutable();
    }

    /// <summary>The operation of an initializer, from the model of the compilation that owns its file (null when none does).</summary>
    private IOperation? OperationOf(ExpressionSyntax expression, SemanticModel? sameTreeModel)
    {
        var model = sameTreeModel is not null && sameTreeModel.SyntaxTree == expression.SyntaxTree
            ? sameTreeModel
            : SourceModels.Of(_compilation, expression.SyntaxTree);
        return model?.GetOperation(expression, _cancellationToken);
    }
}
