using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

public class RawReadTests
{
    [Fact]
    public Task Reads_of_weight_files_are_model_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Weights
        {
            void Read()
            {
                var a = {|OM2001:File.ReadAllBytes("models/encoder.safetensors")|};
                using var b = {|OM2001:File.OpenRead("models/llama.gguf")|};
                using var c = {|OM2001:new FileStream("models/checkpoint.pt", FileMode.Open)|};
            }
        }
        """);

    /// <summary>
    /// Model formats the inspector reads (dill pickles, NeMo archives, skops) are model loads too: the analyzers and
    /// `openmodel scan` share one extension table. NumPy arrays are scanned but are as often data as weights: not attributed.
    /// </summary>
    [Fact]
    public Task Reads_of_the_inspectors_model_formats_are_model_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Weights
        {
            void Read()
            {
                var a = {|OM2001:File.ReadAllBytes("models/pipeline.dill")|};
                var b = {|OM2001:File.ReadAllBytes("models/asr.nemo")|};
                var c = {|OM2001:File.ReadAllBytes("models/classifier.skops")|};
                var d = File.ReadAllBytes("arrays/embeddings.npy");
            }
        }
        """);

    [Fact]
    public Task Declared_raw_reads_are_clean() => V.AnalyzerAsync("""
        using System.IO;
        class Data
        {
            void Read()
            {
                var lines = File.ReadAllLines("data/reviews.csv");
                var bytes = File.ReadAllBytes("models/encoder.safetensors");
            }
        }
        """, new Declared().Dataset("data/reviews.csv").Model("models/encoder.safetensors"));

    [Fact]
    public Task Unrelated_bin_files_and_unknown_paths_are_not_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Cache
        {
            void Read(string path)
            {
                var cache = File.ReadAllBytes("cache/state.bin");
                var config = File.ReadAllText("settings.json");
                var anything = File.ReadAllBytes(path);
            }
        }
        """);

    [Fact]
    public Task A_string_that_merely_contains_onnx_is_not_a_load() => V.AnalyzerAsync("""
        using System;
        class Messages
        {
            void Log()
            {
                var text = "Exported models/sentiment.onnx successfully";
                Console.WriteLine("models/sentiment.onnx");
                var name = System.IO.Path.GetFileName("models/sentiment.onnx");
            }
        }
        """);

    [Fact]
    public Task A_Load_method_unrelated_to_models_is_not_a_load() => V.AnalyzerAsync("""
        using System.Xml;
        class Documents
        {
            class Store { public object Load(string path) => path; }
            void Read()
            {
                new XmlDocument().Load("models/layout.xml");
                new Store().Load("models/sentiment.onnx");
            }
        }
        """);

    [Fact]
    public Task Reads_of_run_time_paths_named_for_settings_images_or_anything_else_are_not_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Readers
        {
            void Read(string path, string configPath, string modelConfigPath, string modelName, string imagePath, string outputModelPath, string dir)
            {
                var a = File.ReadAllText(path);
                var b = File.ReadAllText(configPath);
                var c = File.ReadAllText(modelConfigPath);
                var d = File.ReadAllText(modelName);
                var e = File.ReadAllBytes(imagePath);
                var f = File.ReadAllBytes(outputModelPath);
                var g = File.ReadAllText(Path.Combine(dir, "README.md"));
            }
        }
        """);
}
