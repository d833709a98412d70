using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>One undeclared load per catalogue library, against the real package where it restores here.</summary>
public class LibraryLoadTests
{
    [Fact]
    public Task MLNet_model_load_by_path_and_stream() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.ML;
        class Predictor
        {
            void Load(MLContext ml)
            {
                var model = {|OM2001:ml.Model.Load("models/taxi.zip", out var schema)|};
                using var stream = File.OpenRead("models/fare.zip");
                var other = {|OM2001:ml.Model.Load(stream, out var schema2)|};
            }
        }
        """);

    [Fact]
    public Task MLNet_onnx_and_tensorflow_transforms() => V.AnalyzerAsync("""
        using Microsoft.ML;
        class Pipeline
        {
            void Build(MLContext ml)
            {
                var onnx = {|OM2001:ml.Transforms.ApplyOnnxModel("models/resnet.onnx")|};
                var named = {|OM2001:ml.Transforms.ApplyOnnxModel("output", "input", "models/other.onnx")|};
            }
        }
        """);

    [Fact]
    public Task TorchSharp_loaders() => V.AnalyzerAsync("""
        using TorchSharp;
        using static TorchSharp.torch;
        class Net : nn.Module<Tensor, Tensor>
        {
            public Net() : base("net") { }
            public override Tensor forward(Tensor x) => x;
        }
        class Loader
        {
            void Load()
            {
                var net = new Net();
                {|OM2001:net.load("weights/net.dat")|};
                var scripted = {|OM2001:torch.jit.load("weights/traced.pt")|};
                var tensor = {|OM2001:torch.load("weights/tensor.pt")|};
            }
        }
        """);

    [Fact]
    public Task Tokenizers_from_files_and_streams() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.ML.Tokenizers;
        class Tokens
        {
            void Create()
            {
                var bert = {|OM2001:BertTokenizer.Create("tokenizer/vocab.txt")|};
                using var stream = File.OpenRead("tokenizer/tokenizer.model");
                var llama = {|OM2001:LlamaTokenizer.Create(stream)|};
                var tiktoken = {|OM2001:TiktokenTokenizer.Create("tokenizer/cl100k.tiktoken", null, null)|};
            }
        }
        """);

    [Fact]
    public Task Tokenizer_inside_a_declared_model_folder_is_declared() => V.AnalyzerAsync("""
        using Microsoft.ML.Tokenizers;
        class Tokens
        {
            Tokenizer Create() => BertTokenizer.Create("models/bert/vocab.txt");
        }
        """, new Declared().Model("models/bert"));

    private const string LLamaSharp = """
        namespace LLama.Abstractions { public interface IModelParams { string ModelPath { get; } } }
        namespace LLama.Common
        {
            public class ModelParams : LLama.Abstractions.IModelParams
            {
                public ModelParams(string modelPath) => ModelPath = modelPath;
                public string ModelPath { get; set; }
                public uint? ContextSize { get; set; }
            }
        }
        namespace LLama
        {
            public sealed class LLamaWeights : System.IDisposable
            {
                public static LLamaWeights LoadFromFile(LLama.Abstractions.IModelParams @params) => new();
                public static System.Threading.Tasks.Task<LLamaWeights> LoadFromFileAsync(LLama.Abstractions.IModelParams @params, System.Threading.CancellationToken token = default) => System.Threading.Tasks.Task.FromResult(new LLamaWeights());
                public LLamaContext CreateContext(LLama.Abstractions.IModelParams @params) => new(this, @params);
                public void Dispose() { }
            }
            public sealed class LLavaWeights { public static LLavaWeights LoadFromFile(string mmProject) => new(); }
            public sealed class LLamaContext { public LLamaContext(LLamaWeights weights, LLama.Abstractions.IModelParams @params) { } }
            public sealed class LLamaEmbedder { public LLamaEmbedder(LLamaWeights weights, LLama.Abstractions.IModelParams @params) { } }
        }
        """;

    [Fact]
    public Task LLamaSharp_weights_are_reported_where_LoadFromFile_opens_them() => V.AnalyzerAsync("""
        using LLama;
        using LLama.Common;
        class Chat
        {
            async System.Threading.Tasks.Task Load()
            {
                var parameters = new ModelParams("models/llama-3.2-1b.Q4_K_M.gguf") { ContextSize = 4096 };
                using var weights = {|OM2001:LLamaWeights.LoadFromFile(parameters)|};
                using var other = await {|OM2001:LLamaWeights.LoadFromFileAsync(new ModelParams("models/phi.gguf"))|};
                var initialised = new ModelParams("") { ModelPath = "models/qwen.gguf" };
                using var third = {|OM2001:LLamaWeights.LoadFromFile(initialised)|};
                var projector = {|OM2001:LLavaWeights.LoadFromFile("models/llava-mmproj.gguf")|};
            }
        }
        """ + LLamaSharp);

    [Fact]
    public Task LLamaSharp_parameter_objects_alone_and_contexts_of_loaded_weights_are_not_loads() => V.AnalyzerAsync("""
        using LLama;
        using LLama.Common;
        class Chat
        {
            void Use(LLamaWeights weights)
            {
                var unused = new ModelParams("models/never-opened.gguf");
                var contextOnly = new ModelParams("") { ContextSize = 2048 };
                var context = weights.CreateContext(contextOnly);
                var embedder = new LLamaEmbedder(weights, new ModelParams(string.Empty));
                using var empty = LLamaWeights.LoadFromFile(new ModelParams(""));
            }
        }
        """ + LLamaSharp);

    [Fact]
    public async Task LLamaSharp_message_names_the_line_the_path_came_from_and_evidence_records_the_load_line()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new Rules.Transparency.UndeclaredLoadAnalyzer(), """
            class Chat
            {
                void Load()
                {
                    var parameters = new LLama.Common.ModelParams("models/llama.gguf");
                    using var weights = LLama.LLamaWeights.LoadFromFile(parameters);
                }
            }
            """ + LLamaSharp);

        var load = Assert.Single(diagnostics, d => d.Id == "OM2001");
        Assert.Equal(5, load.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("LLamaWeights.LoadFromFile(…) (path from new ModelParams(…) on line 5)", load.GetMessage());
        Assert.Contains("models/llama.gguf", load.GetMessage());
    }

    [Fact]
    public Task OnnxRuntimeGenAI_model_folders_configs_tokenizers_and_adapters() => V.AnalyzerAsync("""
        namespace Microsoft.ML.OnnxRuntimeGenAI
        {
            public class Model { public Model(string modelPath) { } public Model(Config config) { } }
            public class Config { public Config(string modelPath) { } }
            public class Tokenizer { public Tokenizer(Model model) { } }
            public class Adapters { public Adapters(Model model) { } public void LoadAdapter(string adapterFilePath, string adapterName) { } }
        }
        namespace App
        {
            using Microsoft.ML.OnnxRuntimeGenAI;
            class Generator
            {
                void Load()
                {
                    var model = {|OM2001:new Model("models/phi-3-mini")|};
                    var tokenizer = {|OM2001:new Tokenizer(model)|};
                    var config = new Config("models/phi-3.5");
                    var configured = new Model(config);
                    var adapters = new Adapters(configured);
                    {|OM2001:adapters.LoadAdapter("adapters/legal.onnx_adapter", "legal")|};
                }
            }
        }
        """, new Declared().Model("models/phi-3.5"));

    [Fact]
    public Task OnnxRuntimeGenAI_model_folder_is_declared_by_the_files_inside_it() => V.AnalyzerAsync("""
        namespace Microsoft.ML.OnnxRuntimeGenAI { public class Model { public Model(string modelPath) { } } }
        class Generator
        {
            object Load() => new Microsoft.ML.OnnxRuntimeGenAI.Model("models/phi-3.5");
        }
        """, new Declared().Model("models/phi-3.5/model.onnx").Model("models/phi-3.5/model.onnx.data"));

    [Fact]
    public Task TensorFlowNet_loaders() => V.AnalyzerAsync("""
        namespace Tensorflow
        {
            public class Session { public static Session LoadFromSavedModel(string path) => new(); }
            namespace Keras.Models { public class ModelsApi { public object load_model(string filepath, bool compile = true) => new(); } }
        }
        class Loader
        {
            void Load(Tensorflow.Keras.Models.ModelsApi models)
            {
                var session = {|OM2001:Tensorflow.Session.LoadFromSavedModel("models/saved")|};
                var keras = {|OM2001:models.load_model("models/classifier.keras")|};
            }
        }
        """);
}

