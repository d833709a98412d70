using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Razor;

/// <summary>
/// What runs on a request in Razor code, for the rules that care about request paths (OM1016). A component runs its
/// lifecycle methods on every request (static SSR) or circuit event (interactive), and an event handler on every
/// click or submit: those are request paths, as are the handler lambdas written in the markup. A Razor page or view
/// runs its whole body per request, and a PageModel its OnGet/OnPost handlers.
/// </summary>
internal static class RazorRequestPaths
{
    public static bool IsRequestPath(IMethodSymbol method)
    {
        if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.ContainingType is not { } type)
        {
            return false;
        }

        if (IsComponent(type))
        {
            return (method.IsOverride && IsLifecycle(method.Name)) || IsMarkup(method) || IsEventHandler(method, type);
        }

        // A Razor page or view: ExecuteAsync is the whole page; PageModel handlers are OnGet/OnPostAsync/OnPostSave…
        return (method.Name == "ExecuteAsync" && method.IsOverride && DerivesFrom(type, "RazorPageBase", "Microsoft", "AspNetCore", "Mvc", "Razor"))
            || (method.DeclaredAccessibility == Accessibility.Public && IsPageHandlerName(method.Name) && DerivesFrom(type, "PageModel", "Microsoft", "AspNetCore", "Mvc", "RazorPages"));
    }

    /// <summary>
    /// A component's markup: BuildRenderTree runs on every render, which a request (static SSR) or any circuit event
    /// (interactive) causes, so a model call written in <c>@(…)</c> or <c>@{ }</c> runs that often. The handler lambdas
    /// written in the markup are request paths of their own (<see cref="IsMarkupHandler"/>), so a pass over the markup
    /// leaves out what <see cref="InMarkupHandler"/> says they hold.
    /// </summary>
    public static bool IsMarkup(IMethodSymbol method) =>
        method is { Name: "BuildRenderTree", IsOverride: true, ContainingType: { } type } && IsComponent(type);

    /// <summary>Whether the generator, not the user, wrote <paramref name="operation"/> of a Razor tree.</summary>
    public static bool IsGeneratorCode(IOperation operation) => RazorGeneratedCode.IsGeneratorCode(operation.Syntax.SyntaxTree, operation.Syntax.SpanStart);

    /// <summary>Whether <paramref name="operation"/> of a component's markup is inside a lambda the user wrote there.</summary>
    public static bool InMarkupHandler(IOperation operation)
    {
        for (var parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation lambda && RazorGeneratedCode.IsUserCode(lambda.Syntax.SyntaxTree, lambda.Syntax.SpanStart))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A handler written in the markup, <c>@onclick="async () => await AskAsync(q)"</c>: an outermost lambda the user wrote
    /// in a component's BuildRenderTree. The rest of BuildRenderTree is the generator's rendering code, which is large and
    /// makes no model calls of its own, so it is not analysed as a whole.
    /// </summary>
    public static bool IsMarkupHandler(IAnonymousFunctionOperation lambda, ISymbol containingSymbol)
    {
        if (containingSymbol is not IMethodSymbol { Name: "BuildRenderTree", ContainingType: { } type } || !IsComponent(type))
        {
            return false;
        }

        for (var parent = lambda.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation outer && RazorGeneratedCode.IsUserCode(outer.Syntax.SyntaxTree, outer.Syntax.SpanStart))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLifecycle(string name) => name is "OnInitialized" or "OnInitializedAsync" or "OnParametersSet" or "OnParametersSetAsync"
        or "OnAfterRender" or "OnAfterRenderAsync" or "SetParametersAsync";

    private static bool IsPageHandlerName(string name) =>
        name.StartsWith("On", System.StringComparison.Ordinal)
        && new[] { "Get", "Post", "Put", "Delete", "Patch" }.Any(verb => string.CompareOrdinal(name, 2, verb, 0, verb.Length) == 0);

    /// <summary>
    /// A component method the markup names (<c>@onclick="AskAsync"</c>, <c>OnValidSubmit="SaveAsync"</c>): the generator
    /// writes those names into BuildRenderTree as identifiers, so the method's name in its text marks the handler.
    /// BuildRenderTree itself is not one, although its declaration names it.
    /// </summary>
    /// <remarks>
    /// Text, not syntax nodes or binding: BuildRenderTree is the largest method of a component, and walking its nodes
    /// or tokens for every method of the component cost more than all the rules together. The text is the tree's own
    /// (no copy), searched within the span of BuildRenderTree. A name that only appears inside a string there (literal
    /// markup) also counts: a component method is then treated as a request path, which it almost always is.
    /// </remarks>
    private static bool IsEventHandler(IMethodSymbol method, INamedTypeSymbol type)
    {
        if (method.Name == "BuildRenderTree")
        {
            return false;
        }

        foreach (var render in type.GetMembers("BuildRenderTree"))
        {
            foreach (var reference in render.DeclaringSyntaxReferences)
            {
                if (ContainsIdentifier(TreeText.GetValue(reference.SyntaxTree, tree => tree.GetText().ToString()), reference.Span.Start, reference.Span.End, method.Name))
                {
                    return true;
                }
            }
        }

        return false;
    }

    // Once per tree, which every compilation of the same source shares.
    private static readonly ConditionalWeakTable<SyntaxTree, string> TreeText = new();

    private static bool ContainsIdentifier(string text, int start, int end, string name)
    {
        for (var at = text.IndexOf(name, start, end - start, System.StringComparison.Ordinal); at >= 0 && at + name.Length <= end;
             at = at + 1 < end ? text.IndexOf(name, at + 1, end - at - 1, System.StringComparison.Ordinal) : -1)
        {
            var after = at + name.Length;
            if ((at == 0 || !IsIdentifierChar(text[at - 1])) && (after == text.Length || !IsIdentifierChar(text[after])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    public static bool IsComponent(INamedTypeSymbol type) =>
        type.AllInterfaces.Any(i => i.Name == "IComponent" && IsNamespace(i.ContainingNamespace, "Microsoft", "AspNetCore", "Components"));

    // Compares names part by part: this runs for every method body, and ToDisplayString would allocate each time.
    private static bool IsNamespace(INamespaceSymbol? ns, params string[] parts)
    {
        for (var i = parts.Length - 1; i >= 0; i--, ns = ns.ContainingNamespace)
        {
            if (ns is null || ns.Name != parts[i])
            {
                return false;
            }
        }

        return ns is { IsGlobalNamespace: true };
    }

    private static bool DerivesFrom(INamedTypeSymbol type, string name, params string[] ns)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == name && IsNamespace(current.ContainingNamespace, ns))
            {
                return true;
            }
        }

        return false;
    }
}
