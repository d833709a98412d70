using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;

namespace OpenModel.Analyzers.Flow;

/// <summary>Calls that run a model: text generation (with the option that bounds its output) and local inference.</summary>
internal static class ModelCalls
{
    private static readonly ImmutableDictionary<string, string> Generation = ImmutableDictionary.CreateRange(new[]
    {
        Pair("OpenAI.Chat.ChatClient.CompleteChat", "MaxOutputTokenCount"),
        Pair("OpenAI.Chat.ChatClient.CompleteChatAsync", "MaxOutputTokenCount"),
        Pair("OpenAI.Chat.ChatClient.CompleteChatStreaming", "MaxOutputTokenCount"),
        Pair("OpenAI.Chat.ChatClient.CompleteChatStreamingAsync", "MaxOutputTokenCount"),
        Pair("Microsoft.Extensions.AI.IChatClient.GetResponseAsync", "MaxOutputTokens"),
        Pair("Microsoft.Extensions.AI.IChatClient.GetStreamingResponseAsync", "MaxOutputTokens"),
        Pair("Microsoft.Extensions.AI.ChatClientExtensions.GetResponseAsync", "MaxOutputTokens"),
        Pair("Microsoft.Extensions.AI.ChatClientExtensions.GetStreamingResponseAsync", "MaxOutputTokens"),
        Pair("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService.GetChatMessageContentsAsync", "MaxTokens"),
        Pair("Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions.GetChatMessageContentAsync", "MaxTokens"),
        Pair("Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync", "MaxTokens"),
        Pair("LLama.Abstractions.ILLamaExecutor.InferAsync", "MaxTokens"),
        Pair("LLama.InteractiveExecutor.InferAsync", "MaxTokens"),
        Pair("LLama.StatelessExecutor.InferAsync", "MaxTokens"),
    });

    // Every call in a block is asked (a component's markup holds thousands): the method name rejects almost all of them
    // before a qualified name is built or the type's interfaces are walked, and the interface lookup uses the same name.
    private static readonly MemberSet GenerationMembers = new(Generation.Keys.ToArray());

    private static readonly MemberSet LocalInference = new(
        "Microsoft.ML.OnnxRuntime.InferenceSession.Run", "Microsoft.ML.OnnxRuntime.InferenceSession.RunAsync",
        "Microsoft.ML.PredictionEngineBase`2.Predict", "Microsoft.ML.PredictionEngine`2.Predict",
        "Microsoft.Extensions.ML.PredictionEnginePool`2.Predict", "Microsoft.ML.OnnxRuntimeGenAI.Generator.GenerateNextToken");

    /// <summary>The option property that bounds the output of this generation call, or null when it is not one.</summary>
    public static string? OutputLimitOf(IMethodSymbol method)
    {
        if (!GenerationMembers.ContainsName(method.Name))
        {
            return null;
        }

        if (Generation.TryGetValue(MemberSet.QualifiedName(method), out var limit))
        {
            return limit;
        }

        // Interface calls through implementations (OpenAIChatClient : IChatClient) count as the interface's.
        foreach (var implemented in method.ContainingType?.AllInterfaces ?? ImmutableArray<INamedTypeSymbol>.Empty)
        {
            if (Generation.TryGetValue(LoaderCatalog.MetadataName(implemented.OriginalDefinition) + "." + method.Name, out limit))
            {
                return limit;
            }
        }

        return null;
    }

    public static bool RunsModel(IMethodSymbol method) => OutputLimitOf(method) is not null || LocalInference.Contains(method);

    /// <summary>Whether a block, or a method it calls in this compilation, runs a model.</summary>
    public static bool RunsModel(IOperation block, Compilation compilation, System.Threading.CancellationToken cancellationToken, int depth = 0)
    {
        foreach (var call in block.DescendantsAndSelf().OfType<IInvocationOperation>())
        {
            if (RunsModel(call.TargetMethod))
            {
                return true;
            }

            // One level deep, only for request handlers; a callee in a built assembly is not followed.
            if (depth < 1 && Resolution.SourceModels.BodyOf(call.TargetMethod, compilation, cancellationToken) is (var body, _)
                && RunsModel(body, compilation, cancellationToken, depth + 1))
            {
                return true;
            }
        }

        return false;
    }

    private static System.Collections.Generic.KeyValuePair<string, string> Pair(string method, string limit) => new(method, limit);
}
