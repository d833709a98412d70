using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

public class SupplyChainAndAgencyRuleTests
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

    [Fact]
    public Task OM1004_downloads_as_real_code_writes_them() => Verify<OM1004DownloadWithoutIntegrityCheck>.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        class Downloader
        {
            const string ModelUrl = "https://huggingface.co/org/model/resolve/main/model.onnx";
            void ToDisk(WebClient client) => {|OM1004:client.DownloadFile("https://example.org/data/train.csv", "data/train.csv")|};
            async Task Streamed(HttpClient http, string destination)
            {
                using var response = await {|OM1004:http.GetAsync(ModelUrl)|};
                using var file = new FileStream(destination, FileMode.Create);
                await response.Content.CopyToAsync(file);
            }
            async Task ByHelper(HttpClient http, string destination)
            {
                var bytes = await {|OM1004:http.GetByteArrayAsync(ModelUrl)|};
                await Save(bytes, destination);
            }
            static Task Save(byte[] bytes, string path) => File.WriteAllBytesAsync(path, bytes);
            async Task Md5Checked(WebClient client, string expected)
            {
                await client.DownloadFileTaskAsync(new Uri(ModelUrl), "models/model.onnx");
                using var md5 = MD5.Create();
                using var stream = File.OpenRead("models/model.onnx");
                if (Convert.ToHexString(md5.ComputeHash(stream)) != expected) throw new InvalidDataException();
            }
            async Task<string> NotAFile(HttpClient http) => await (await http.GetAsync("https://example.org/api/models")).Content.ReadAsStringAsync();
            async Task PageToDisk(HttpClient http) => File.WriteAllText("page.html", await (await http.GetAsync("https://example.org/index.html")).Content.ReadAsStringAsync());
        }
        """);

    [Fact]
    public Task OM1004_downloads_through_helpers_returned_streams_and_library_downloaders() => Verify<OM1004DownloadWithoutIntegrityCheck>.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        namespace Whisper.net.Ggml
        {
            public enum GgmlType { Base }
            public sealed class WhisperGgmlDownloader
            {
                public static WhisperGgmlDownloader Default { get; } = new();
                public Task<Stream> GetGgmlModelAsync(GgmlType type) => Task.FromResult<Stream>(new MemoryStream());
            }
        }
        namespace App
        {
            static class Http
            {
                public static async Task DownloadAsync(this HttpClient client, string requestUri, string path)
                {
                    using var response = await client.GetAsync(requestUri);
                    using var file = File.Create(path);
                    await response.Content.CopyToAsync(file);
                }
            }
            class Models(HttpClient http)
            {
                const string Repository = "https://huggingface.co/ggerganov/whisper.cpp/resolve/main";
                Task Fetch(string path) => {|OM1004:http.DownloadAsync("https://huggingface.co/org/model/resolve/main/model.onnx", path)|};
                Task FetchJson(string path) => http.DownloadAsync("https://example.org/api/catalog", path);
                async Task<Stream> Stream(string name) => await {|OM1004:http.GetStreamAsync($"{Repository}/ggml-{name}.bin")|};
                async Task Speech(string path)
                {
                    using var model = await {|OM1004:Whisper.net.Ggml.WhisperGgmlDownloader.Default.GetGgmlModelAsync(Whisper.net.Ggml.GgmlType.Base)|};
                    using var file = File.OpenWrite(path);
                    await model.CopyToAsync(file);
                }
                async Task Verified(string path, string expected)
                {
                    await http.DownloadAsync("https://huggingface.co/org/model/resolve/main/model.onnx", path);
                    if (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) != expected) throw new InvalidDataException();
                }
            }
        }
        """);

    [Fact]
    public Task OM1004_download_then_save_or_load_without_a_hash_check() => Verify<OM1004DownloadWithoutIntegrityCheck>.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Security.Cryptography;
        using System.Threading.Tasks;
        class Fetch
        {
            const string Pinned = "1f073e82f5118fa4d0691cb5d3391095e6dc5f71b99d743219407b628d6ab867";
            async Task Unchecked(HttpClient http) => File.WriteAllBytes("models/m.onnx", await {|OM1004:http.GetByteArrayAsync("https://hub.example.org/m.onnx")|});
            async Task Checked(HttpClient http)
            {
                var bytes = await http.GetByteArrayAsync("https://hub.example.org/m.onnx");
                if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != Pinned) throw new InvalidDataException("hash mismatch");
                File.WriteAllBytes("models/m.onnx", bytes);
            }
            async Task CheckedByHelper(HttpClient http)
            {
                var bytes = await http.GetByteArrayAsync("https://hub.example.org/m.onnx");
                Verify(bytes);
                File.WriteAllBytes("models/m.onnx", bytes);
            }
            async Task<string> NotAModel(HttpClient http) => System.Text.Encoding.UTF8.GetString(await http.GetByteArrayAsync("https://example.org/page"));
            static void Verify(byte[] bytes) => CryptographicOperations.FixedTimeEquals(SHA256.HashData(bytes), Convert.FromHexString(Pinned));
        }
        """);

    [Fact]
    public async Task OM1015_dangerous_tools_with_automatic_invocation_and_no_approval()
    {
        var test = Verify<OM1015DangerousToolAutoInvoked>.Create(null);
        test.TestCode = """
            using System.ComponentModel;
            using System.Diagnostics;
            using Microsoft.Extensions.AI;
            namespace Microsoft.SemanticKernel { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { } }
            class Tools
            {
                [Microsoft.SemanticKernel.KernelFunction]
                public string {|#0:RunShell|}(string command) => Process.Start("bash", command)!.Id.ToString();

                [Microsoft.SemanticKernel.KernelFunction]
                public string Weather(string city) => "sunny in " + city;

                public static void Cleanup(string path) => System.IO.File.Delete(path);
            }
            class Setup
            {
                IChatClient Build(IChatClient inner)
                {
                    var cleanup = AIFunctionFactory.Create({|#1:Tools.Cleanup|});
                    return new ChatClientBuilder(inner).UseFunctionInvocation().Build();
                }
            }
            """;
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1015", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("RunShell", "start processes"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1015", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Cleanup", "delete files"));
        await test.RunAsync();
    }

    [Fact]
    public Task OM1015_an_invocation_filter_is_the_approval_step() => Verify<OM1015DangerousToolAutoInvoked>.AnalyzerAsync("""
        using System.Diagnostics;
        using Microsoft.Extensions.AI;
        namespace Microsoft.SemanticKernel
        {
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { }
            public interface IAutoFunctionInvocationFilter { }
        }
        class Tools
        {
            [Microsoft.SemanticKernel.KernelFunction]
            public int RunShell(string command) => Process.Start("bash", command)!.Id;
        }
        class Approval : Microsoft.SemanticKernel.IAutoFunctionInvocationFilter { }
        class Setup
        {
            IChatClient Build(IChatClient inner) => new ChatClientBuilder(inner).UseFunctionInvocation().Build();
        }
        """);

    [Fact]
    public Task OM1018_secrets_into_prompts_and_LLM_output_logged_at_information() => Verify<Rules.Security.TaintRulesAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        using OpenAI.Chat;
        class Support
        {
            async System.Threading.Tasks.Task Run(IConfiguration config, ChatClient chat, IChatClient client, ILogger logger)
            {
                var connection = config.GetConnectionString("Orders");
                var prompt = {|OM1018:new UserChatMessage($"Diagnose this connection: {connection}")|};
                var key = config["OpenAI:ApiKey"];
                var reply = await {|OM1018:client.GetResponseAsync("Is this key valid? " + key)|};
                {|OM1018:logger.LogInformation("Model said {Reply}", reply.Text)|};
                logger.LogDebug("Model said {Reply}", reply.Text);
                var model = config["OpenAI:Model"];
                var ok = new UserChatMessage($"Use model {model}");
            }
        }
        """);
}
