using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2003 Remote model service used but not declared.</summary>
public class OM2003Tests
{
    [Fact]
    public Task OpenAI_clients_for_undeclared_models_are_OM2003() => V.AnalyzerAsync("""
        using OpenAI;
        using OpenAI.Chat;
        using OpenAI.Embeddings;
        class Clients
        {
            void Create(OpenAIClient client, string key)
            {
                var chat = {|OM2003:new ChatClient("gpt-4o", key)|};
                var fromRoot = {|OM2003:client.GetChatClient("gpt-4.1-mini")|};
                var embeddings = {|OM2003:new EmbeddingClient("text-embedding-3-small", key)|};
            }
        }
        """);

    [Fact]
    public Task Declared_api_models_match_with_or_without_provider_prefix() => V.AnalyzerAsync("""
        using OpenAI;
        using OpenAI.Chat;
        class Clients
        {
            void Create(OpenAIClient client, string key)
            {
                var chat = new ChatClient("gpt-4o-mini", key);
                var embeddings = client.GetEmbeddingClient("text-embedding-3-small");
            }
        }
        """, new Declared().RemoteModel("openai:gpt-4o-mini").RemoteModel("text-embedding-3-small"));

    [Fact]
    public Task A_local_declaration_does_not_declare_a_remote_service() => V.AnalyzerAsync("""
        using OpenAI.Chat;
        class Clients
        {
            ChatClient Create(string key) => {|OM2003:new ChatClient("gpt-4o-mini", key)|};
        }
        """, new Declared().Model("gpt-4o-mini"), expected: new[] { OM2005Tests.UnusedModel("gpt-4o-mini") });

    [Fact]
    public Task Azure_OpenAI_deployments_and_MEAI_adapters() => V.AnalyzerAsync("""
        using System;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        class Clients
        {
            IChatClient Create(AzureOpenAIClient azure) =>
                {|OM2003:azure.GetChatClient("contoso-gpt4o")|}.AsIChatClient();
        }
        """);

    [Fact]
    public Task Ollama_and_Semantic_Kernel_connectors() => V.AnalyzerAsync("""
        using System;
        namespace OllamaSharp { public class OllamaApiClient { public OllamaApiClient(Uri uri, string defaultModel = "") { } } }
        namespace Microsoft.SemanticKernel
        {
            public interface IKernelBuilder { }
            public static class OpenAIKernelBuilderExtensions
            {
                public static IKernelBuilder AddOpenAIChatCompletion(this IKernelBuilder builder, string modelId, string apiKey) => builder;
            }
        }
        class Clients
        {
            void Create(Microsoft.SemanticKernel.IKernelBuilder kernel)
            {
                var ollama = {|OM2003:new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3.2")|};
                var noModel = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"));
                {|OM2003:Microsoft.SemanticKernel.OpenAIKernelBuilderExtensions.AddOpenAIChatCompletion(kernel, "gpt-4o", "key")|};
            }
        }
        """);

    [Fact]
    public Task Model_id_from_configuration_is_resolved() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Configuration;
        using OpenAI.Chat;
        class Clients
        {
            ChatClient Create(IConfiguration config) => {|OM2003:new ChatClient(config["OpenAI:Model"], config["OpenAI:Key"])|};
        }
        """, null, new[] { ("/src/App/appsettings.json", """{ "OpenAI": { "Model": "o3-mini" } }""") });
}
