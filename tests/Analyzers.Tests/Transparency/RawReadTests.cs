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

    /// <summary>
    /// Dataset reader classes (TorchSharp examples' CIFAR and AG_NEWS readers) read through a neutral <c>path</c>: the
    /// private method's callers and the private field's writers in the same type say what the file is.
    /// </summary>
    [Fact]
    public Task A_neutral_path_is_judged_by_what_the_private_members_callers_and_writers_pass() => V.AnalyzerAsync("""
        using System.IO;
        sealed class CifarReader
        {
            private readonly int _size;

            public CifarReader(string root)
            {
                var dataPath = Path.Combine(root, "cifar-10-batches-bin");
                _size = ReadSingleFile(Path.Combine(dataPath, "data_batch_1.bin"));
            }

            private int ReadSingleFile(string path) => {|OM2004:File.ReadAllBytes(path)|}.Length;
        }

        sealed class NewsReader
        {
            private string _path;

            public static NewsReader Open(string split, string root) => new NewsReader(Path.Combine(root, split + ".csv"));

            private NewsReader(string path) => _path = path;

            public string[] Lines() => {|OM2004:File.ReadAllLines(_path)|};
        }

        sealed class DataFiles
        {
            private string _path;

            public DataFiles(string dataFile) => _path = dataFile;

            public string[] Lines() => {|OM2004:File.ReadAllLines(_path)|};
        }
        """);

    [Fact]
    public Task Neutral_paths_fed_by_settings_public_callers_or_other_values_are_not_loads() => V.AnalyzerAsync("""
        using System.IO;
        sealed class Readers
        {
            private string _path;
            private readonly string _other;

            public Readers(string settingsPath, string anything)
            {
                _path = settingsPath;
                _other = anything;
            }

            public string Settings() => Read(Path.Combine("conf", "appsettings.json"));

            public string Template(string templateFile) => Read(templateFile);

            // Public: its callers are anywhere, so a caller's argument name says nothing here.
            public string Public(string path) => File.ReadAllText(path);

            public string Stored() => File.ReadAllText(_path) + File.ReadAllText(_other);

            private string Read(string path) => File.ReadAllText(path);
        }

        sealed class Callers
        {
            string Use(Readers readers, string dataPath) => readers.Public(dataPath);
        }
        """);

    /// <summary>ai-dev-gallery's project export copies a model: the stream it creates is written, not read.</summary>
    [Fact]
    public Task Files_opened_to_be_written_are_not_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Export
        {
            void Copy(string modelPath, string modelCopyPath)
            {
                using var target = new FileStream(modelCopyPath, FileMode.CreateNew, FileAccess.Write);
                using var appended = new FileStream(modelPath, FileMode.Append);
                using var written = File.Open(modelPath, FileMode.Open, FileAccess.Write);
                using var read = {|OM2004:new FileStream(modelPath, FileMode.Open, FileAccess.Read)|};
                using var opened = {|OM2004:File.Open(modelPath, FileMode.Open)|};
            }
        }
        """);

    /// <summary>
    /// PaddleOCR's recognition model reads its character dictionary: the model's output vocabulary (a tokenizer-like
    /// asset declared with the model), not a dataset. A reader class's labels file is training data.
    /// </summary>
    [Fact]
    public async Task A_labels_file_a_model_class_reads_is_its_vocabulary_and_a_readers_is_data()
    {
        var diagnostics = await AnalyzerRunner.RunAsync(new Rules.Transparency.UndeclaredLoadAnalyzer(), """
            using System.IO;
            sealed class RecognizationModel
            {
                public RecognizationModel(string labelFilePath) => Labels = File.ReadAllLines(labelFilePath);
                public string[] Labels { get; }
            }
            sealed class MnistReader
            {
                public MnistReader(string labelPath) => Labels = File.ReadAllBytes(labelPath);
                public byte[] Labels { get; }
            }
            """);

        var byLine = diagnostics.ToDictionary(d => d.Location.GetLineSpan().StartLinePosition.Line + 1);
        Assert.StartsWith("The tokenizer path passed to File.ReadAllLines(…)", byLine[4].GetMessage());
        Assert.StartsWith("The dataset path passed to File.ReadAllBytes(…)", byLine[9].GetMessage());
    }
}
