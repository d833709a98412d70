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
    public Task MLNet_dataset_loaders() => V.AnalyzerAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        class Row { [LoadColumn(0)] public string Text = ""; }
        class Trainer
        {
            void Load(MLContext ml)
            {
                var a = {|OM2002:ml.Data.LoadFromTextFile<Row>("data/train.csv", hasHeader: true)|};
                var b = {|OM2002:ml.Data.LoadFromBinary("data/cache.idv")|};
                var loader = ml.Data.CreateTextLoader<Row>();
                var c = {|OM2002:loader.Load("data/extra.tsv")|};
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

    [Fact]
    public Task LLamaSharp_model_params() => V.AnalyzerAsync("""
        namespace LLama.Common { public class ModelParams { public ModelParams(string modelPath) { } } }
        namespace LLama { public class LLamaWeights { public static LLamaWeights LoadFromFile(LLama.Common.ModelParams p) => new(); } }
        class Chat
        {
            void Load()
            {
                var parameters = {|OM2001:new LLama.Common.ModelParams("models/llama-3.2-1b.Q4_K_M.gguf")|};
                using var weights = LLama.LLamaWeights.LoadFromFile(parameters) as System.IDisposable;
            }
        }
        """);

    [Fact]
    public Task OnnxRuntimeGenAI_model_folders() => V.AnalyzerAsync("""
        namespace Microsoft.ML.OnnxRuntimeGenAI
        {
            public class Model { public Model(string modelPath) { } }
            public class Config { public Config(string modelPath) { } }
        }
        class Generator
        {
            void Load()
            {
                var model = {|OM2001:new Microsoft.ML.OnnxRuntimeGenAI.Model("models/phi-3-mini")|};
                var config = new Microsoft.ML.OnnxRuntimeGenAI.Config("models/phi-3.5");
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
