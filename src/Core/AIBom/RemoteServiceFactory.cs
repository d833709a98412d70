using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.AIBom;

/// <summary>A model reached over the network (<c>Access="Api"</c>) becomes a CycloneDX service.</summary>
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

    public static Service Create(ArtifactDeclaration declaration)
    {
        var colon = declaration.Include.IndexOf(':');
        var prefix = colon > 0 ? declaration.Include[..colon] : null;
        var model = colon > 0 ? declaration.Include[(colon + 1)..] : declaration.Include;
        var known = prefix is not null && Providers.TryGetValue(prefix, out var provider) ? provider : ((string Provider, string? Endpoint)?)null;
        var endpoint = declaration.Get("Endpoint") ?? known?.Endpoint;

        return new Service
        {
            BomRef = ArtifactComponentFactory.BomRefOf(declaration),
            Provider = known is { } p ? new OrganizationalEntity { Name = p.Provider } : prefix is null ? null : new OrganizationalEntity { Name = prefix },
            Group = prefix,
            Name = declaration.Get("Name") ?? model,
            Version = declaration.Get("Version"),
            Description = declaration.Get("Description"),
            Endpoints = endpoint is null ? null : [endpoint],
            Authenticated = true,
            TrustBoundary = true,
            Licenses = LicenseChoices.FromExpression(declaration.Get("LicenseExpression")),
            Properties = [new Property("openmodel:model", model), new Property("openmodel:access", "Api")],
        };
    }
}
