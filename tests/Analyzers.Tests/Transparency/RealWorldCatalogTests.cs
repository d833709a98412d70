using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>Catalogue entries found missing on the real-world corpus (issue 10), each with a look-alike that is not a load.</summary>
public class RealWorldCatalogTests
{
    [Fact]
    public Task PaddleSharp_model_buffers_from_embedded_resources_are_loads_and_a_look_alike_is_not() => V.AnalyzerAsync("""
        namespace Sdcb.PaddleInference
        {
            public sealed class PaddleConfig
            {
                public static PaddleConfig FromMemoryModel(byte[] programBuffer, byte[] paramsBuffer) => new();
            }
        }
        namespace Other { public static class PaddleConfig { public static object FromMemoryModel(byte[] a, byte[] b) => new(); } }
        class Models
        {
            object Load(System.Reflection.Assembly assembly)
            {
                var program = Read(assembly, "det.inference.pdmodel");
                var weights = Read(assembly, "det.inference.pdiparams");
                var other = Other.PaddleConfig.FromMemoryModel(program, weights);
                return {|OM2004:Sdcb.PaddleInference.PaddleConfig.FromMemoryModel(program, weights)|};
            }

            static byte[] Read(System.Reflection.Assembly assembly, string key) => new byte[assembly.GetManifestResourceStream(key)!.Length];
        }
        """);

    [Fact]
    public Task YoloDotNet_options_holding_an_execution_provider_carry_a_model_already_loaded_and_are_not_a_load() => V.AnalyzerAsync("""
        namespace YoloDotNet
        {
            namespace Models
            {
                public interface IExecutionProvider { }
                public sealed class YoloOptions { public string OnnxModel { get; set; } = ""; public IExecutionProvider? ExecutionProvider { get; set; } }
            }
            public sealed class Yolo { public Yolo(Models.YoloOptions options) { } }
            public sealed class CpuExecutionProvider : Models.IExecutionProvider { public CpuExecutionProvider(string model) { } }
        }
        class Detector
        {
            void Load(string model)
            {
                var provider = new YoloDotNet.Yolo(new YoloDotNet.Models.YoloOptions { ExecutionProvider = new YoloDotNet.CpuExecutionProvider(model) });
                var byPath = {|OM2001:new YoloDotNet.Yolo(new YoloDotNet.Models.YoloOptions { OnnxModel = "models/yolov8s.onnx" })|};
            }
        }
        """);

    [Fact]
    public Task A_catalogued_constructor_chaining_to_another_of_its_type_is_the_library_itself_and_its_callers_are_the_loads() => V.AnalyzerAsync("""
        namespace OllamaSharp
        {
            public class OllamaApiClient
            {
                public OllamaApiClient(string uriString, string defaultModel = "") : this(new System.Uri(uriString), defaultModel) { }
                public OllamaApiClient(System.Uri uri, string defaultModel = "") { }
            }
            public sealed class LocalClient : OllamaApiClient
            {
                public LocalClient(string model) : base(new System.Uri("http://localhost:11434"), model) { }
            }
        }
        class App
        {
            object Connect() => {|OM2003:new OllamaSharp.OllamaApiClient("http://localhost:11434", "llama3.2")|};
        }
        """, null, new Microsoft.CodeAnalysis.Testing.DiagnosticResult("OM2004", Microsoft.CodeAnalysis.DiagnosticSeverity.Info).WithSpan(10, 42, 10, 97).WithArguments("model id", "new OllamaApiClient(…)", "it comes from parameter 'model'"));

    /// <summary>
    /// dotnet/ai-samples: Microsoft.Extensions.AI 9.x adapters name the model (OpenAIClient.AsChatClient(modelId), the
    /// Azure AI Inference AsIChatClient(modelId)); the overload over a ChatClient names none (its GetChatClient does), and
    /// a same-named extension of another class is not the catalogued one.
    /// </summary>
    [Fact]
    public Task Extensions_AI_adapters_that_name_a_model_are_remote_model_uses_and_look_alikes_are_not() => V.AnalyzerAsync("""
        using Microsoft.Extensions.AI;
        using OpenAI;
        namespace Azure.AI.Inference { public class ChatCompletionsClient { } }
        namespace Microsoft.Extensions.AI
        {
            public interface IChatClient { }
            public interface IEmbeddingGenerator { }
            public static class OpenAIClientExtensions
            {
                public static IChatClient AsChatClient(this OpenAIClient openAIClient, string modelId) => null!;
                public static IChatClient AsChatClient(this OpenAI.Chat.ChatClient chatClient) => null!;
                public static IEmbeddingGenerator AsEmbeddingGenerator(this OpenAIClient openAIClient, string modelId, int? dimensions = null) => null!;
            }
            public static class AzureAIInferenceExtensions
            {
                public static IChatClient AsIChatClient(this Azure.AI.Inference.ChatCompletionsClient client, string? modelId = null) => null!;
            }
        }
        namespace Other { public static class ChatExtensions { public static object AsChatClient(this OpenAIClient client, string modelId) => null!; } }
        class App
        {
            void Create(OpenAIClient client, Azure.AI.Inference.ChatCompletionsClient inference)
            {
                var chat = {|OM2003:client.AsChatClient("gpt-4o-mini")|};
                var embeddings = {|OM2003:client.AsEmbeddingGenerator("text-embedding-3-small")|};
                var viaChatClient = {|OM2003:client.GetChatClient("gpt-4o")|}.AsChatClient();
                var azure = {|OM2003:inference.AsIChatClient(modelId: "Phi-4")|};
                var other = Other.ChatExtensions.AsChatClient(client, "gpt-4o-mini");
            }
        }
        """);
}
