using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1009UntrustedSystemPrompt
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        "OM1009",
        "Untrusted data in a system or developer prompt",
        "{0} reaches {1}, a system or developer prompt; keep instructions constant and pass user text as a user message",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "Text in the system prompt carries the application's authority: untrusted text there is direct prompt injection (OWASP LLM01).");

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, TaintKind.Any, "OpenAI.Chat.SystemChatMessage", ".ctor"),
        new TaintSink(Descriptor, TaintKind.Any, "OpenAI.Chat.DeveloperChatMessage", ".ctor"),
        new TaintSink(Descriptor, TaintKind.Any, "OpenAI.Chat.ChatMessage", "CreateSystemMessage"),
        new TaintSink(Descriptor, TaintKind.Any, "OpenAI.Chat.ChatMessage", "CreateDeveloperMessage"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.Extensions.AI.ChatMessage", ".ctor", IsSystemRole, "content", "contents"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddSystemMessage"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddDeveloperMessage"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.Agents.ChatHistoryAgent", "Instructions"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.Agents.KernelAgent", "Instructions"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.Agents.AI.ChatClientAgent", ".ctor", "instructions"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.PromptTemplateConfig", ".ctor", "template"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.PromptTemplateConfig", "Template"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelFunctionFactory", "CreateFromPrompt", "promptTemplate"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelExtensions", "InvokePromptAsync", "promptTemplate"),
        new TaintSink(Descriptor, TaintKind.Any, "Microsoft.SemanticKernel.KernelExtensions", "CreateFunctionFromPrompt", "promptTemplate"));

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
