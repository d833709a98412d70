using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1003 Model artefact downloaded over cleartext HTTP: the analyzer.</summary>
public class OM1003Tests
{
    [Fact]
    public Task OM1003_cleartext_download_of_a_model_but_not_https_localhost_or_unrelated_files() => Verify<OM1003CleartextModelDownload>.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;
        class Fetch
        {
            const string Mirror = {|OM1003:"http://models.example.org/sentiment.onnx"|};
            async Task A(HttpClient http) => File.WriteAllBytes("models/sentiment.onnx", await {|OM1003:http.GetByteArrayAsync(Mirror)|});
            async Task<object> B(HttpClient http)
            {
                var bytes = await {|OM1003:http.GetByteArrayAsync("http://cdn.example.org/weights?id=7")|};
                return new Microsoft.ML.OnnxRuntime.InferenceSession(bytes);
            }
            async Task C(HttpClient http) => File.WriteAllBytes("models/sentiment.onnx", await http.GetByteArrayAsync("https://models.example.org/sentiment.onnx"));
            async Task D(HttpClient http) => File.WriteAllBytes("models/local.onnx", await http.GetByteArrayAsync("http://localhost:8080/local.onnx"));
            async Task<string> E(HttpClient http) => System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync("http://example.org/news.html"));
        }
        """);

    [Fact]
    public Task OM1003_cleartext_URLs_reported_where_defined_and_where_used() => Verify<OM1003CleartextModelDownload>.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;
        class Mnist
        {
            static readonly string[] Mirrors = [{|OM1003:"http://yann.lecun.com/exdb/mnist/"|}, {|OM1003:"http://mirror.example.org/mnist/"|}, "https://ossci-datasets.s3.amazonaws.com/mnist/"];
            static readonly Uri Weights = new Uri({|OM1003:"http://models.example.org/resnet50.onnx"|});
            const string Docs = "http://example.org/docs/index.html";
            void Fetch(WebClient client, string file)
            {
                foreach (var mirror in Mirrors)
                {
                    {|OM1003:client.DownloadFile(mirror + file, Path.Combine("data", file + ".csv"))|};
                }
            }
            void Docs2(WebClient client) => client.DownloadFile(Docs, "docs/index.html");
        }
        """);
}
