using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>
/// Writes a BOM deterministically: collections in a canonical order, no wall-clock time, and a serial number
/// derived from the content, so identical inputs always give identical bytes.
/// </summary>
public static class BomSerializer
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Serialize(Bom bom)
    {
        Canonicalize(bom);
        bom.SerialNumber = null;
        var withoutSerial = JsonSerializer.SerializeToUtf8Bytes(bom, Options);
        bom.SerialNumber = ContentSerialNumber(withoutSerial);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(bom, Options);
        return [.. bytes, (byte)'\n'];
    }

    /// <summary>The BOM as JSON in the order its lists have now (as read), for positions in the document it came from.</summary>
    public static JsonNode ToNode(Bom bom) => JsonSerializer.SerializeToNode(bom, Options)!;

    /// <summary>The BOM as JSON in the order <see cref="Serialize"/> writes it, for positions in the written document.</summary>
    public static JsonNode ToCanonicalNode(Bom bom)
    {
        Canonicalize(bom);
        return ToNode(bom);
    }

    /// <exception cref="JsonException">The text is not a CycloneDX JSON document.</exception>
    public static Bom Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<Bom>(json, Options) ?? throw new JsonException("the document is empty");

    /// <summary>A name-based (version 5 style) UUID of the content.</summary>
    private static string ContentSerialNumber(byte[] content)
    {
        var hash = SHA256.HashData(content);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    private static void Canonicalize(Bom bom)
    {
        bom.Components = Sorted(bom.Components, c => c.BomRef ?? c.Name);
        bom.Services = Sorted(bom.Services, s => s.BomRef ?? s.Name);
        bom.Dependencies = Sorted(bom.Dependencies, d => d.Ref);
        foreach (var dependency in bom.Dependencies ?? [])
        {
            dependency.DependsOn = dependency.DependsOn?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var composition in bom.Compositions ?? [])
        {
            composition.Assemblies = composition.Assemblies?.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var component in bom.Components ?? [])
        {
            component.Properties = Sorted(component.Properties, p => p.Name + "\0" + p.Value);
            component.ExternalReferences = Sorted(component.ExternalReferences, r => r.Type + "\0" + r.Url);
            if (component.Evidence?.Occurrences is { } occurrences)
            {
                component.Evidence.Occurrences = occurrences
                    .DistinctBy(o => (o.Location, o.Line))
                    .OrderBy(o => o.Location, StringComparer.Ordinal)
                    .ThenBy(o => o.Line)
                    .ToList();
            }
        }

        bom.Metadata.Properties = Sorted(bom.Metadata.Properties, p => p.Name + "\0" + p.Value);
        bom.Citations = Sorted(bom.Citations, c => string.Join("\0", c.Expressions ?? c.Pointers ?? []) + "\0" + c.AttributedTo + "\0" + c.Process + "\0" + c.Note);
    }

    private static List<T>? Sorted<T>(List<T>? items, Func<T, string> key) =>
        items is null || items.Count == 0 ? null : items.OrderBy(key, StringComparer.Ordinal).ToList();
}
