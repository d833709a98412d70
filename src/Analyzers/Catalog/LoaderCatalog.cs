using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// The one table of public APIs that load a model, tokenizer or dataset, or bind a client to a remote model.
/// Every rule that cares about model loading reads this table; nothing else lists these APIs.
/// </summary>
internal static class LoaderCatalog
{
    private const string Ctor = CatalogEntry.Constructor;

    public static readonly ImmutableArray<CatalogEntry> Entries = ImmutableArray.Create(
        // ONNX Runtime: path, byte[] and (via the byte[] overloads) prepacked-weights constructors.
        new CatalogEntry("ONNX Runtime", "Microsoft.ML.OnnxRuntime.InferenceSession", Ctor, LoadKind.Model, "modelPath", "model"),

        // ML.NET
        new CatalogEntry("ML.NET", "Microsoft.ML.ModelOperationsCatalog", "Load", LoadKind.Model, "filePath", "stream"),
        new CatalogEntry("ML.NET", "Microsoft.ML.OnnxCatalog", "ApplyOnnxModel", LoadKind.Model, "modelFile"),
        new CatalogEntry("ML.NET", "Microsoft.ML.TensorflowCatalog", "LoadTensorFlowModel", LoadKind.Model, "modelLocation"),
        new CatalogEntry("ML.NET", "Microsoft.Extensions.ML.BuilderExtensions", "FromFile", LoadKind.Model, "filePath"),
        new CatalogEntry("ML.NET", "Microsoft.ML.TextLoaderSaverCatalog", "LoadFromTextFile", LoadKind.Dataset, "path"),
        new CatalogEntry("ML.NET", "Microsoft.ML.BinaryLoaderSaverCatalog", "LoadFromBinary", LoadKind.Dataset, "path"),
        new CatalogEntry("ML.NET", "Microsoft.ML.DataLoaderExtensions", "Load", LoadKind.Dataset, "path"),

        // TorchSharp and TorchSharp.PyBridge
        new CatalogEntry("TorchSharp", "TorchSharp.torch", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+jit", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+jit", "load_script", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+nn+Module", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_py", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_safetensors", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_checkpoint", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeOptimizerExtensions", "load_py", LoadKind.Model),

        // LLamaSharp: LLamaWeights.LoadFromFile takes the ModelParams that carry the path.
        new CatalogEntry("LLamaSharp", "LLama.Common.ModelParams", Ctor, LoadKind.Model, "modelPath"),

        // ONNX Runtime GenAI: model folders.
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.Model", Ctor, LoadKind.Model, "modelPath"),
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.Config", Ctor, LoadKind.Model, "modelPath"),

        // Microsoft.ML.Tokenizers: vocabulary files and streams.
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.TiktokenTokenizer", "Create", LoadKind.Tokenizer, "vocabFilePath", "vocabStream"),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.TiktokenTokenizer", "CreateAsync", LoadKind.Tokenizer, "vocabFilePath", "vocabStream"),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.LlamaTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.SentencePieceTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.BertTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.BertTokenizer", "CreateAsync", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.WordPieceTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.WordPieceTokenizer", "CreateAsync", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.BpeTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.CodeGenTokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.Phi2Tokenizer", "Create", LoadKind.Tokenizer),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.EnglishRobertaTokenizer", "Create", LoadKind.Tokenizer),

        // TensorFlow.NET
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Keras.Models.ModelsApi", "load_model", LoadKind.Model, "filepath"),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Session", "LoadFromSavedModel", LoadKind.Model, "path"),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Graph", "Import", LoadKind.Model),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.tensorflow+train_internal", "import_meta_graph", LoadKind.Model),

        // Remote model services: the argument is the model or deployment id.
        new CatalogEntry("OpenAI", "OpenAI.Chat.ChatClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Embeddings.EmbeddingClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Audio.AudioClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Images.ImageClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Moderations.ModerationClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Responses.OpenAIResponseClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.Responses.ResponsesClient", Ctor, LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetChatClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetEmbeddingClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetAudioClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetImageClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetModerationClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetOpenAIResponseClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("OpenAI", "OpenAI.OpenAIClient", "GetResponsesClient", LoadKind.RemoteModel, "model"),
        new CatalogEntry("Azure OpenAI", "Azure.AI.OpenAI.AzureOpenAIClient", "GetChatClient", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Azure OpenAI", "Azure.AI.OpenAI.AzureOpenAIClient", "GetEmbeddingClient", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Azure OpenAI", "Azure.AI.OpenAI.AzureOpenAIClient", "GetAudioClient", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Azure OpenAI", "Azure.AI.OpenAI.AzureOpenAIClient", "GetImageClient", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Azure OpenAI", "Azure.AI.OpenAI.AzureOpenAIClient", "GetOpenAIResponseClient", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Ollama", "OllamaSharp.OllamaApiClient", Ctor, LoadKind.RemoteModel, "defaultModel"),
        new CatalogEntry("Ollama", "Microsoft.Extensions.AI.OllamaChatClient", Ctor, LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Ollama", "Microsoft.Extensions.AI.OllamaEmbeddingGenerator", Ctor, LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions", "AddOpenAIChatCompletion", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.OpenAIServiceCollectionExtensions", "AddOpenAIChatCompletion", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.AzureOpenAIKernelBuilderExtensions", "AddAzureOpenAIChatCompletion", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.AzureOpenAIServiceCollectionExtensions", "AddAzureOpenAIChatCompletion", LoadKind.RemoteModel, "deploymentName"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.OllamaKernelBuilderExtensions", "AddOllamaChatCompletion", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.HuggingFaceKernelBuilderExtensions", "AddHuggingFaceChatCompletion", LoadKind.RemoteModel, "model"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIChatCompletionService", Ctor, LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.Connectors.HuggingFace.HuggingFaceChatCompletionService", Ctor, LoadKind.RemoteModel, "model"),

        // Raw reads count only for files with model or dataset extensions (see ArtifactExtensions).
        new CatalogEntry(".NET", "System.IO.File", "ReadAllBytes", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadAllBytesAsync", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadAllText", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadAllTextAsync", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadAllLines", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadAllLinesAsync", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadLines", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "ReadLinesAsync", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "OpenRead", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "OpenText", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.File", "Open", LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.FileStream", Ctor, LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.StreamReader", Ctor, LoadKind.RawRead, "path"),
        new CatalogEntry(".NET", "System.IO.MemoryMappedFiles.MemoryMappedFile", "CreateFromFile", LoadKind.RawRead, "path"));

    private static readonly Dictionary<string, CatalogEntry[]> ByMember = Entries
        .GroupBy(e => e.Member, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>The catalogue entry for a called method or constructor, if any. Cheap for the common miss: one dictionary probe.</summary>
    public static CatalogEntry? Find(IMethodSymbol method)
    {
        var member = method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name;
        if (!ByMember.TryGetValue(member, out var candidates))
        {
            return null;
        }

        var typeName = MetadataName(method.OriginalDefinition.ContainingType);
        foreach (var entry in candidates)
        {
            if (string.Equals(entry.TypeMetadataName, typeName, StringComparison.Ordinal))
            {
                return entry;
            }
        }

        return null;
    }

    public static string MetadataName(INamedTypeSymbol type)
    {
        if (type.ContainingType is { } outer)
        {
            return MetadataName(outer) + "+" + type.MetadataName;
        }

        var ns = type.ContainingNamespace;
        return ns is null || ns.IsGlobalNamespace ? type.MetadataName : ns.ToDisplayString() + "." + type.MetadataName;
    }
}
