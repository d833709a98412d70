using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1013LlmOutputAsHtml
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LlmOutputAsHtml,
        "LLM output rendered as raw HTML or script",
        "{0} reaches {1}: model output is rendered without encoding; encode it (HtmlEncoder) or render it as text",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Markdown-to-HTML and chat UIs that render model output raw turn prompt injection into cross-site scripting (CWE-79, OWASP LLM05).");

    public const string MarkupStringType = "Microsoft.AspNetCore.Components.MarkupString";

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.AspNetCore.Mvc.Rendering.IHtmlHelper", "Raw"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.AspNetCore.Html.HtmlString", ".ctor"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, MarkupStringType, ".ctor"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.AspNetCore.Http.Results", "Content", IsHtml, "content"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.AspNetCore.Http.TypedResults", "Content", IsHtml, "content"),
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
