using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1009UntrustedSystemPrompt
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.UntrustedSystemPrompt,
        "Untrusted data in a system or developer prompt",
        "{0} reaches {1}, a system or developer prompt; keep instructions constant and pass user text as a user message",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "Text in the system prompt carries the application's authority: untrusted text there is direct prompt injection (OWASP LLM01).");

    /// <summary>A system or developer message: request data, LLM output, database rows and third-party text must not write it.</summary>
    private const TaintKind SystemText = TaintKind.Any | TaintKind.External;

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, SystemText, "OpenAI.Chat.SystemChatMessage", ".ctor"),
        new TaintSink(Descriptor, SystemText, "OpenAI.Chat.DeveloperChatMessage", ".ctor"),
        new TaintSink(Descriptor, SystemText, "OpenAI.Chat.ChatMessage", "CreateSystemMessage"),
        new TaintSink(Descriptor, SystemText, "OpenAI.Chat.ChatMessage", "CreateDeveloperMessage"),
        new TaintSink(Descriptor, SystemText, "Microsoft.Extensions.AI.ChatMessage", ".ctor", IsSystemRole, "content", "contents"),
        new TaintSink(Descriptor, SystemText, "Microsoft.Extensions.AI.ChatOptions", "Instructions"),
        new TaintSink(Descriptor, SystemText, "Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddSystemMessage"),
        new TaintSink(Descriptor, SystemText, "Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddDeveloperMessage"),
        new TaintSink(Descriptor, SystemText, "Microsoft.SemanticKernel.Agents.ChatHistoryAgent", "Instructions"),
        new TaintSink(Descriptor, SystemText, "Microsoft.SemanticKernel.Agents.KernelAgent", "Instructions"),
        new TaintSink(Descriptor, SystemText, "Microsoft.Agents.AI.ChatClientAgent", ".ctor", "instructions"),

        // The role itself chosen by the request or the model: whoever picks it can write a system message.
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.Extensions.AI.ChatRole", ".ctor", "value"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.ChatCompletion.AuthorRole", ".ctor", "label"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.PromptTemplateConfig", ".ctor", "template"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.PromptTemplateConfig", "Template"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelFunctionFactory", "CreateFromPrompt", "promptTemplate"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelExtensions", "InvokePromptAsync", "promptTemplate"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelExtensions", "CreateFunctionFromPrompt", "promptTemplate"));

    /// <summary>A chat request written as JSON by hand: the holes inside its system message's content.</summary>
    public static TaintSink JsonSystemMessage { get; } = new(Descriptor, SystemText, "JSON", "the system message of a hand-written JSON chat request");

    /// <summary>
    /// The holes of an interpolated JSON prompt that sit in a system message: after a <c>"role": "system"</c> (or
    /// developer) part and before the next role.
    /// </summary>
    public static IEnumerable<IOperation> SystemHoles(IInterpolatedStringOperation interpolated)
    {
        var inSystem = false;
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string text } }:
                    var role = text.LastIndexOf("\"role\"", System.StringComparison.Ordinal);
                    if (role >= 0)
                    {
                        var after = text.Substring(role);
                        inSystem = after.IndexOf("\"system\"", System.StringComparison.Ordinal) >= 0 || after.IndexOf("\"developer\"", System.StringComparison.Ordinal) >= 0;
                    }

                    break;
                case IInterpolationOperation hole when inSystem:
                    yield return hole.Expression;
                    break;
            }
        }
    }

    private static bool IsSystemRole(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == "role" && argument.Value is IPropertyReferenceOperation { Property.Name: "System" })
            {
                return true;
            }
        }

        return false;
    }
}
