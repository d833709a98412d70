using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>
/// OM2001 Model loaded but not declared: InferenceSession's forms here, its code fix in OM2001Tests.CodeFix.cs; the resolver and every
/// catalogue library in PathResolutionTests, ConfigurationTests, RawReadTests and LibraryLoadTests.
/// </summary>
public partial class OM2001Tests
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
        """, new Declared().Model("models/sentiment.onnx"), expected: new[] { OM2005Tests.UnusedModel("models/sentiment.onnx") });

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
}
