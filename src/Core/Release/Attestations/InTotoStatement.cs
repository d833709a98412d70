using System.Text.Json;

namespace OpenModel.Core.Release.Attestations;

/// <summary>A build output the attestation is about: its file name and SHA-256.</summary>
public sealed record AttestationSubject(string Name, string Sha256);

/// <summary>An in-toto Statement v1 whose predicate is a CycloneDX BOM (https://github.com/in-toto/attestation, spec v1).</summary>
public sealed class InTotoStatement
{
    public const string StatementType = "https://in-toto.io/Statement/v1";
    public const string CycloneDxPredicateType = "https://cyclonedx.org/bom";

    private InTotoStatement(IReadOnlyList<AttestationSubject> subjects, string predicateType, JsonElement predicate)
    {
        Subjects = subjects;
        PredicateType = predicateType;
        Predicate = predicate;
    }

    public IReadOnlyList<AttestationSubject> Subjects { get; }

    public string PredicateType { get; }

    public JsonElement Predicate { get; }

    /// <summary>The Statement as compact JSON, subjects ordered by name, the BOM embedded as it is in its file.</summary>
    /// <exception cref="AttestationFormatException">The BOM is not a JSON object.</exception>
    public static byte[] Write(IReadOnlyList<AttestationSubject> subjects, ReadOnlySpan<byte> bomJson)
    {
        JsonDocument bom;
        try
        {
            bom = JsonDocument.Parse(bomJson.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (JsonException e)
        {
            throw new AttestationFormatException($"the BOM is not JSON: {e.Message}");
        }

        using (bom)
        {
            if (bom.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new AttestationFormatException("the BOM is not a JSON object");
            }

            return AttestationJson.Write(
                writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("_type", StatementType);
                    writer.WriteStartArray("subject");
                    foreach (var subject in subjects.OrderBy(s => s.Name, StringComparer.Ordinal))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", subject.Name);
                        writer.WriteStartObject("digest");
                        writer.WriteString("sha256", subject.Sha256);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteString("predicateType", CycloneDxPredicateType);
                    writer.WritePropertyName("predicate");
                    bom.RootElement.WriteTo(writer);
                    writer.WriteEndObject();
                },
                indented: false);
        }
    }

    /// <exception cref="AttestationFormatException">Not an in-toto Statement v1 with sha256 subjects.</exception>
    public static InTotoStatement Read(ReadOnlySpan<byte> json)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 256 });
            root = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new AttestationFormatException($"the payload is not JSON: {e.Message}");
        }

        if (AttestationJson.String(root, "_type", "statement") != StatementType)
        {
            throw new AttestationFormatException($"the payload is not an in-toto Statement v1 (_type must be {StatementType})");
        }

        if (!root.TryGetProperty("subject", out var subjectArray) || subjectArray.ValueKind != JsonValueKind.Array || subjectArray.GetArrayLength() == 0)
        {
            throw new AttestationFormatException("the statement has no subjects");
        }

        var subjects = new List<AttestationSubject>();
        foreach (var subject in subjectArray.EnumerateArray())
        {
            var name = AttestationJson.String(subject, "name", "subject");
            var digest = subject.TryGetProperty("digest", out var d) ? d : default;
            subjects.Add(new AttestationSubject(name, AttestationJson.String(digest, "sha256", $"subject '{name}' digest")));
        }

        if (!root.TryGetProperty("predicate", out var predicate))
        {
            throw new AttestationFormatException("the statement has no predicate");
        }

        return new InTotoStatement(subjects, AttestationJson.String(root, "predicateType", "statement"), predicate);
    }
}
