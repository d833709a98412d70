using System.Text.Json;

namespace OpenModel.Core.Release.Attestations;

/// <summary>
/// A Sigstore bundle v0.3 (sigstore/protobuf-specs, bundle.proto) holding a DSSE envelope signed by a key the verifier
/// already has: the key is named by its hint only, and there is no transparency-log entry or timestamp, since
/// attestations here are made offline.
/// </summary>
public static class SigstoreBundle
{
    public const string MediaType = "application/vnd.dev.sigstore.bundle.v0.3+json";

    public static byte[] Write(DsseEnvelope envelope, VerificationKey key) =>
        AttestationJson.Write(
            writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("mediaType", MediaType);
                writer.WriteStartObject("verificationMaterial");
                writer.WriteStartObject("publicKey");
                writer.WriteString("hint", key.Hint);
                writer.WriteEndObject();
                writer.WriteStartArray("tlogEntries");
                writer.WriteEndArray();
                writer.WriteEndObject();
                writer.WritePropertyName("dsseEnvelope");
                envelope.WriteTo(writer);
                writer.WriteEndObject();
            },
            indented: true);

    public static bool IsBundle(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("mediaType", out var mediaType) && mediaType.ValueKind == JsonValueKind.String &&
        mediaType.GetString()!.StartsWith("application/vnd.dev.sigstore.bundle", StringComparison.Ordinal);

    /// <exception cref="AttestationFormatException">Not a bundle with a DSSE envelope.</exception>
    public static DsseEnvelope Envelope(JsonElement root) =>
        root.TryGetProperty("dsseEnvelope", out var envelope)
            ? DsseEnvelope.Read(envelope)
            : throw new AttestationFormatException("the Sigstore bundle holds no dsseEnvelope (message signatures are not attestations)");
}
