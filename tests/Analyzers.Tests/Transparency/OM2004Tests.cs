using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2004 Model path cannot be verified. The resolution these build on is tested in PathResolutionTests and ConfigurationTests (Missing_key_is_OM2004, Missing_appsettings_gives_OM2004_not_OM2001).</summary>
public class OM2004Tests
{
    [Fact]
    public Task Local_assigned_twice_is_OM2004() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(bool large)
            {
                var path = "models/small.onnx";
                if (large) path = "models/large.onnx";
                return {|OM2004:new InferenceSession(path)|};
            }
        }
        """);

    [Fact]
    public Task Readonly_field_assigned_in_constructor_is_OM2004() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            private readonly string _path = "models/sentiment.onnx";
            public Scorer(string path) { _path = path; }
            InferenceSession Open() => {|OM2004:new InferenceSession(_path)|};
        }
        """);

    [Fact]
    public Task Byte_array_of_unknown_origin_is_OM2004() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(byte[] model) => {|OM2004:new InferenceSession(model)|};
        }
        """);

    [Fact]
    public Task Model_id_from_a_parameter_is_OM2004() => V.AnalyzerAsync("""
        using OpenAI.Chat;
        class Clients
        {
            ChatClient Create(string model, string key) => {|OM2004:new ChatClient(model, key)|};
        }
        """);

    [Fact]
    public Task Reads_of_run_time_paths_named_or_suffixed_like_artefacts_cannot_be_verified() => V.AnalyzerAsync("""
        using System.IO;
        class Readers
        {
            private readonly string _dataLocation = System.Environment.GetEnvironmentVariable("DATA")!;
            void Read(string modelPath, string vocabFile, string dir, string name)
            {
                var weights = {|OM2004:File.ReadAllBytes(modelPath)|};
                var vocabulary = {|OM2004:File.ReadAllLines(vocabFile)|};
                var rows = {|OM2004:File.ReadLines(Path.Combine(_dataLocation, name))|};
                using var onnx = {|OM2004:File.OpenRead(Path.Combine(dir, name + ".onnx"))|};
                using var labels = {|OM2004:File.Open(Path.Combine(dir, "train-labels.csv"), FileMode.Open)|};
            }
        }
        """);

    /// <summary>
    /// A client bound to a model service without a model id (the model is set later or named per request) is a service
    /// whose model cannot be verified where it is created. Look-alikes: the library's own constructor chaining, a
    /// client type that is not catalogued, and a factory call (GetChatClient) that is not a creation.
    /// </summary>
    [Fact]
    public Task Remote_model_clients_created_without_a_model_id_are_OM2004() => V.AnalyzerAsync("""
        using System;
        namespace OllamaSharp
        {
            public class OllamaApiClient
            {
                public OllamaApiClient(string uriString, string defaultModel = "") : this(new Uri(uriString), defaultModel) { }
                public OllamaApiClient(Uri uri, string defaultModel = "") { }
                public string SelectedModel { get; set; }
            }
        }
        namespace LlmTornado
        {
            public enum LLmProviders { OpenAi, Custom }
            public class TornadoApi
            {
                public TornadoApi() { }
                public TornadoApi(Uri serverUri) : this() { }
                public TornadoApi(string apiKey, LLmProviders provider = LLmProviders.OpenAi) : this() { }
                public TornadoApi(LLmProviders provider, string apiKey) : this() { }
            }
        }
        namespace Other { public class OllamaApiClient { public OllamaApiClient(string url) { } } }
        class Clients
        {
            void Create(string url, string key)
            {
                var ollama = {|OM2004:new OllamaSharp.OllamaApiClient(url)|};
                var local = {|OM2004:new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"))|};
                var tornado = {|OM2004:new LlmTornado.TornadoApi(key, LlmTornado.LLmProviders.OpenAi)|};
                var reversed = {|OM2004:new LlmTornado.TornadoApi(LlmTornado.LLmProviders.OpenAi, key)|};
                var server = {|OM2004:new LlmTornado.TornadoApi(new Uri("http://localhost:11434"))|};
                var lookAlike = new Other.OllamaApiClient(url);
                var named = {|OM2003:new OllamaSharp.OllamaApiClient(url, "llama3.2")|};
            }
        }
        """);
}
