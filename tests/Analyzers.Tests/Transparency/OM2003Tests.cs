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

    /// <summary>
    /// An Ollama tag ("llama3:8b") and a Hub id with a tag ("org/model:tag") hold a ':' that is not a provider prefix:
    /// declared as "ollama:llama3:8b" or as written, the code's id matches. Only known providers are split off.
    /// </summary>
    [Fact]
    public Task Model_ids_with_a_tag_match_their_declaration_with_or_without_a_provider() => V.AnalyzerAsync("""
        using System;
        namespace OllamaSharp { public class OllamaApiClient { public OllamaApiClient(Uri uri, string defaultModel = "") { } } }
        class Clients
        {
            void Create()
            {
                var tagged = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3:8b");
                var hub = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "org/model:tag");
                var plain = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "phi3:mini");
            }
        }
        """, new Declared().RemoteModel("ollama:llama3:8b").RemoteModel("org/model:tag").RemoteModel("phi3:mini"));

    /// <summary>The tag is part of the id: "llama3:70b" is not the declared "llama3:8b", with or without the provider.</summary>
    [Fact]
    public Task A_different_tag_of_a_declared_model_is_OM2003() => V.AnalyzerAsync("""
        using System;
        namespace OllamaSharp { public class OllamaApiClient { public OllamaApiClient(Uri uri, string defaultModel = "") { } } }
        class Clients
        {
            void Create()
            {
                var other = {|OM2003:new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3:70b")|};
                var declared = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3:8b");
            }
        }
        """, new Declared().RemoteModel("ollama:llama3:8b"));

    /// <summary>"llama3:8b" declared without a provider is that model, not any model tagged "8b".</summary>
    [Fact]
    public Task Another_model_with_the_same_tag_is_OM2003() => V.AnalyzerAsync("""
        using System;
        namespace OllamaSharp { public class OllamaApiClient { public OllamaApiClient(Uri uri, string defaultModel = "") { } } }
        class Clients
        {
            void Create()
            {
                var other = {|OM2003:new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "qwen:8b")|};
                var declared = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "llama3:8b");
                var provider = new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"), "mistral:7b");
            }
        }
        """, new Declared().RemoteModel("llama3:8b").RemoteModel("ollama:mistral:7b"));

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
                var noModel = {|OM2004:new OllamaSharp.OllamaApiClient(new Uri("http://localhost:11434"))|};
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
