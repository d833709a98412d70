using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// Parameters whose arguments a model chooses: those of Semantic Kernel functions (<c>[KernelFunction]</c>) and of
/// methods described for a model the way tool libraries read them (<c>AIFunctionFactory</c>, LlmTornado and others take
/// the method's and its parameters' <c>[Description]</c> as the tool schema). A described method whose parameter has
/// no description of its own is ordinary documentation, not a tool.
/// </summary>
internal static class ToolParameters
{
    public static bool IsModelChosen(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || !CarriesText(parameter.Type))
        {
            return false;
        }

        var attributes = method.GetAttributes();
        if (attributes.IsEmpty)
        {
            return false;
        }

        return attributes.Any(a => a.AttributeClass is { Name: "KernelFunctionAttribute" } kernel && kernel.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel")
            || (attributes.Any(IsDescription) && parameter.GetAttributes().Any(IsDescription));
    }

    private static bool IsDescription(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "DescriptionAttribute" } type && type.ContainingNamespace?.ToDisplayString() == "System.ComponentModel";

    private static bool CarriesText(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_String or SpecialType.System_Object
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };
}
