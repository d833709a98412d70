using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// Parameters whose arguments a model chooses: those of Semantic Kernel functions (<c>[KernelFunction]</c>) and of
/// methods described for a model the way tool libraries read them (<c>AIFunctionFactory</c>, LlmTornado and others take
/// the method's and its parameters' <c>[Description]</c> as the tool schema). A described method whose parameter has
/// no description of its own is ordinary documentation, not a tool. Also the parameters of agent-framework interface
/// members that receive model-written text (a code interpreter's script).
/// </summary>
internal static class ToolParameters
{
    /// <summary>Interface members of agent frameworks whose parameter receives model-written text: (interface, member, parameter).</summary>
    private static readonly (string Interface, string Member, string Parameter)[] ModelInputs =
    [
        ("BotSharp.Abstraction.Coding.ICodeProcessor", "Run", "codeScript"),
    ];

    public static bool IsModelChosen(IParameterSymbol parameter)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.Ordinary } method || !CarriesText(parameter.Type))
        {
            return false;
        }

        if (ImplementsModelInput(method, parameter))
        {
            return true;
        }

        var attributes = method.GetAttributes();
        if (attributes.IsEmpty)
        {
            return false;
        }

        return attributes.Any(a => a.AttributeClass is { Name: "KernelFunctionAttribute" } kernel && kernel.ContainingNamespace?.ToDisplayString() == "Microsoft.SemanticKernel")
            || (attributes.Any(IsDescription) && parameter.GetAttributes().Any(IsDescription));
    }

    /// <summary>An implementation of a <see cref="ModelInputs"/> member (PyCodeInterpreter.Run(codeScript)); names are tested first.</summary>
    private static bool ImplementsModelInput(IMethodSymbol method, IParameterSymbol parameter)
    {
        foreach (var (interfaceName, member, parameterName) in ModelInputs)
        {
            if (method.Name != member || parameter.Name != parameterName || method.ContainingType is not { } type)
            {
                continue;
            }

            foreach (var @interface in type.AllInterfaces)
            {
                if (Catalog.LoaderCatalog.MetadataName(@interface.OriginalDefinition) == interfaceName
                    && @interface.GetMembers(member).Any(m => SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(m), method.OriginalDefinition)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsDescription(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "DescriptionAttribute" } type && type.ContainingNamespace?.ToDisplayString() == "System.ComponentModel";

    private static bool CarriesText(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_String or SpecialType.System_Object
        || type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String };
}
