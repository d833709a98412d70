using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.CodeFixVerify;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1008 Hard-coded AI provider credential: the analyzer and its code fix.</summary>
public class OM1008Tests
{
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
    public Task OM1008_every_key_shape_is_found_inside_a_long_text_in_no_credential_position() => Verify<OM1008HardCodedCredential>.AnalyzerAsync("""
        class Notes
        {
            // A key pasted into a description or a prompt: the shape alone is the finding, wherever it sits in the text.
            string[] Texts() => new[]
            {
                {|OM1008:"Call the service with sk-Qx7Lm2Rt9Vb3Nc6Yd1Fg5Hj0Kp4Ws8Ze as the key"|},
                {|OM1008:"Groq: gsk_Qx7Lm2Rt9Vb3Nc6Yd1Fg5Hj0Kp4Ws8ZeQx7Lm2Rt9Vb3 for the demo"|},
                {|OM1008:"Gemini key AIzaSyQx7Lm2Rt9Vb3Nc6Yd1Fg5Hj0Kp4Ws8Ze1 in the sample"|},
                {|OM1008:"the token 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 opens the hub"|},
                "A long description of a task that mentions no key shape at all, only words",
                "task-sk-Qx7Lm2Rt9Vb3Nc6Yd1Fg5Hj0Kp4Ws8Ze is an identifier, not a key",
            };
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

    [Fact]
    public Task OM1008_reads_the_key_from_the_environment_and_unconsts_the_field() => VerifyAsync<OM1008HardCodedCredential, OM1008ReadCredentialFromEnvironmentCodeFix>("""
        using System.ClientModel;
        class Clients
        {
            const string Key = {|OM1008:"sk-proj-4f8Gk2LmQz9XwT7vB3nR1yU6aE0cD5hJ"|};
            ApiKeyCredential Hugging() => new ApiKeyCredential({|OM1008:"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"|});
        }
        """, """
        using System.ClientModel;
        class Clients
        {
            static readonly string Key = System.Environment.GetEnvironmentVariable("OPENAI_API_KEY") ?? throw new System.InvalidOperationException("Set the OPENAI_API_KEY environment variable.");
            ApiKeyCredential Hugging() => new ApiKeyCredential(System.Environment.GetEnvironmentVariable("HF_TOKEN") ?? throw new System.InvalidOperationException("Set the HF_TOKEN environment variable."));
        }
        """);
}
