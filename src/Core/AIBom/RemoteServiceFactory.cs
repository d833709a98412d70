using OpenModel.Core.Facts;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.AIBom;

/// <summary>A model reached over the network (<c>Access="Api"</c>) becomes a CycloneDX service; its id is split by the shared contract.</summary>
internal static class RemoteServiceFactory
{
    public static Service Create(DeclaredService declared)
    {
        var endpoint = HostedModelProviders.Endpoint(declared);
        return new Service
        {
            BomRef = declared.BomRef,
            Provider = HostedModelProviders.ProviderName(declared) is { } provider ? new OrganizationalEntity { Name = provider } : null,
            Group = declared.Provider,
            Name = declared.ServiceName,
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
