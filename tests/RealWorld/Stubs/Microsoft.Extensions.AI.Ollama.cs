// Look-alike of the Microsoft.Extensions.AI.Ollama preview package (deprecated upstream in favour of OllamaSharp), which
// this machine's NuGet mirror does not serve: dotnet/ai-samples' Ollama examples construct its chat client and embedding
// generator. Real namespace, type and parameter names (modelId) so catalogue matching by metadata name works; the types
// implement the Microsoft.Extensions.AI abstractions the project restores, with public members so they fit the interface
// whichever of its versions was restored; bodies do nothing. Internal, so two projects of one solution may each receive
// a copy without the copies clashing.
#nullable enable
namespace Microsoft.Extensions.AI
{
    using System;
    using System.Collections.Generic;
    using System.Net.Http;
    using System.Threading;
    using System.Threading.Tasks;

    internal sealed class OllamaChatClient : IChatClient
    {
        public OllamaChatClient(string endpoint, string? modelId = null, HttpClient? httpClient = null) { }

        public OllamaChatClient(Uri endpoint, string? modelId = null, HttpClient? httpClient = null) { }

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }

    internal sealed class OllamaEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
    {
        public OllamaEmbeddingGenerator(string endpoint, string? modelId = null, HttpClient? httpClient = null) { }

        public OllamaEmbeddingGenerator(Uri endpoint, string? modelId = null, HttpClient? httpClient = null) { }

        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose() { }
    }
}
