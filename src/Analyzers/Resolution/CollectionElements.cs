using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Resolution;

internal static class CollectionElements
{
    /// <summary>The elements of a params array, array initializer or collection expression; otherwise the value itself.</summary>
    public static IEnumerable<IOperation> Of(IOperation value)
    {
        var unwrapped = value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : value;
        return unwrapped switch
        {
            IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
            // ICollectionExpressionOperation is newer than the Roslyn we compile against; its children are the elements.
            _ when unwrapped.Kind.ToString() == "CollectionExpression" => unwrapped.ChildOperations,
            _ => Enumerable.Repeat(value, 1),
        };
    }
}
