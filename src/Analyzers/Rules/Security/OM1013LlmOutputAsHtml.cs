using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1013LlmOutputAsHtml
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LlmOutputAsHtml,
        "LLM output or user input rendered as raw HTML or script",
        "{0} reaches {1}: it is rendered without encoding; encode it (HtmlEncoder) or render it as text",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Markdown-to-HTML and chat UIs that render model output or the user's own text raw turn prompt injection and typed markup into cross-site scripting (CWE-79, OWASP LLM05).");

    public const string MarkupStringType = "Microsoft.AspNetCore.Components.MarkupString";

    /// <summary>
    /// The raw-HTML sinks take HTTP input as well as LLM output: a chat UI renders what the user typed next to what the
    /// model answered, and no other rule covers request data in HTML. JS eval stays LLM output only (OM1013's script
    /// half is about model-written code).
    /// </summary>
    public const TaintKind HtmlUntrusted = TaintKind.Any;

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, HtmlUntrusted, "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", "Raw"),
        new TaintSink(Descriptor, HtmlUntrusted, "Microsoft.AspNetCore.Html.HtmlString", ".ctor"),
        new TaintSink(Descriptor, HtmlUntrusted, MarkupStringType, ".ctor"),
        new TaintSink(Descriptor, HtmlUntrusted, "Microsoft.AspNetCore.Http.Results", "Content", IsHtml, "content"),
        new TaintSink(Descriptor, HtmlUntrusted, "Microsoft.AspNetCore.Http.TypedResults", "Content", IsHtml, "content"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.JSInterop.JSRuntimeExtensions", "InvokeVoidAsync", IsEval, "args"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.JSInterop.JSRuntimeExtensions", "InvokeAsync", IsEval, "args"));

    private static bool IsHtml(ImmutableArray<IArgumentOperation> arguments) =>
        Constant(arguments, "contentType")?.IndexOf("html", System.StringComparison.OrdinalIgnoreCase) >= 0;

    private static bool IsEval(ImmutableArray<IArgumentOperation> arguments) => Constant(arguments, "identifier") is "eval" or "Function";

    private static string? Constant(ImmutableArray<IArgumentOperation> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == name && argument.Value.ConstantValue is { HasValue: true, Value: string value })
            {
                return value;
            }
        }

        return null;
    }
}