public class CatalogueCoverageTests
{
    [Fact]
    public Task Tokenizers_for_a_model_name_and_MLNet_database_loader() => V.AnalyzerAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        using Microsoft.ML.Tokenizers;
        class Row { public float Value; }
        class Data
        {
            void Load(MLContext ml, System.Data.Common.DbProviderFactory factory)
            {
                var tokenizer = {|OM2001:TiktokenTokenizer.CreateForModel("gpt-4o")|};
                var loader = ml.Data.CreateDatabaseLoader<Row>();
                var rows = {|OM2004:loader.Load(new DatabaseSource(factory, "Server=.;Database=Sales", "SELECT Value FROM Sales"))|};
            }
        }
        """);

    /// <summary>A tokenizer is declared with its model, as an AIModel, but the message says a tokenizer was loaded.</summary>
    [Fact]
    public async Task Tokenizer_loads_are_reported_as_tokenizers_and_model_loads_as_models()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new Rules.Transparency.UndeclaredLoadAnalyzer(), """
            using Microsoft.ML.Tokenizers;
            class Chunking
            {
                void Load(string vocabPath)
                {
                    var forModel = TiktokenTokenizer.CreateForModel("gpt-4o");
                    var bert = BertTokenizer.Create(vocabPath);
                    var weights = System.IO.File.ReadAllBytes("models/encoder.onnx");
                }
            }
            """);

        var byLine = diagnostics.ToDictionary(d => d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.Equal("OM2001", byLine[6].Id);
        Assert.Contains("TiktokenTokenizer.CreateForModel(…) (a tokenizer) loads 'gpt-4o', which is not declared as an AIModel", byLine[6].GetMessage());
        Assert.Equal("OM2004", byLine[7].Id);
        Assert.StartsWith("The tokenizer path passed to BertTokenizer.Create(…)", byLine[7].GetMessage());
        Assert.Contains("File.ReadAllBytes(…) loads 'models/encoder.onnx', which", byLine[8].GetMessage());
    }

    [Fact]
    public Task GenAI_FromPretrained_TorchVision_datasets_and_Semantic_Kernel_ONNX_registrations() => V.AnalyzerAsync("""
        using Microsoft.SemanticKernel;
        namespace Microsoft.ML.GenAI.Phi
        {
            public class Phi3ForCasualLM { public static Phi3ForCasualLM FromPretrained(string modelFolder, string configName = "config.json") => new(); }
            public static class Phi3TokenizerHelper { public static object FromPretrained(string modelPath) => new(); }
        }
        namespace TorchSharp
        {
            public static class torchvision { public static class datasets { public static object MNIST(string root, bool train, bool download = false) => new(); } }
        }
        namespace Microsoft.SemanticKernel
        {
            public interface IKernelBuilder { }
            public static class OnnxKernelBuilderExtensions
            {
                public static IKernelBuilder AddOnnxRuntimeGenAIChatCompletion(this IKernelBuilder builder, string modelId, string modelPath, string? serviceId = null) => builder;
                public static IKernelBuilder AddBertOnnxTextEmbeddingGeneration(this IKernelBuilder builder, string onnxModelPath, string vocabPath) => builder;
            }
        }
        class Loads
        {
            void Load(Microsoft.SemanticKernel.IKernelBuilder builder)
            {
                var model = {|OM2001:Microsoft.ML.GenAI.Phi.Phi3ForCasualLM.FromPretrained("models/phi-3")|};
                var tokenizer = {|OM2001:Microsoft.ML.GenAI.Phi.Phi3TokenizerHelper.FromPretrained("models/phi-3/tokenizer.model")|};
                var mnist = {|OM2002:TorchSharp.torchvision.datasets.MNIST("data/mnist", true, download: true)|};
                {|OM2001:Microsoft.SemanticKernel.OnnxKernelBuilderExtensions.AddOnnxRuntimeGenAIChatCompletion(builder, "phi-3", "models/phi-3-onnx")|};
                {|OM2001:builder.AddBertOnnxTextEmbeddingGeneration("models/bge/model.onnx", "models/bge/vocab.txt")|};
            }
        }
        """);

    [Fact]
    public Task TensorFlow_graph_protobufs_interfaces_and_fluent_chains_are_reported_at_the_call() => V.AnalyzerAsync("""
        using Microsoft.Extensions.ML;
        namespace Google.Protobuf { public sealed class MessageParser<T> { public T ParseFrom(byte[] data) => default!; } }
        namespace Tensorflow
        {
            public sealed class GraphDef { public static Google.Protobuf.MessageParser<GraphDef> Parser { get; } = new(); }
            public sealed class Options { public static Google.Protobuf.MessageParser<Options> Parser { get; } = new(); }
            namespace Keras.Models
            {
                public interface IModelsApi { object load_model(string filepath, bool compile = true); }
                public class ModelsApi : IModelsApi { public object load_model(string filepath, bool compile = true) => new(); }
            }
        }
        class Loader
        {
            void Load(Tensorflow.Keras.Models.IModelsApi models, Microsoft.Extensions.DependencyInjection.IServiceCollection services)
            {
                var graph = {|OM2001:Tensorflow.GraphDef.Parser.ParseFrom(System.IO.File.ReadAllBytes("models/frozen.pb"))|};
                var options = Tensorflow.Options.Parser.ParseFrom(System.IO.File.ReadAllBytes("config/options.bin"));
                var keras = {|OM2001:models.load_model("models/classifier.keras")|};
                services.AddPredictionEnginePool<Input, Output>()
                    .{|OM2001:FromFile("models/sentiment.zip")|};
            }
        }
        class Input { public string Text = ""; }
        class Output { public bool Label; }
        namespace Microsoft.Extensions.ML
        {
            public sealed class PredictionEnginePoolBuilder<TData, TPrediction> { }
            public static class BuilderExtensions
            {
                public static PredictionEnginePoolBuilder<TData, TPrediction> FromFile<TData, TPrediction>(this PredictionEnginePoolBuilder<TData, TPrediction> builder, string filePath) => builder;
            }
            public static class ServiceCollectionExtensions
            {
                public static PredictionEnginePoolBuilder<TData, TPrediction> AddPredictionEnginePool<TData, TPrediction>(this Microsoft.Extensions.DependencyInjection.IServiceCollection services) => new();
            }
        }
        """);

    [Fact]
    public Task Whisper_YoloDotNet_and_PaddleSharp_loads() => V.AnalyzerAsync("""
        namespace Whisper.net
        {
            public sealed class WhisperFactory
            {
                public static WhisperFactory FromPath(string path) => new();
                public static WhisperFactory FromBuffer(System.Memory<byte> memory) => new();
            }
        }
        namespace YoloDotNet
        {
            namespace Models { public sealed class YoloOptions { public string OnnxModel { get; set; } = ""; public bool Cuda { get; set; } } }
            public sealed class Yolo { public Yolo(Models.YoloOptions options) { } }
        }
        class Loads
        {
            void Load()
            {
                var whisper = {|OM2001:Whisper.net.WhisperFactory.FromPath("models/ggml-base.bin")|};
                var buffered = System.IO.File.ReadAllBytes("models/ggml-tiny.bin");
                var fromBuffer = {|OM2001:Whisper.net.WhisperFactory.FromBuffer(buffered)|};
                var fromMemory = {|OM2004:Whisper.net.WhisperFactory.FromBuffer(new System.Memory<byte>(new byte[16]))|};
                var yolo = {|OM2001:new YoloDotNet.Yolo(new YoloDotNet.Models.YoloOptions { OnnxModel = "models/yolov8s.onnx", Cuda = false })|};
            }
        }
        """);

    /// <summary>
    /// PaddleSharp analysed as itself: its public factories forward their parameter to one another; the load is where a
    /// caller chooses the folder (or the library picks a fixed one), not the forwarding call.
    /// </summary>
    [Fact]
    public Task A_library_forwarding_its_parameter_to_its_own_catalogued_member_is_not_a_load() => V.AnalyzerAsync("""
        namespace Sdcb.PaddleOCR.Models
        {
            public sealed class RecognizationModel
            {
                public static RecognizationModel FromDirectory(string directoryPath, string labelPath) => new();
                public static RecognizationModel FromDirectoryV5(string directoryPath) => FromDirectory(directoryPath, "");
                public static RecognizationModel ChineseV5(string root) => {|OM2004:FromDirectory(System.IO.Path.Combine(root, "ch_PP-OCRv5_rec"), "")|};
                public static RecognizationModel Bundled() => {|OM2001:FromDirectory("models/ch_PP-OCRv5_rec", "")|};
            }

