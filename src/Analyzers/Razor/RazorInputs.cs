using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Razor;

/// <summary>
/// Component properties the framework fills from the request: <c>[SupplyParameterFromQuery]</c>,
/// <c>[SupplyParameterFromForm]</c>, and a <c>[Parameter]</c> of a routable component that its route template names
/// (<c>@page "/chat/{Persona}"</c>). They are HTTP input, like a [FromQuery] parameter of a minimal-API handler. A
/// <c>[Parameter]</c> the route does not name comes from the parent component and is not input.
/// </summary>
internal static class RazorInputs
{
    public static bool IsBoundFromRequest(IPropertySymbol property)
    {
        if (property.ContainingType is not { TypeKind: TypeKind.Class } type || !RazorRequestPaths.IsComponent(type))
        {
            return false;
        }

        foreach (var attribute in property.GetAttributes())
        {
            switch (attribute.AttributeClass?.Name)
            {
                case "SupplyParameterFromQueryAttribute" or "SupplyParameterFromFormAttribute":
                    return true;
                case "ParameterAttribute" when RouteNames(type, property.Name):
                    return true;
            }
        }

        return false;
    }

    private static bool RouteNames(INamedTypeSymbol type, string parameter) =>
        type.GetAttributes().Any(a => a.AttributeClass?.Name == "RouteAttribute"
            && a.ConstructorArguments.FirstOrDefault().Value is string template
            && (template.IndexOf("{" + parameter + "}", StringComparison.OrdinalIgnoreCase) >= 0
                || template.IndexOf("{" + parameter + ":", StringComparison.OrdinalIgnoreCase) >= 0
                || template.IndexOf("{" + parameter + "?", StringComparison.OrdinalIgnoreCase) >= 0
                || template.IndexOf("{*" + parameter, StringComparison.OrdinalIgnoreCase) >= 0));
}
