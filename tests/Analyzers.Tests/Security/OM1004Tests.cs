using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1004 Downloaded model artefact loaded without integrity check: the analyzer.</summary>
public class OM1004Tests
{
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
}
