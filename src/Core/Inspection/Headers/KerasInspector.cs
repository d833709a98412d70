using System.Text;
using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// Keras and TensorFlow content that runs code: <c>module</c>/<c>fn_module</c> references outside the Keras, TensorFlow
/// and NumPy families (Keras imports them, CVE-2025-1550), <c>enable_unsafe_deserialization</c> (turns safe_mode off
/// from inside the file), <c>TorchModuleWrapper</c> (a pickled torch module), Lambda layers and <c>__lambda__</c>
/// activations (marshalled Python bytecode), and TensorFlow file I/O ops. JSON is parsed, so \u escapes are decoded
/// before anything is matched; HDF5 attributes are matched on bytes with the same escapes decoded.
/// </summary>
internal static class KerasInspector
{
    private static readonly string[] FileOps = ["ReadFile", "WriteFile", "MatchingFiles", "PrintV2"];
    private static readonly HashSet<string> SafeModuleRoots = new(StringComparer.Ordinal) { "keras", "keras_hub", "keras_nlp", "keras_cv", "tensorflow", "tf_keras", "tf", "numpy" };

    /// <summary>config.json of a .keras archive: every object in it is judged.</summary>
    public static void InspectConfig(Stream stream, string member, InspectionWork work)
    {
        try
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
            var reported = new HashSet<string>(StringComparer.Ordinal);
            Walk(document.RootElement, member, work, reported);
        }
        catch (JsonException e)
        {
            work.Add(BuildRules.UnscannableContainer, $"config.json is not valid JSON: {e.Message}", member);
        }
    }

    /// <summary>HDF5 (.h5) and SavedModel protobufs are scanned as bytes for the markers, in bounded chunks.</summary>
    public static void InspectBytes(Stream stream, string? member, InspectionWork work, bool fileOps)
    {
        var markers = new List<(byte[] Marker, DiagnosticLevel Level, string Message)>
        {
            ("\"class_name\":\"Lambda\""u8.ToArray(), DiagnosticLevel.Warning, "a Keras Lambda layer in the model config deserialises and runs Python code (HDF5 loading ignores safe_mode, CVE-2025-9905)"),
            ("\"__lambda__\""u8.ToArray(), DiagnosticLevel.Warning, "a Keras __lambda__ activation in the model config deserialises and runs Python code"),
            ("enable_unsafe_deserialization"u8.ToArray(), DiagnosticLevel.Error, "the model config calls enable_unsafe_deserialization, which turns Keras safe_mode off from inside the file"),
            ("\"class_name\":\"TorchModuleWrapper\""u8.ToArray(), DiagnosticLevel.Error, "a Keras TorchModuleWrapper layer: its torch module is unpickled (torch.load) when the model loads"),
        };
        if (fileOps)
        {
            markers.AddRange(FileOps.Select(op => (Encoding.ASCII.GetBytes(op), DiagnosticLevel.Warning, $"TensorFlow graph uses the file I/O op {op}")));
        }

        var found = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new byte[1 << 20];
        var overlap = 256;
        var carry = 0;
        int read;
        while ((read = stream.Read(buffer, carry, buffer.Length - carry)) > 0)
        {
            var window = buffer.AsSpan(0, carry + read);
            var normalised = Normalise(window);
            // Every marker is OM4006; the ones that switch safe_mode off or unpickle are graded up to an error.
            foreach (var (marker, level, message) in markers)
            {
                if (normalised.AsSpan().IndexOf(marker) >= 0 && found.Add(message))
                {
                    work.Add(BuildRules.ExecutableContent, message, member, level: level);
                }
            }

            foreach (var module in ModuleReferences(normalised))
            {
                if (!IsSafeModule(module) && found.Add("module:" + module))
                {
                    ReportModule(module, null, member, work);
                }
            }

            carry = Math.Min(overlap, window.Length);
            window[^carry..].CopyTo(buffer);
        }
    }

    private static void Walk(JsonElement element, string member, InspectionWork work, HashSet<string> reported)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var className = element.TryGetProperty("class_name", out var cls) && cls.ValueKind == JsonValueKind.String ? cls.GetString() : null;
                var name = element.TryGetProperty("config", out var config) && config.ValueKind == JsonValueKind.Object && config.TryGetProperty("name", out var n) ? n.ToString() : "(unnamed)";
                switch (className)
                {
                    case "Lambda":
                        work.Add(BuildRules.ExecutableContent, $"Keras Lambda layer '{name}' deserialises and runs Python code", member);
                        break;
                    case "TorchModuleWrapper":
                        work.Add(BuildRules.ExecutableContent, $"Keras TorchModuleWrapper layer '{name}': its torch module is unpickled (torch.load) when the model loads", member, level: DiagnosticLevel.Error);
                        break;
                }

                foreach (var key in new[] { "module", "fn_module" })
                {
                    if (element.TryGetProperty(key, out var module) && module.ValueKind == JsonValueKind.String && module.GetString() is { Length: > 0 } dotted
                        && !IsSafeModule(dotted) && reported.Add(dotted + "." + className))
                    {
                        // {"class_name": "function", "config": "exec"} names the function itself.
                        var attribute = className == "function" && config.ValueKind == JsonValueKind.String ? config.GetString() : className;
                        ReportModule(dotted, attribute, member, work);
                    }
                }

                foreach (var property in element.EnumerateObject())
                {
                    Walk(property.Value, member, work, reported);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, member, work, reported);
                }

                break;
            case JsonValueKind.String when element.GetString() is { } text:
                if (text == "enable_unsafe_deserialization" && reported.Add(text))
                {
                    work.Add(BuildRules.ExecutableContent, "the config calls enable_unsafe_deserialization, which turns Keras safe_mode off from inside the file", member, level: DiagnosticLevel.Error);
                }
                else if (text == "__lambda__" && reported.Add(text))
                {
                    work.Add(BuildRules.ExecutableContent, "a Keras __lambda__ activation deserialises and runs Python code", member);
                }

                break;
        }
    }

    /// <summary>A module outside the Keras, TensorFlow and NumPy families is imported by Keras when the model loads.</summary>
    private static void ReportModule(string module, string? className, string? member, InspectionWork work)
    {
        var dotted = className is null ? module : module + "." + className;
        var level = GlobalPolicy.Classify(dotted) == GlobalClass.Denied || GlobalPolicy.Classify(module + ".x") == GlobalClass.Denied ? DiagnosticLevel.Error : DiagnosticLevel.Warning;
        work.Add(BuildRules.ExecutableContent, $"the Keras config references {dotted}, outside the Keras, TensorFlow and NumPy families: Keras imports it when the model loads (CVE-2025-1550)", member, level: level);
    }

    private static bool IsSafeModule(string module) => SafeModuleRoots.Contains(module.Split('.')[0]);

    /// <summary>Whitespace dropped and \u00XX escapes decoded, so escaped or spaced-out JSON matches the same markers.</summary>
    private static byte[] Normalise(ReadOnlySpan<byte> window)
    {
        var result = new byte[window.Length];
        var length = 0;
        for (var i = 0; i < window.Length; i++)
        {
            var b = window[i];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                continue;
            }

            if (b == '\\' && i + 5 < window.Length && window[i + 1] == 'u' && window[i + 2] == '0' && window[i + 3] == '0'
                && byte.TryParse(Encoding.ASCII.GetString(window.Slice(i + 4, 2)), System.Globalization.NumberStyles.HexNumber, null, out var decoded))
            {
                result[length++] = decoded;
                i += 5;
                continue;
            }

            result[length++] = b;
        }

        return result[..length];
    }

    /// <summary>The strings after "module": and "fn_module": in normalised JSON bytes.</summary>
    private static IEnumerable<string> ModuleReferences(byte[] normalised)
    {
        foreach (var key in new[] { "\"module\":\""u8.ToArray(), "\"fn_module\":\""u8.ToArray() })
        {
            var at = 0;
            while ((at = normalised.AsSpan(at).IndexOf(key) is var i and >= 0 ? at + i : -1) >= 0)
            {
                var start = at + key.Length;
                var end = normalised.AsSpan(start).IndexOf((byte)'"');
                if (end > 0 && end < 256)
                {
                    yield return Encoding.UTF8.GetString(normalised, start, end);
                }

                at = start;
            }
        }
    }
}
