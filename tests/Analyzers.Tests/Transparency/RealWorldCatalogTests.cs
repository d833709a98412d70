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
}
