namespace OpenModel.Core.Facts;

/// <summary>
/// The providers a hosted model's id prefix names ("openai:gpt-4o"): who supplies the model and, where the provider has
/// one, its public endpoint. Both writers (CycloneDX <c>service</c>, SPDX <c>ai_AIPackage</c>) state the same supplier.
/// </summary>
public static class HostedModelProviders
{
    private static readonly Dictionary<string, (string Name, string? Endpoint)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openai"] = ("OpenAI", "https://api.openai.com/v1"),
        ["azure-openai"] = ("Microsoft Azure OpenAI", null),
        ["azure"] = ("Microsoft Azure AI", null),
        ["anthropic"] = ("Anthropic", "https://api.anthropic.com"),
        ["huggingface"] = ("Hugging Face", "https://api-inference.huggingface.co"),
        ["ollama"] = ("Ollama", "http://localhost:11434"),
        ["google"] = ("Google", null),
        ["mistral"] = ("Mistral AI", "https://api.mistral.ai"),
    };

    /// <summary>The provider's name: a known prefix's organisation, else the prefix itself; null without a prefix.</summary>
    public static string? ProviderName(DeclaredService service) =>
        service.Provider is not { } prefix ? null : Known.TryGetValue(prefix, out var known) ? known.Name : prefix;

    /// <summary>The declared Endpoint, else the known provider's public one.</summary>
    public static string? Endpoint(DeclaredService service) =>
        service.Endpoint ?? (service.Provider is { } prefix && Known.TryGetValue(prefix, out var known) ? known.Endpoint : null);
}
