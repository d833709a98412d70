using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

public class PatternRuleTests
{
    [Fact]
    public Task OM1006_type_embedding_serializers_and_TypeNameHandling() => Verify<OM1006InsecureSerializer>.AnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using Newtonsoft.Json;
        class FeatureCache
        {
            object Read(Stream stream) => {|OM1006:new BinaryFormatter().Deserialize(stream)|};
            object ReadThroughInterface(Stream stream)
            {
                System.Runtime.Serialization.IFormatter formatter = new BinaryFormatter();
                return {|OM1006:formatter.Deserialize(stream)|};
            }
            void WriteOnly(Stream stream, object graph) => new BinaryFormatter().Serialize(stream, graph);
            JsonSerializerSettings Unsafe() => new JsonSerializerSettings { {|OM1006:TypeNameHandling = TypeNameHandling.Auto|} };
            JsonSerializerSettings Safe() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            T? Json<T>(string text) => System.Text.Json.JsonSerializer.Deserialize<T>(text);
        }
        """);

    [Fact]
    public Task OM1007_always_true_callbacks_and_the_dangerous_validator() => Verify<OM1007TlsValidationDisabled>.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        class Downloads
        {
            HttpClient Insecure()
            {
                var handler = new HttpClientHandler();
                {|OM1007:handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true|};
                return new HttpClient(handler);
            }

            HttpClientHandler AlsoInsecure() => new() { ServerCertificateCustomValidationCallback = {|OM1007:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|} };

            void Global() => {|OM1007:ServicePointManager.ServerCertificateValidationCallback = (sender, certificate, chain, errors) => errors == SslPolicyErrors.None|};

            HttpClientHandler Pinned(string thumbprint) => new()
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    errors == SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint,
            };
        }
        """);

    [Fact]
    public Task OM1007_callbacks_that_accept_a_subset_of_invalid_certificates() => Verify<OM1007TlsValidationDisabled>.AnalyzerAsync("""
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Cryptography.X509Certificates;
        class Handlers
        {
            static bool IsDevelopment;
            HttpClientHandler Issuer() => new() { {|OM1007:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                errors == SslPolicyErrors.None || certificate!.Issuer.Contains("CN=Contoso Internal CA")|} };
            HttpClientHandler Debug() => new() { {|OM1007:ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => IsDevelopment || errors == SslPolicyErrors.None|} };
            HttpClientHandler Method() => new() { {|OM1007:ServerCertificateCustomValidationCallback = Accept|} };
            HttpClientHandler Checked() => new() { ServerCertificateCustomValidationCallback = Check };
            HttpClientHandler Chained() => new() { ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => chain!.Build(certificate!) };
            static bool Accept(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (errors == SslPolicyErrors.None) return true;
                return certificate?.Subject == "CN=model-hub.internal";
            }
            static bool Check(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (errors == SslPolicyErrors.None) return true;
                return false;
            }
        }
        """);

    [Fact]
    public Task OM1008_key_shapes_and_credential_positions_but_not_placeholders() => Verify<OM1008HardCodedCredential>.AnalyzerAsync("""
        using System.ClientModel;
        using System.Net.Http;
        using System.Net.Http.Headers;
        using OpenAI.Chat;
        class Clients
        {
            const string OpenAiKey = {|OM1008:"sk-proj-4f8Gk2LmQz9XwT7vB3nR1yU6aE0cD5hJ"|};
            const string Anthropic = {|OM1008:"sk-ant-api03-Zq8Wm4Kx2Lp7Rt9Vb3Nc6Yd1Fg5Hj0"|};
            const string HuggingFace = {|OM1008:"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"|};
            ChatClient Azure() => new ChatClient("gpt-4o", new ApiKeyCredential({|OM1008:"3f9a2c7e1b8d4f6a0e5c9b7d2a1f8e4c"|}));
            void Header(HttpClient http) => http.DefaultRequestHeaders.Add("api-key", {|OM1008:"9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a"|});
            AuthenticationHeaderValue Bearer() => new AuthenticationHeaderValue("Bearer", {|OM1008:"eyJhbGciOiJIUzI1NiJ9.Zm9vYmFyYmF6cXV4"|});

            const string Placeholder1 = "sk-...";
            const string Placeholder2 = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
            const string Placeholder3 = "<your-openai-key>";
            ChatClient FromEnvironment() => new ChatClient("gpt-4o", new ApiKeyCredential(System.Environment.GetEnvironmentVariable("OPENAI_API_KEY")!));
            ChatClient PlaceholderCredential() => new ChatClient("gpt-4o", new ApiKeyCredential("YOUR_API_KEY_HERE_PLEASE"));
            string Sku() => "sk-" + "short";
        }
        """);

    [Fact]
    public Task OM1008_key_like_literals_in_credential_properties_constants_and_headers() => Verify<OM1008HardCodedCredential>.AnalyzerAsync("""
        using System.Net.Http;
        class AzureOpenAIConfig { public string APIKey { get; set; } = ""; public string Endpoint { get; set; } = ""; }
        class Clients
        {
            const string AzureOpenAIKey = {|OM1008:"5b3c9e1a7d2f4086b1e9c3a5d7f20486"|};
            static readonly string ServiceAccessToken = {|OM1008:"Xq7Lm2Rt9Vb3Nc6Yd1Fg5Hj0Kp4Ws8Ze"|};
            AzureOpenAIConfig Config() => new AzureOpenAIConfig { APIKey = {|OM1008:"a8F3kL9qW2zX7mN4pR6tV1bY5cD0eG8h"|}, Endpoint = "https://contoso.openai.azure.com/" };
            void Subscription(HttpClient http) => http.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", {|OM1008:"0f1e2d3c4b5a69788796a5b4c3d2e1f0"|});
        }
        """);

    [Fact]
    public Task OM1008_lookup_keys_header_names_model_ids_and_sentences_are_not_credentials() => Verify<OM1008HardCodedCredential>.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        class AzureOpenAIConfig { public string APIKey { get; set; } = ""; }
        class Lookups
        {
            const string ApiKeyHelp = "Set the API key in appsettings.json first";
            const string ApiKeySetting = "AzureOpenAI:ApiKey";
            void Use(Dictionary<string, string> cache, IConfiguration configuration, IServiceCollection services, HttpClient http, string key)
            {
                cache.Add("completions-cache-2024-gpt4o-v2", "x");
                var section = configuration.GetSection("OpenAI:Deployments:Gpt4o2024");
                services.AddKeyedSingleton<object>("azure-openai-gpt4o-2024-08-06", new object());
                http.DefaultRequestHeaders.Add("Ocp-Apim-Subscription-Key", key);
                http.DefaultRequestHeaders.Add("x-ms-client-request-id-2024", key);
                var config = new AzureOpenAIConfig { APIKey = "Please set your key in the environment" };
                var placeholder = new AzureOpenAIConfig { APIKey = "0000000000000000000000000000000000" };
            }
        }
        """);

    [Fact]
    public Task OM1008_keys_committed_in_appsettings_are_reported_at_the_line() =>
        Verify<OM1008HardCodedCredential>.AnalyzerAsync("class Empty { }", null,
            new[] { ("/src/App/appsettings.json", "{\n  \"OpenAI\": {\n    \"Key\": \"sk-proj-4f8Gk2LmQz9XwT7vB3nR1yU6aE0cD5hJ\",\n    \"Model\": \"gpt-4o\"\n  },\n  \"HF\": \"hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\n}") },
            new DiagnosticResult("OM1008", DiagnosticSeverity.Error).WithSpan("/src/App/appsettings.json", 3, 13, 3, 53).WithArguments("An OpenAI API key", "appsettings.json"));
}
