using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// The string literals a URL starts with, followed to where they are written: constants, read-only fields, locals, an
/// array of mirrors iterated by foreach, <c>new Uri(…)</c>, concatenation and interpolation. The scheme of a URL is in
/// its first part, so only the leftmost operand of a concatenation is followed.
/// </summary>
internal static class UrlLiteralFinder
{
    private const int MaxDepth = 6;

    public static ImmutableArray<IOperation> Find(IOperation url, Compilation compilation)
    {
        var found = ImmutableArray.CreateBuilder<IOperation>();
        Visit(url, compilation, found, 0);
        return found.ToImmutable();
    }

    /// <summary>
    /// The literal a path or URL ends with when the whole value cannot be resolved (<c>Path.Combine(dir, name + ".onnx")</c>):
    /// its extension still tells what the file is.
    /// </summary>
    public static string? Suffix(IOperation? operation, int depth = 0)
    {
        if (operation is null || depth > MaxDepth)
        {
            return null;
        }

        if (operation.ConstantValue is { HasValue: true, Value: string text })
        {
            return text;
        }

        return operation switch
        {
            IConversionOperation conversion => Suffix(conversion.Operand, depth + 1),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary => Suffix(binary.RightOperand, depth + 1),
            IInterpolatedStringOperation interpolated => interpolated.Parts.LastOrDefault() switch
            {
                IInterpolatedStringTextOperation part => Suffix(part.Text, depth + 1),
                IInterpolationOperation hole => Suffix(hole.Expression, depth + 1),
                _ => null,
            },
            IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" } } combine => Suffix(combine.Arguments.LastOrDefault()?.Value is { } last ? CollectionElements.Of(last).LastOrDefault() : null, depth + 1),
            _ => null,
        };
    }

    private static void Visit(IOperation? operation, Compilation compilation, ImmutableArray<IOperation>.Builder found, int depth)
    {
        if (operation is null || depth > MaxDepth)
        {
            return;
        }

        switch (operation)
        {
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: string } } literal:
                found.Add(literal);
                break;
            case IConversionOperation conversion:
                Visit(conversion.Operand, compilation, found, depth + 1);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary:
                Visit(binary.LeftOperand, compilation, found, depth + 1);
                break;
            case IInterpolatedStringOperation interpolated:
                switch (interpolated.Parts.FirstOrDefault())
                {
                    case IInterpolatedStringTextOperation text:
                        Visit(text.Text, compilation, found, depth + 1);
                        break;
                    case IInterpolationOperation hole:
                        Visit(hole.Expression, compilation, found, depth + 1);
                        break;
                }

                break;
            case IObjectCreationOperation { Type.Name: "Uri" } uri when uri.Arguments.Length > 0:
                Visit(uri.Arguments[0].Value, compilation, found, depth + 1);
                break;
            case IFieldReferenceOperation field:
                Visit(Initializer(field.Field, compilation), compilation, found, depth + 1);
                break;
            case IPropertyReferenceOperation { Property.IsReadOnly: true } property:
                Visit(Initializer(property.Property, compilation), compilation, found, depth + 1);
                break;
            case ILocalReferenceOperation local:
                foreach (var source in LocalSources(local))
                {
                    Visit(source, compilation, found, depth + 1);
                }

                break;
            case IArrayElementReferenceOperation element:
                Visit(element.ArrayReference, compilation, found, depth + 1);
                break;
            case IArrayCreationOperation:
            case { } when operation.Kind.ToString() == "CollectionExpression":
                foreach (var value in CollectionElements.Of(operation))
                {
                    Visit(value, compilation, found, depth + 1);
                }

                break;
        }
    }

    /// <summary>A local's initializer, or the collection a foreach local iterates (the mirrors of a download loop).</summary>
    private static IEnumerable<IOperation> LocalSources(ILocalReferenceOperation reference)
    {
        var root = OperationRoot.Of(reference);
        foreach (var operation in root.Descendants())
        {
            switch (operation)
            {
                case IVariableDeclaratorOperation { Initializer.Value: { } value } declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, reference.Local):
                    yield return value;
                    break;
                case IForEachLoopOperation loop when loop.Locals.Contains(reference.Local, SymbolEqualityComparer.Default):
                    yield return loop.Collection;
                    break;
            }
        }
    }

    private static IOperation? Initializer(ISymbol member, Compilation compilation)
    {
        var syntax = member.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        var value = syntax switch
        {
            VariableDeclaratorSyntax { Initializer.Value: { } initializer } => initializer,
            PropertyDeclarationSyntax declaration => declaration.ExpressionBody?.Expression ?? declaration.Initializer?.Value,
            _ => null,
        };
        return value is null ? null : SourceModels.Of(compilation, value.SyntaxTree)?.GetOperation(value);
    }
}
