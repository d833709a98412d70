using System.Text;
using System.Text.Json;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>Keras and TensorFlow content that runs code: Lambda layers (marshalled Python bytecode) and file I/O ops.</summary>
internal static class KerasInspector
{
    private static readonly string[] FileOps = ["ReadFile", "WriteFile", "MatchingFiles", "PrintV2"];
    private static readonly byte[][] LambdaMarkers = ["\"class_name\": \"Lambda\""u8.ToArray(), "\"class_name\":\"Lambda\""u8.ToArray()];

    /// <summary>config.json of a .keras archive: every layer whose class is Lambda.</summary>
    public static void InspectConfig(Stream stream, string member, InspectionWork work)
    {
        try
        {
            using var document = JsonDocument.Parse(stream);
            foreach (var name in LambdaLayers(document.RootElement))
            {
                work.Add("OM4006", DiagnosticLevel.Warning, $"Keras Lambda layer '{name}' deserialises and runs Python code", member);
            }
        }
        catch (JsonException e)
        {
            work.Add("OM4004", DiagnosticLevel.Warning, $"config.json is not valid JSON: {e.Message}", member);
        }
    }

    /// <summary>HDF5 (.h5) and SavedModel protobufs are scanned as bytes for the markers, in bounded chunks.</summary>
    public static void InspectBytes(Stream stream, string? member, InspectionWork work, bool fileOps)
    {
        var markers = LambdaMarkers.Select(m => (Marker: m, Finding: ("OM4006", "a Keras Lambda layer in the model config deserialises and runs Python code")))
            .Concat(fileOps ? FileOps.Select(op => (Marker: Encoding.ASCII.GetBytes(op), Finding: ("OM4006", $"TensorFlow graph uses the file I/O op {op}"))) : [])
            .ToList();
        var found = new HashSet<string>();
        var buffer = new byte[1 << 20];
        var overlap = markers.Max(m => m.Marker.Length);
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var window = buffer.AsSpan(0, carry + read);
            foreach (var (marker, finding) in markers)
            {
                if (window.IndexOf(marker) >= 0 && found.Add(finding.Item2))
                {
                    work.Add(finding.Item1, DiagnosticLevel.Warning, finding.Item2, member);
                }
            }

            carry = Math.Min(overlap, window.Length);
            window[^carry..].CopyTo(buffer);
        }
    }

    private static IEnumerable<string> LambdaLayers(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("class_name", out var cls) && cls.ValueKind == JsonValueKind.String && cls.GetString() == "Lambda")
            {
                yield return element.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("name", out var name)
                    ? name.ToString()
                    : "(unnamed)";
            }

            foreach (var property in element.EnumerateObject())
            {
                foreach (var layer in LambdaLayers(property.Value))
                {
                    yield return layer;
                }
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var layer in LambdaLayers(item))
                {
                    yield return layer;
                }
            }
        }
    }
}
