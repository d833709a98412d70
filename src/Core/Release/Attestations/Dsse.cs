using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenModel.Core.Release.Attestations;

public sealed record DsseSignature(string KeyId, byte[] Signature);

/// <summary>A DSSE envelope (https://github.com/secure-systems-lab/dsse, protocol v1).</summary>
public sealed record DsseEnvelope(string PayloadType, byte[] Payload, IReadOnlyList<DsseSignature> Signatures)
{
    public const string InTotoPayloadType = "application/vnd.in-toto+json";

    /// <summary>
    /// The pre-authentication encoding that is signed: "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body, lengths as
    /// ASCII decimal byte counts. Signing this, not the payload, binds the payload type to the signature.
    /// </summary>
    public static byte[] PreAuthenticationEncoding(string payloadType, ReadOnlySpan<byte> payload)
    {
        var type = Encoding.UTF8.GetBytes(payloadType);
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"DSSEv1 {type.Length} "));
        var middle = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $" {payload.Length} "));
        return [.. header, .. type, .. middle, .. payload];
    }

    public static DsseEnvelope Sign(string payloadType, byte[] payload, SigningKey key) =>
        new(payloadType, payload, [new DsseSignature(key.Public.Hint, key.Sign(PreAuthenticationEncoding(payloadType, payload)))]);

    /// <summary>True when at least one signature verifies with <paramref name="key"/>, as DSSE verifiers accept.</summary>
    public bool IsSignedBy(VerificationKey key)
    {
        var pae = PreAuthenticationEncoding(PayloadType, Payload);
        return Signatures.Any(s => key.Verify(pae, s.Signature));
    }

    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("payloadType", PayloadType);
        writer.WriteBase64String("payload", Payload);
        writer.WriteStartArray("signatures");
        foreach (var signature in Signatures)
        {
            writer.WriteStartObject();
            writer.WriteString("keyid", signature.KeyId);
            writer.WriteBase64String("sig", signature.Signature);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <exception cref="AttestationFormatException">Not a DSSE envelope.</exception>
    public static DsseEnvelope Read(JsonElement element)
    {
        var payloadType = AttestationJson.String(element, "payloadType", "DSSE envelope");
        var payload = AttestationJson.Base64(element, "payload", "DSSE envelope");
        if (!element.TryGetProperty("signatures", out var signatures) || signatures.ValueKind != JsonValueKind.Array)
        {
            throw new AttestationFormatException("the DSSE envelope has no 'signatures' array");
        }

        var list = signatures.EnumerateArray()
            .Select(s => new DsseSignature(
                s.TryGetProperty("keyid", out var keyId) && keyId.ValueKind == JsonValueKind.String ? keyId.GetString()! : string.Empty,
                AttestationJson.Base64(s, "sig", "DSSE signature")))
            .ToList();
        return new DsseEnvelope(payloadType, payload, list);
    }
}

/// <summary>An attestation document that is not what it claims to be.</summary>
public sealed class AttestationFormatException(string message) : Exception(message);

internal static class AttestationJson
{
    public static string String(JsonElement element, string name, string what) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new AttestationFormatException($"the {what} has no string '{name}'");

    public static byte[] Base64(JsonElement element, string name, string what)
    {
        var text = String(element, name, what);
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new AttestationFormatException($"'{name}' of the {what} is not base64");
        }
    }

    public static byte[] Write(Action<Utf8JsonWriter> write, bool indented)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            write(writer);
        }

        if (indented)
        {
            buffer.WriteByte((byte)'\n');
        }

        return buffer.ToArray();
    }
}
