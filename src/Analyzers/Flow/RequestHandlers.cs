using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// Recognises the parameters ASP.NET Core binds from a request: minimal-API handler lambdas, controller actions, and
/// any parameter marked [FromBody]/[FromQuery]/[FromRoute]/[FromForm]/[FromHeader]. Services injected into handlers are not input.
/// </summary>
internal static class RequestHandlers
{
    public static bool IsBoundFromRequest(IParameterSymbol parameter)
    {
        // Asked for every parameter reference of every block the taint rules look at (hundreds of __builder references
        // in a Razor component's BuildRenderTree): no allocation on the way.
        var bound = false;
        foreach (var attribute in parameter.GetAttributes())
        {
            switch (attribute.AttributeClass?.Name)
            {
                case "FromServicesAttribute" or "FromKeyedServicesAttribute":
                    return false;
                case "FromBodyAttribute" or "FromQueryAttribute" or "FromRouteAttribute" or "FromFormAttribute" or "FromHeaderAttribute" or "AsParametersAttribute":
                    bound = true;
                    break;
            }
        }

        if (bound)
        {
            return true;
        }

        return parameter.ContainingSymbol is IMethodSymbol method && IsControllerAction(method) && IsBindable(parameter.Type);
    }

    /// <summary>The lambda handed to MapGet/MapPost/… as its request delegate.</summary>
    public static bool IsMinimalApiHandler(IAnonymousFunctionOperation lambda)
    {
        // lambda → Func<…> (its natural type) → Delegate → the handler argument of MapGet/MapPost/…
        var parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation)
        {
            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation }
            && invocation.TargetMethod.Name.StartsWith("Map", System.StringComparison.Ordinal)
            && invocation.TargetMethod.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Builder";
    }

    /// <summary>Strings and request DTOs carry input; numbers cannot carry a path or markup, and services are not bound.</summary>
    public static bool IsBindable(ITypeSymbol type)
    {
        switch (type)
        {
            case { SpecialType: SpecialType.System_String or SpecialType.System_Object }:
                return true;
            case IArrayTypeSymbol array:
                return IsBindable(array.ElementType);
            case INamedTypeSymbol { IsValueType: true }:
                return false;
            case INamedTypeSymbol { TypeKind: TypeKind.Interface } named:
                return named.Name is "IFormFile" or "IFormFileCollection" or "IFormCollection";
            case INamedTypeSymbol named when named.Locations.Any(l => l.IsInSource):
                // A request DTO has settable or init properties; a service has constructor dependencies instead.
                return named.GetMembers().OfType<IPropertySymbol>().Any(p => p.DeclaredAccessibility == Accessibility.Public && p.SetMethod is not null)
                    && !named.InstanceConstructors.Any(c => c.Parameters.Any(p => p.Type.TypeKind == TypeKind.Interface));
            case INamedTypeSymbol named:
                return named.Name is "HttpRequest" or "IFormFile";
            default:
                return false;
        }
    }

    public static bool IsControllerAction(IMethodSymbol method)
    {
        if (method.MethodKind != MethodKind.Ordinary || method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
            || method.GetAttributes().Any(a => a.AttributeClass?.Name == "NonActionAttribute"))
        {
            return false;
        }

        for (var type = method.ContainingType; type is not null; type = type.BaseType)
        {
            if (type.Name is "ControllerBase" && type.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc")
            {
                return true;
            }
        }

        return false;
    }
}
