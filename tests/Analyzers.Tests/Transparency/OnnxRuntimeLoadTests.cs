using OpenModel.Analyzers.Rules.Transparency;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

public class OnnxRuntimeLoadTests
{
    [Fact]
    public Task Undeclared_path_is_OM2001() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => {|OM2001:new InferenceSession("models/sentiment.onnx")|};
        }
        """);

    [Fact]
    public Task Declared_path_is_clean() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => new InferenceSession("models/sentiment.onnx");
        }
        """, new Declared().Model("models/sentiment.onnx"));

    [Fact]
    public Task Session_options_overload_is_checked() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(SessionOptions options) => {|OM2001:new InferenceSession("models/other.onnx", options)|};
        }
        """, new Declared().Model("models/sentiment.onnx"), expected: new[] { UnusedModel("models/sentiment.onnx") });

    [Fact]
    public Task Byte_array_overload_follows_the_file_read() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open()
            {
                var bytes = File.ReadAllBytes("weights/model.dat");
                return {|OM2001:new InferenceSession(bytes)|};
            }
        }
        """);

    [Fact]
    public Task Byte_array_from_declared_file_is_clean_and_not_reported_twice() => V.AnalyzerAsync("""
        using System.IO;
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open() => new InferenceSession(File.ReadAllBytes("models/sentiment.onnx"));
        }
        """, new Declared().Model("models/sentiment.onnx"));

    [Fact]
    public Task Byte_array_of_unknown_origin_is_OM2004() => V.AnalyzerAsync("""
        using Microsoft.ML.OnnxRuntime;
        class Scorer
        {
            InferenceSession Open(byte[] model) => {|OM2004:new InferenceSession(model)|};
        }
        """);

    internal static Microsoft.CodeAnalysis.Testing.DiagnosticResult UnusedModel(string include, string itemType = "AIModel") =>
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(OM2005DeclaredNeverLoaded.Descriptor).WithNoLocation().WithArguments(itemType, include, "App.csproj");
}
