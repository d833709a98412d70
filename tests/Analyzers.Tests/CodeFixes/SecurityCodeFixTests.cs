using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.CodeFixes;

public class SecurityCodeFixTests
{
    [Fact]
    public Task OM1007_removes_always_true_callbacks_in_statements_and_initializers() => VerifyAsync<OM1007TlsValidationDisabled, RemoveCertificateValidationOverrideCodeFix>("""
        using System.Net.Http;
        class Downloads
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                {|OM1007:handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|};
                return new HttpClient(handler);
            }

            HttpClientHandler Other() => new() { AllowAutoRedirect = false, {|OM1007:ServerCertificateCustomValidationCallback = (m, c, ch, e) => true|} };
        }
        """, """
        using System.Net.Http;
        class Downloads
        {
            HttpClient Create()
            {
                var handler = new HttpClientHandler();
                return new HttpClient(handler);
            }

            HttpClientHandler Other() => new() { AllowAutoRedirect = false };
        }
        """);

    [Fact]
    public Task OM1008_reads_the_key_from_the_environment_and_unconsts_the_field() => VerifyAsync<OM1008HardCodedCredential, ReadCredentialFromEnvironmentCodeFix>("""
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

    [Fact]
    public Task OM1006_switches_TypeNameHandling_to_None() => VerifyAsync<OM1006InsecureSerializer, SetTypeNameHandlingNoneCodeFix>("""
        using Newtonsoft.Json;
        class Cache
        {
            JsonSerializerSettings A() => new() { {|OM1006:TypeNameHandling = TypeNameHandling.All|} };
            void B(JsonSerializer serializer) => {|OM1006:serializer.TypeNameHandling = TypeNameHandling.Objects|};
        }
        """, """
        using Newtonsoft.Json;
        class Cache
        {
            JsonSerializerSettings A() => new() { TypeNameHandling = TypeNameHandling.None };
            void B(JsonSerializer serializer) => serializer.TypeNameHandling = TypeNameHandling.None;
        }
        """);

    [Fact]
    public Task OM1016_adds_an_output_limit_to_new_or_existing_options() => VerifyAsync<OM1016UnboundedGeneration, AddOutputTokenLimitCodeFix>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/a", (string q, ChatClient chat) => {|OM1016:chat.CompleteChat(q)|}.Value.Content[0].Text);
                app.MapPost("/b", async (string q, IChatClient client) => (await {|OM1016:client.GetResponseAsync(q)|}).Text);
                app.MapPost("/c", async (string q, IChatClient client) => (await {|OM1016:client.GetResponseAsync(q, new ChatOptions { Temperature = 0 })|}).Text);
            }
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/a", (string q, ChatClient chat) => chat.CompleteChat([q], new global::OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 1024 }).Value.Content[0].Text);
                app.MapPost("/b", async (string q, IChatClient client) => (await client.GetResponseAsync(q, options: new global::Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 1024 })).Text);
                app.MapPost("/c", async (string q, IChatClient client) => (await client.GetResponseAsync(q, new ChatOptions { Temperature = 0, MaxOutputTokens = 1024 })).Text);
            }
        }
        """);

    [Fact]
    public Task OM1001_keeps_only_the_file_name() => VerifyAsync<TaintRulesAnalyzer, KeepOnlyFileNameCodeFix>("""
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a/{model}", (string model) => {|OM1001:new InferenceSession(Path.Combine("models", model))|}.InputMetadata.Count);
                app.MapGet("/b/{model}", (string model) => {|OM1001:new InferenceSession(model)|}.InputMetadata.Count);
            }
        }
        """, """
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a/{model}", (string model) => new InferenceSession(Path.Combine("models", System.IO.Path.GetFileName(model))).InputMetadata.Count);
                app.MapGet("/b/{model}", (string model) => new InferenceSession(System.IO.Path.GetFileName(model)).InputMetadata.Count);
            }
        }
        """);

    private static Task VerifyAsync<TAnalyzer, TFix>(string source, string fixedSource)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFix, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.None,
            TestCode = source,
            FixedCode = fixedSource,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        return test.RunAsync();
    }
}
