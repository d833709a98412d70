using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>
/// Loads through a helper of a referenced project (issue 10, real-world recall: TorchSharp examples' dataset reader
/// classes, YoloDotNet's execution providers): the call that chooses the artefact is this project's load site.
/// </summary>
public class HelperLoadTests
{
    private const string Utils = """
        using System.IO;
        using System.Linq;
        using Microsoft.ML.OnnxRuntime;

        namespace Utils;

        public sealed class MnistReader
        {
            public MnistReader(string path, string prefix, int batchSize = 32)
            {
                var dataPath = Path.Combine(path, prefix + "-images-idx3-ubyte");
                using var file = File.Open(dataPath, FileMode.Open, FileAccess.Read);
                Count = (int)file.Length / batchSize;
            }

            public int Count { get; }
        }

        public static class Datasets
        {
            public static string[] WikiText2(string split, string root = ".data")
            {
                var dataPath = Path.Combine(root, "wikitext-2", $"wiki.{split}.tokens");
                return File.ReadAllLines(dataPath);
            }
        }

        public sealed class CpuProvider
        {
            private InferenceSession _session = default!;

            public CpuProvider(string model) => Initialize(model);

            public CpuProvider(byte[] model) => Initialize(model);

            private void Initialize(object model) =>
                _session = model is byte[] bytes ? new InferenceSession(bytes) : new InferenceSession((string)model);
        }

        public sealed class CifarReader
        {
            public CifarReader(string path, bool test)
            {
                var dataPath = Path.Combine(path, "cifar-10-batches-bin");
                Size = ReadSingleFile(Path.Combine(dataPath, test ? "test_batch.bin" : "data_batch_1.bin"));
            }

            public int Size { get; }

            private int ReadSingleFile(string path) => File.ReadAllBytes(path).Length;
        }

        public sealed class NewsReader
        {
            private string _path;

            public static NewsReader News(string split, string root = ".data") => new NewsReader(Path.Combine(root, $"{split}.csv"));

            private NewsReader(string path) => _path = path;

            public int Count() => File.ReadLines(_path).Count();
        }

        public sealed class NoteReader
        {
            private string _path;

            public NoteReader(string notesPath) => _path = notesPath;

            public string Text() => File.ReadAllText(_path);
        }

        public static class Fixed
        {
            public static int Open(string name) => new InferenceSession("models/fixed.onnx").InputMetadata.Count + name.Length;

            public static void Log(string logPath, string line) => File.AppendAllText(logPath, line);

            public static string Settings(string settingsPath) => File.ReadAllText(settingsPath);
        }
        """;

    private const string App = """
        using System;
        using Utils;

        class Training
        {
            void Run(string dir, byte[] weights)
            {
                var train = new MnistReader(dir, "train");
                var tokens = Datasets.WikiText2("train", "data/text");
                var yolo = new CpuProvider("models/yolo.onnx");
                var fromBytes = new CpuProvider(weights);
                var count = Fixed.Open("ignored");
                Fixed.Log("logs/run.log", "started");
                var settings = Fixed.Settings("appsettings.json");
                var local = new LocalReader(dir);
                var cifar = new CifarReader(dir, test: false);
                var news = NewsReader.News("train", dir);
                var notes = new NoteReader(dir).Text();
            }
        }

        sealed class LocalReader
        {
            public LocalReader(string root) => Lines = System.IO.File.ReadAllLines(System.IO.Path.Combine(root, "train.csv"));

            public string[] Lines { get; }
        }
        """;

    private static readonly TestProject[] Solution =
    [
        new("Utils", OutputKind.DynamicallyLinkedLibrary, [("/src/Utils/Utils.cs", Utils)]),
        new("App", OutputKind.DynamicallyLinkedLibrary, [("/src/App/Training.cs", App)], "Utils"),
    ];

    [Fact]
    public async Task A_call_into_a_referenced_project_that_opens_what_its_parameter_names_is_a_load_site()
    {
        var results = await SolutionRunner.AsIdeAsync(Solution);

        Assert.Empty(results.SelectMany(r => r.Exceptions));
        var app = results.Single(r => r.Project == "App").Diagnostics.Where(d => d.Id.StartsWith("OM200", StringComparison.Ordinal)).ToList();
        var byLine = app.ToLookup(d => d.Location.GetLineSpan().StartLinePosition.Line + 1);

        var mnist = Assert.Single(byLine[8]);
        Assert.Equal("OM2004", mnist.Id);
        Assert.Contains("dataset path", mnist.GetMessage());
        Assert.Contains("new MnistReader(…), which calls File.Open(…) in Utils", mnist.GetMessage());

        var wiki = Assert.Single(byLine[9]);
        Assert.Equal("OM2002", wiki.Id);
        Assert.Contains("data/text", wiki.GetMessage());

        var yolo = Assert.Single(byLine[10]);
        Assert.Equal("OM2001", yolo.Id);
        Assert.Contains("models/yolo.onnx", yolo.GetMessage());

        Assert.Equal("OM2004", Assert.Single(byLine[11]).Id);

        // Reader classes: the path reaches the read through a private method, or through a field set by the constructor.
        var cifar = Assert.Single(byLine[16]);
        Assert.Equal("OM2004", cifar.Id);
        Assert.Contains("new CifarReader(…), which calls File.ReadAllBytes(…) in Utils", cifar.GetMessage());
        var news = Assert.Single(byLine[17]);
        Assert.Equal("OM2004", news.Id);
        Assert.Contains("NewsReader.News(…), which calls File.ReadLines(…) in Utils", news.GetMessage());
    }

    [Fact]
    public async Task Fixed_paths_other_files_and_helpers_of_the_same_project_are_not_load_sites_at_the_call()
    {
        var results = await SolutionRunner.AsIdeAsync(Solution);

        var app = results.Single(r => r.Project == "App").Diagnostics.Where(d => d.Id.StartsWith("OM200", StringComparison.Ordinal)).ToList();
        var lines = app.Select(d => d.Location.GetLineSpan().StartLinePosition.Line + 1).ToHashSet();

        // Fixed.Open loads a constant path (reported in Utils), Log and Settings touch no artefact.
        Assert.DoesNotContain(12, lines);
        Assert.DoesNotContain(13, lines);
        Assert.DoesNotContain(14, lines);

        // A reader of notes: the field holds a path named for something else.
        Assert.DoesNotContain(18, lines);

        // A helper of the same project: its own read is the load site, once.
        Assert.DoesNotContain(15, lines);
        Assert.Contains(24, lines);

        // The helper's project reports its own loads (the fixed path among them).
        var utils = results.Single(r => r.Project == "Utils").Diagnostics;
        Assert.Contains(utils, d => d.Id == "OM2001" && d.GetMessage().Contains("models/fixed.onnx"));
    }

    [Fact]
    public async Task As_the_build_sees_a_referenced_project_its_methods_are_library_calls()
    {
        var results = await SolutionRunner.AsBuildAsync(Solution);

        Assert.Empty(results.SelectMany(r => r.Exceptions));
        var app = results.Single(r => r.Project == "App").Diagnostics;
        Assert.DoesNotContain(app, d => d.Location.GetLineSpan().StartLinePosition.Line + 1 is >= 8 and <= 11);
    }
}
