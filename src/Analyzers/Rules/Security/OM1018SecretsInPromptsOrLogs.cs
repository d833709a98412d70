using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1018SecretsInPromptsOrLogs
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.SecretsInPromptsOrLogs,
        "Secret or personal data sent to a prompt or log",
        "{0} reaches {1}: prompts leave the process and logs are widely read; keep secrets out of prompts and log model output at Debug",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Info,
        "Connection strings, keys and personal data in prompts go to the model provider and can be echoed back (OWASP LLM02); model output logged at Information carries whatever the model was tricked into saying.");

    private const TaintKind SecretOnly = TaintKind.Secret;

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, SecretOnly, "OpenAI.Chat.UserChatMessage", ".ctor"),
        new TaintSink(Descriptor, SecretOnly, "OpenAI.Chat.SystemChatMessage", ".ctor"),
        new TaintSink(Descriptor, SecretOnly, "OpenAI.Chat.ChatMessage", "CreateUserMessage"),
        new TaintSink(Descriptor, SecretOnly, "OpenAI.Chat.ChatClient", "CompleteChat"),
        new TaintSink(Descriptor, SecretOnly, "OpenAI.Chat.ChatClient", "CompleteChatAsync"),
        new TaintSink(Descriptor, SecretOnly, "Microsoft.Extensions.AI.ChatMessage", ".ctor", "content"),
        new TaintSink(Descriptor, SecretOnly, "Microsoft.Extensions.AI.ChatClientExtensions", "GetResponseAsync", "chatMessage"),
        new TaintSink(Descriptor, SecretOnly, "Microsoft.Extensions.AI.ChatClientExtensions", "GetStreamingResponseAsync", "chatMessage"),
        new TaintSink(Descriptor, SecretOnly, "Microsoft.SemanticKernel.ChatCompletion.ChatHistory", "AddUserMessage"),
        new TaintSink(Descriptor, SecretOnly, "Microsoft.SemanticKernel.KernelExtensions", "InvokePromptAsync", "promptTemplate"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Extensions.Logging.LoggerExtensions", "LogInformation", "message", "args"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Extensions.Logging.LoggerExtensions", "LogWarning", "message", "args"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Extensions.Logging.LoggerExtensions", "LogError", "message", "args"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Extensions.Logging.LoggerExtensions", "LogCritical", "message", "args"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Extensions.Logging.LoggerExtensions", "Log", AtInformationOrAbove, "message", "args"));

    // LogLevel: Trace 0, Debug 1, Information 2, …
    private static bool AtInformationOrAbove(ImmutableArray<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Parameter?.Name == "logLevel" && argument.Value.ConstantValue is { HasValue: true, Value: int level })
            {
                return level >= 2;
            }
        }

        return false;
    }
}
