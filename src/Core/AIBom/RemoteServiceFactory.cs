using OpenModel.Core.Facts;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.AIBom;

/// <summary>A model reached over the network (<c>Access="Api"</c>) becomes a CycloneDX service; its id is split by the shared contract.</summary>
internal static class RemoteServiceFactory
{
    private static readonly Dictionary<string, (string Provider, string? Endpoint)> Providers = new(StringComparer.OrdinalIgnoreCase)
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

    public static Service Create(DeclaredService declared)
    {
        var prefix = declared.Provider;
        var known = prefix is not null && Providers.TryGetValue(prefix, out var provider) ? provider : ((string Provider, string? Endpoint)?)null;
        var endpoint = declared.Endpoint ?? known?.Endpoint;

        return new Service
        {
            BomRef = declared.BomRef,
            Provider = known is { } p ? new OrganizationalEntity { Name = p.Provider } : prefix is null ? null : new OrganizationalEntity { Name = prefix },
            Group = prefix,
            Name = declared.DeclaredName ?? declared.ModelId,
            Version = declared.Version,
            Description = declared.Description,
            Endpoints = endpoint is null ? null : [endpoint],
            Authenticated = true,
            TrustBoundary = true,
            Licenses = declared.License is { } license ? LicenseChoices.From(license) : null,
            Properties = [new Property("openmodel:model", declared.ModelId), new Property("openmodel:access", Contract.ModelAccess.Api)],
        };
    }
}
