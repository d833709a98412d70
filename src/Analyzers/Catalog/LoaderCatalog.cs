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
        new CatalogEntry("ML.NET", "Microsoft.ML.Data.DatabaseLoader", "Load", LoadKind.Dataset, CatalogMatch.ParameterObject, "source"),

        // TorchSharp and TorchSharp.PyBridge
        new CatalogEntry("TorchSharp", "TorchSharp.torch", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+jit", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+jit", "load_script", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.torch+nn+Module", "load", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_py", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_safetensors", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeModuleExtensions", "load_checkpoint", LoadKind.Model),
        new CatalogEntry("TorchSharp", "TorchSharp.PyBridge.PyBridgeOptimizerExtensions", "load_py", LoadKind.Model),
        new CatalogEntry("TorchVision", "TorchSharp.torchvision+datasets", "*", LoadKind.Dataset, CatalogMatch.AnyMember, "root"),
        new CatalogEntry("TorchAudio", "TorchSharp.torchaudio+datasets", "*", LoadKind.Dataset, CatalogMatch.AnyMember, "root"),

        // LLamaSharp: the weights are opened by LoadFromFile; ModelParams only carries the path (see Carriers).
        new CatalogEntry("LLamaSharp", "LLama.LLamaWeights", "LoadFromFile", LoadKind.Model, CatalogMatch.ParameterObject, "params"),
        new CatalogEntry("LLamaSharp", "LLama.LLamaWeights", "LoadFromFileAsync", LoadKind.Model, CatalogMatch.ParameterObject, "params"),
        new CatalogEntry("LLamaSharp", "LLama.LLavaWeights", "LoadFromFile", LoadKind.Model, "mmProject"),
        new CatalogEntry("LLamaSharp", "LLama.LLavaWeights", "LoadFromFileAsync", LoadKind.Model, "mmProject"),
        new CatalogEntry("LLamaSharp", "LLama.Native.SafeLlamaModelHandle", "LoadFromFile", LoadKind.Model, "modelPath"),
        new CatalogEntry("LLamaSharp", "LLama.Native.SafeLlavaModelHandle", "LoadFromFile", LoadKind.Model, "modelPath"),
        // LLamaSharp 0.2x: MtmdWeights replaces LLavaWeights for multimodal projectors; LoRA adapters load from a file.
        new CatalogEntry("LLamaSharp", "LLama.MtmdWeights", "LoadFromFile", LoadKind.Model, "mmProject"),
        new CatalogEntry("LLamaSharp", "LLama.MtmdWeights", "LoadFromFileAsync", LoadKind.Model, "mmProject"),
        new CatalogEntry("LLamaSharp", "LLama.Native.SafeMtmdModelHandle", "LoadFromFile", LoadKind.Model, "modelPath"),
        new CatalogEntry("LLamaSharp", "LLama.Native.SafeLlamaModelHandle", "LoadLoraFromFile", LoadKind.Model, "path"),

        // ONNX Runtime GenAI: model folders, opened by Model (from a path or a Config); tokenizers and LoRA adapters.
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.Model", Ctor, LoadKind.Model, CatalogMatch.ParameterObject, "modelPath", "config"),
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.Tokenizer", Ctor, LoadKind.Tokenizer, CatalogMatch.ParameterObject, "model"),
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.Adapters", "LoadAdapter", LoadKind.Model, "adapterFilePath"),
        new CatalogEntry("ONNX Runtime GenAI", "Microsoft.ML.OnnxRuntimeGenAI.OnnxRuntimeGenAIChatClient", Ctor, LoadKind.Model, CatalogMatch.ParameterObject, "modelPath", "model", "config"),

        // Microsoft.ML.GenAI: every causal LM and tokenizer helper loads from a folder (tokenizers by type name).
        new CatalogEntry("Microsoft.ML.GenAI", "Microsoft.ML.GenAI", "FromPretrained", LoadKind.Model, CatalogMatch.Namespace),

        // Semantic Kernel ONNX connectors and local-model registrations.
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel", "AddOnnxRuntimeGenAIChatCompletion", LoadKind.Model, CatalogMatch.Namespace, "modelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel", "AddOnnxRuntimeGenAIChatClient", LoadKind.Model, CatalogMatch.Namespace, "modelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel", "AddBertOnnxTextEmbeddingGeneration", LoadKind.Model, CatalogMatch.Namespace, "onnxModelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel", "AddBertOnnxEmbeddingGenerator", LoadKind.Model, CatalogMatch.Namespace, "onnxModelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.Connectors.Onnx.BertOnnxTextEmbeddingGenerationService", "Create", LoadKind.Model, "onnxModelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.Connectors.Onnx.BertOnnxTextEmbeddingGenerationService", "CreateAsync", LoadKind.Model, "onnxModelPath"),
        new CatalogEntry("Semantic Kernel", "Microsoft.SemanticKernel.Connectors.Onnx.OnnxRuntimeGenAIChatCompletionService", Ctor, LoadKind.Model, "modelPath"),

        // Whisper.net, YoloDotNet (options object) and PaddleSharp model folders.
        new CatalogEntry("Whisper.net", "Whisper.net.WhisperFactory", "FromPath", LoadKind.Model, "path"),
        new CatalogEntry("Whisper.net", "Whisper.net.WhisperFactory", "FromBuffer", LoadKind.Model, "buffer", "memory"),
        new CatalogEntry("YoloDotNet", "YoloDotNet.Yolo", Ctor, LoadKind.Model, CatalogMatch.ParameterObject, "options"),
        new CatalogEntry("PaddleSharp", "Sdcb.PaddleInference.PaddleConfig", "FromModelDir", LoadKind.Model),
        new CatalogEntry("PaddleSharp", "Sdcb.PaddleInference.PaddleConfig", "FromModelFiles", LoadKind.Model),
        new CatalogEntry("PaddleSharp", "Sdcb.PaddleInference.PaddleConfig", "FromMemoryModel", LoadKind.Model, "programBuffer"),
        new CatalogEntry("PaddleSharp", "Sdcb.PaddleOCR.Models", "FromDirectory", LoadKind.Model, CatalogMatch.Namespace),

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

        // Tokenizers created for a model or encoding name load vocabulary data shipped in a package.
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.TiktokenTokenizer", "CreateForModel", LoadKind.Tokenizer, "modelName"),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.TiktokenTokenizer", "CreateForModelAsync", LoadKind.Tokenizer, "modelName"),
        new CatalogEntry("Microsoft.ML.Tokenizers", "Microsoft.ML.Tokenizers.TiktokenTokenizer", "CreateForEncoding", LoadKind.Tokenizer, "encodingName"),

        // TensorFlow.NET
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Keras.Models.ModelsApi", "load_model", LoadKind.Model, "filepath"),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Session", "LoadFromSavedModel", LoadKind.Model, "path"),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Graph", "Import", LoadKind.Model),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.tensorflow+train_internal", "import_meta_graph", LoadKind.Model),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.Keras.Saving.SavedModel.KerasLoader", "load", LoadKind.Model),
        new CatalogEntry("TensorFlow.NET", "Tensorflow.tensorflow+saved_model_internal", "load", LoadKind.Model),

        // GraphDef.Parser.ParseFrom(bytes): protobuf parsing counts only for TensorFlow graph messages (see Find).
        new CatalogEntry("TensorFlow.NET", ProtobufParser, "ParseFrom", LoadKind.Model),

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
        // LlmTornado's client names a provider and a key; the model is named on each request or agent.
        new CatalogEntry("LlmTornado", "LlmTornado.TornadoApi", Ctor, LoadKind.RemoteModel, CatalogEntry.NoModelParameter),
        new CatalogEntry("Ollama", "Microsoft.Extensions.AI.OllamaChatClient", Ctor, LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Ollama", "Microsoft.Extensions.AI.OllamaEmbeddingGenerator", Ctor, LoadKind.RemoteModel, "modelId"),

        // Microsoft.Extensions.AI adapters that name the model (dotnet/ai-samples): the 9.x previews' OpenAIClient and
        // AzureOpenAIClient extensions, and the Azure AI Inference one. The overloads over a ChatClient or
        // EmbeddingClient take no model id: that client's own creation (GetChatClient) is the site.
        new CatalogEntry("Microsoft.Extensions.AI", "Microsoft.Extensions.AI.OpenAIClientExtensions", "AsChatClient", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Microsoft.Extensions.AI", "Microsoft.Extensions.AI.OpenAIClientExtensions", "AsEmbeddingGenerator", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Microsoft.Extensions.AI", "Microsoft.Extensions.AI.AzureAIInferenceExtensions", "AsChatClient", LoadKind.RemoteModel, "modelId"),
        new CatalogEntry("Microsoft.Extensions.AI", "Microsoft.Extensions.AI.AzureAIInferenceExtensions", "AsIChatClient", LoadKind.RemoteModel, "modelId"),
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

    /// <summary>
    /// Options objects that only carry a path to the loader that opens it: the constructor parameters and properties
    /// that hold the path, and the nested options object some loaders take instead (Model(Config)). An entry with no
    /// path member (DatabaseSource) names a source that is not a file.
    /// </summary>
    public static readonly ImmutableDictionary<string, (ImmutableArray<string> Parameters, ImmutableArray<string> Properties)> Carriers =
        new Dictionary<string, (ImmutableArray<string>, ImmutableArray<string>)>(StringComparer.Ordinal)
        {
            ["LLama.Common.ModelParams"] = (ImmutableArray.Create("modelPath"), ImmutableArray.Create("ModelPath")),
            ["Microsoft.ML.OnnxRuntimeGenAI.Config"] = (ImmutableArray.Create("modelPath", "configPath"), ImmutableArray<string>.Empty),
            ["Microsoft.ML.OnnxRuntimeGenAI.Model"] = (ImmutableArray.Create("modelPath", "config"), ImmutableArray<string>.Empty),
            ["YoloDotNet.Models.YoloOptions"] = (ImmutableArray<string>.Empty, ImmutableArray.Create("OnnxModel")),
            ["Microsoft.ML.Data.DatabaseSource"] = (ImmutableArray<string>.Empty, ImmutableArray<string>.Empty),
        }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Options properties that hand the loader a model another object has already opened (YoloDotNet 3's execution
    /// provider creates the inference session itself): an options object that sets one and no path member loads nothing.
    /// </summary>
    public static readonly ImmutableDictionary<string, string> LoadedElsewhere =
        ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[] { new KeyValuePair<string, string>("YoloDotNet.Models.YoloOptions", "ExecutionProvider") });

    private const string ProtobufParser = "Google.Protobuf.MessageParser`1";

    private static readonly ImmutableHashSet<string> TensorFlowGraphMessages = ImmutableHashSet.Create("GraphDef", "MetaGraphDef", "SavedModel");

    private static readonly Dictionary<string, CatalogEntry[]> ByMember = Entries
        .Where(e => e.Match != CatalogMatch.AnyMember)
        .GroupBy(e => e.Member, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    private static readonly Dictionary<string, CatalogEntry> ByType = Entries
        .Where(e => e.Match == CatalogMatch.AnyMember)
        .ToDictionary(e => e.TypeMetadataName, e => e, StringComparer.Ordinal);

    /// <summary>
    /// The catalogue entry for a called method or constructor, if any: declared on the catalogued type, overriding its
    /// member, or bound to an interface the catalogued type implements (keras.models is an IModelsApi). Cheap for the
    /// common miss: one dictionary probe on the simple name.
    /// </summary>
    public static CatalogEntry? Find(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return null;
        }

        var member = method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name;
        if (!ByMember.TryGetValue(member, out var candidates))
        {
            return AnyMember(method);
        }

        for (var current = method; current is not null; current = current.OverriddenMethod)
        {
            if (Match(candidates, current) is { } entry)
            {
                return entry;
            }
        }

        // Bound to an interface: the catalogued implementation lives beside it, in the interface's assembly.
        if (type.TypeKind == TypeKind.Interface)
        {
            foreach (var entry in candidates.Where(e => e.Match is CatalogMatch.Type or CatalogMatch.ParameterObject))
            {
                if (type.ContainingAssembly?.GetTypeByMetadataName(entry.TypeMetadataName) is { } implementation
                    && implementation.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, type.OriginalDefinition)))
                {
                    return entry;
                }
            }
        }

        return AnyMember(method);
    }

    private static CatalogEntry? AnyMember(IMethodSymbol method) =>
        method.IsStatic && method.ContainingType.ContainingType is not null && ByType.TryGetValue(MetadataName(method.ContainingType.OriginalDefinition), out var entry) ? entry
        : NativeLoader(method);

    /// <summary>Native entry points that open weights, as a library's own interop calls them (names with '_' removed, lower case).</summary>
    private static readonly string[] NativeLoaderNames = ["initfromfile", "loadfromfile", "modelloadfromfile", "loadmodelfromfile", "modelfromfile", "configsetmodel", "adapterlorainit"];

    /// <summary>Native helpers that read an input for the model, not weights (mtmd_helper_bitmap_init_from_file: an image or audio file).</summary>
    private static readonly string[] NativeMediaWords = ["bitmap", "image", "audio"];

    private static readonly CatalogEntry NativeModelLoader = new("native", string.Empty, "*", LoadKind.Model, CatalogMatch.Native);

    /// <summary>
    /// whisper_init_from_file_with_params, llama_model_load_from_file, llama_adapter_lora_init, PD_ConfigSetModel…: an
    /// extern method, or the Invoke of a delegate type bound to one, whose name says it opens a model file.
    /// </summary>
    private static CatalogEntry? NativeLoader(IMethodSymbol method)
    {
        // Cheap name test first: this runs for every call that matched nothing else.
        var name = method.MethodKind == MethodKind.DelegateInvoke ? method.ContainingType.Name : method.Name;
        if (name.IndexOf('_') < 0 && !name.StartsWith("PD", StringComparison.Ordinal))
        {
            return null;
        }

        var normalized = name.Replace("_", string.Empty).ToLowerInvariant();
        if (!NativeLoaderNames.Any(n => normalized.IndexOf(n, StringComparison.Ordinal) >= 0)
            || NativeMediaWords.Any(w => normalized.IndexOf(w, StringComparison.Ordinal) >= 0))
        {
            return null;
        }

        return method.MethodKind == MethodKind.DelegateInvoke || method.IsExtern || method.GetAttributes().Any(a => a.AttributeClass?.Name == "LibraryImportAttribute")
            ? NativeModelLoader
            : null;
    }

    private static CatalogEntry? Match(CatalogEntry[] candidates, IMethodSymbol method)
    {
        var type = method.ContainingType;
        var definition = type.OriginalDefinition;

        // The full metadata name (namespace display string and all) is built only when an entry's simple name is the
        // type's: every constructor call of the compilation comes through here.
        string? typeName = null;
        foreach (var entry in candidates)
        {
            switch (entry.Match)
            {
                case CatalogMatch.Type or CatalogMatch.ParameterObject
                    when string.Equals(entry.TypeName, definition.Name, StringComparison.Ordinal)
                        && string.Equals(entry.TypeMetadataName, typeName ??= MetadataName(definition), StringComparison.Ordinal):
                    return entry.TypeMetadataName != ProtobufParser || IsTensorFlowGraph(type) ? entry : null;
                case CatalogMatch.Namespace when InNamespace(type, entry.TypeMetadataName):
                    return type.Name.IndexOf("Tokenizer", StringComparison.Ordinal) >= 0 ? entry.WithKind(LoadKind.Tokenizer) : entry;
            }
        }

        return null;
    }

    /// <summary>MessageParser&lt;GraphDef&gt; and friends: the TensorFlow graph and SavedModel protobuf messages.</summary>
    private static bool IsTensorFlowGraph(INamedTypeSymbol parser) =>
        parser.TypeArguments.Length == 1
        && parser.TypeArguments[0] is INamedTypeSymbol message
        && TensorFlowGraphMessages.Contains(message.Name)
        && message.ContainingNamespace?.ToDisplayString().StartsWith("Tensorflow", StringComparison.Ordinal) == true;

    private static bool InNamespace(INamedTypeSymbol type, string prefix)
    {
        var ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
        return ns.StartsWith(prefix, StringComparison.Ordinal) && (ns.Length == prefix.Length || ns[prefix.Length] == '.');
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