            public sealed class Recognizer
            {
                public Recognizer(string modelDir) => Model = {|OM2004:RecognizationModel.FromDirectory(modelDir, "")|};
                public RecognizationModel Model { get; }
            }
        }
        """);

    [Fact]
    public Task Look_alike_names_in_other_namespaces_and_UI_strings_with_extensions_are_not_loads() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        namespace MyApp
        {
            public sealed class LLamaWeights { public static LLamaWeights LoadFromFile(string path) => new(); }
            public static class datasets { public static object MNIST(string root) => new(); }
            public static class Phi3 { public static object FromPretrained(string folder) => new(); }
            class Screen
            {
                string Hint => "Open a .csv file to start";
                void Show(Action<string> print)
                {
                    var weights = LLamaWeights.LoadFromFile("models/tiny.gguf");
                    var data = datasets.MNIST("data/mnist");
                    var model = Phi3.FromPretrained("models/phi");
                    print("Export the results to results.csv");
                    print(Hint);
                    var filter = "CSV files (*.csv)|*.csv";
                    var rows = {|OM2002:File.ReadAllLines("data/input.csv")|};
                }
            }
        }
        """);

    [Fact]
    public Task Library_internal_native_loaders_are_loads_whose_path_cannot_be_verified() => V.AnalyzerAsync("""
        using System;
        using System.Runtime.InteropServices;
        static class Native
        {
            [DllImport("whisper")] public static extern IntPtr whisper_init_from_file_with_params(IntPtr path, int options);
            [DllImport("whisper")] public static extern int whisper_full(IntPtr context, int parameters);
            [DllImport("paddle_inference_c")] public static extern void PD_ConfigSetModel(IntPtr config, IntPtr programPath, IntPtr paramsPath);
            public delegate IntPtr llama_model_load_from_file(IntPtr path, int parameters);
            public static llama_model_load_from_file? Load;
            public static IntPtr read_from_file_cache(IntPtr path) => path;
            [DllImport("mtmd")] public static extern IntPtr mtmd_helper_bitmap_init_from_file(IntPtr context, IntPtr path);
        }
        class Context
        {
            IntPtr Open(string path)
            {
                var marshalled = Marshal.StringToHGlobalAnsi(path);
                var context = {|OM2004:Native.whisper_init_from_file_with_params(marshalled, 0)|};
                {|OM2004:Native.PD_ConfigSetModel(context, marshalled, marshalled)|};
                var model = {|OM2004:Native.Load!(marshalled, 0)|};
                Native.whisper_full(context, 0);
                var image = Native.mtmd_helper_bitmap_init_from_file(context, marshalled);
                return Native.read_from_file_cache(model);
            }
        }
        """);

    /// <summary>
    /// LLamaSharp's multimodal projector (MtmdWeights, LLavaWeights' successor) and LoRA adapters open weights; the
    /// native llama.cpp adapter loader does too. Look-alikes: the projector's context settings, and a saved session or
    /// KV-cache state file read by a variable named for the model's state.
    /// </summary>
    [Fact]
    public Task LLamaSharp_projectors_LoRA_adapters_and_their_native_loaders_are_loads() => V.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Runtime.InteropServices;
        namespace LLama
        {
            public sealed class MtmdContextParams { public static MtmdContextParams Default() => new(); }
            public sealed class MtmdWeights
            {
                public static MtmdWeights LoadFromFile(string mmProject, object textModel, MtmdContextParams mtmdCtxParams) => new();
                public static System.Threading.Tasks.Task<MtmdWeights> LoadFromFileAsync(string mmProject, object textModel, MtmdContextParams mtmdCtxParams) => System.Threading.Tasks.Task.FromResult(new MtmdWeights());
            }
            namespace Native
            {
                public sealed class SafeLlamaModelHandle
                {
                    [DllImport("llama")] private static extern IntPtr llama_adapter_lora_init(SafeLlamaModelHandle model, string path);
                    public IntPtr LoadLoraFromFile(string path) => {|OM2004:llama_adapter_lora_init(this, path)|};
                }
            }
        }
        class Chat
        {
            async System.Threading.Tasks.Task Load(LLama.Native.SafeLlamaModelHandle model, object weights, string modelStateFilePath)
            {
                var settings = LLama.MtmdContextParams.Default();
                var projector = {|OM2001:LLama.MtmdWeights.LoadFromFile("models/mmproj-f16.gguf", weights, settings)|};
                var other = await {|OM2001:LLama.MtmdWeights.LoadFromFileAsync("models/mmproj-q8.gguf", weights, settings)|};
                var adapter = {|OM2001:model.LoadLoraFromFile("models/style-lora.gguf")|};
                using var state = File.OpenRead(modelStateFilePath);
            }
        }
        """);
}
