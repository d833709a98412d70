using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenModel.Analyzers.Razor;

/// <summary>
/// What runs on a request in Razor code, for the rules that care about request paths (OM1016). A component runs its
/// lifecycle methods and renders on every request (static SSR) or circuit event (interactive), and runs an event
/// handler on every click or submit: all of those are request paths. A Razor page or view renders per request.
/// </summary>
internal static class RazorRequestPaths
{
    private const string ComponentsNamespace = "Microsoft.AspNetCore.Components";

    public static bool IsRequestPath(IMethodSymbol method)
    {
        if (method.IsStatic || method.ContainingType is not { } type)
        {
            return false;
        }

        if (IsComponent(type))
        {
            return (method.IsOverride && IsLifecycle(method.Name)) || method.Name == "BuildRenderTree" || IsEventHandler(method, type);
        }

        // A Razor page or view: ExecuteAsync is the whole page; PageModel handlers are OnGet/OnPostAsync/OnPostSave…
        return (method.Name == "ExecuteAsync" && method.IsOverride && DerivesFrom(type, "RazorPageBase", "Microsoft.AspNetCore.Mvc.Razor"))
            || (method.DeclaredAccessibility == Accessibility.Public && IsPageHandlerName(method.Name) && DerivesFrom(type, "PageModel", "Microsoft.AspNetCore.Mvc.RazorPages"));
    }

    private static bool IsLifecycle(string name) => name is "OnInitialized" or "OnInitializedAsync" or "OnParametersSet" or "OnParametersSetAsync"
        or "OnAfterRender" or "OnAfterRenderAsync" or "SetParametersAsync";

    private static bool IsPageHandlerName(string name) =>
        name.StartsWith("On", System.StringComparison.Ordinal)
        && new[] { "Get", "Post", "Put", "Delete", "Patch" }.Any(verb => string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0);

    /// <summary>
    /// A component method the markup names (<c>@onclick="AskAsync"</c>, <c>OnValidSubmit="SaveAsync"</c>): the generator
    /// writes those names into BuildRenderTree, so a name in its body marks the handler without binding it.
    /// </summary>
    private static bool IsEventHandler(IMethodSymbol method, INamedTypeSymbol type)
    {
        foreach (var render in type.GetMembers("BuildRenderTree").OfType<IMethodSymbol>())
        {
            foreach (var reference in render.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax { Body: { } body }
                    && body.DescendantNodes().OfType<IdentifierNameSyntax>().Any(i => i.Identifier.ValueText == method.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsComponent(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Name == "IComponent" && i.ContainingNamespace?.ToDisplayString() == ComponentsNamespace);

    private static bool DerivesFrom(INamedTypeSymbol type, string name, string ns)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == name && current.ContainingNamespace?.ToDisplayString() == ns)
            {
                return true;
            }
        }

        return false;
    }
}
