using System.Text.Json;

namespace OpenModel.Core.Licensing;

public sealed record SpdxLicenseInfo(string Id, string Name, bool IsOsiApproved, bool IsFsfLibre, bool IsDeprecated);

/// <summary>The SPDX licence list shipped inside this assembly (see Licensing/Data/README.md for its provenance).</summary>
public static class SpdxLicenseList
{
    private static readonly Lazy<Dictionary<string, SpdxLicenseInfo>> Licenses = new(LoadLicenses);
    private static readonly Lazy<HashSet<string>> Exceptions = new(LoadExceptions);

    public static SpdxLicenseInfo? Find(string id) => Licenses.Value.GetValueOrDefault(id);

    public static bool IsException(string id) => Exceptions.Value.Contains(id);

    private static Dictionary<string, SpdxLicenseInfo> LoadLicenses()
    {
        using var document = JsonDocument.Parse(Resource("OpenModel.Core.spdx-licenses.json"));
        return document.RootElement.GetProperty("licenses").EnumerateArray()
            .Select(l => new SpdxLicenseInfo(
                l.GetProperty("licenseId").GetString()!,
                l.GetProperty("name").GetString()!,
                l.TryGetProperty("isOsiApproved", out var osi) && osi.GetBoolean(),
                l.TryGetProperty("isFsfLibre", out var fsf) && fsf.GetBoolean(),
                l.TryGetProperty("isDeprecatedLicenseId", out var deprecated) && deprecated.GetBoolean()))
            .ToDictionary(l => l.Id, StringComparer.OrdinalIgnoreCase);
    }

    private static HashSet<string> LoadExceptions()
    {
        using var document = JsonDocument.Parse(Resource("OpenModel.Core.spdx-exceptions.json"));
        return document.RootElement.GetProperty("exceptions").EnumerateArray()
            .Select(e => e.GetProperty("licenseExceptionId").GetString()!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    private static Stream Resource(string name) =>
        typeof(SpdxLicenseList).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} is missing");
}
