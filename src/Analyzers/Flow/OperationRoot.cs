using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Flow;

internal static class OperationRoot
{
    /// <summary>The method body (or top-level statements) an operation belongs to, for analyses that need the whole block.</summary>
    public static IOperation Of(IOperation operation)
    {
        var root = operation;
        while (root.Parent is not null)
        {
            root = root.Parent;
        }

        return root;
    }
}
