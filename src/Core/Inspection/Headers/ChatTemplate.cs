using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// A chat template is Jinja that runs on every prompt (GGUF <c>tokenizer.chat_template</c>, Hugging Face
/// <c>tokenizer_config.json</c>'s <c>chat_template</c>): it is hashed as its own part, so a changed template shows even
/// when the weights did not change, and scanned for the constructs that escape Jinja's sandbox (dunder attributes,
/// the attr filter, the globals of lipsum/cycler/joiner/namespace, escaped underscores) — no benign template needs them.
/// </summary>
internal static partial class ChatTemplate
{
    private const long MaxConfigBytes = 16 << 20;

    public static void Inspect(string template, string name, string? member, InspectionWork work)
    {
        var bytes = Encoding.UTF8.GetBytes(template);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        work.Metadata[name + ".sha256"] = sha;

        // Escapes are decoded first: "\x5f\x5fclass\x5f\x5f" in a string literal is __class__ to Jinja.
        var decoded = EscapedUnderscore().Replace(template, "_");
        var found = SandboxEscape().Matches(decoded).Select(m => m.Value.Trim()).Distinct(StringComparer.Ordinal).Take(5).ToList();
        var findings = new List<InspectionFinding>();
        if (found.Count > 0)
        {
            findings.Add(new InspectionFinding(BuildRules.ExecutableContent, $"the chat template '{name}' uses {string.Join(", ", found.Select(f => $"'{f}'"))}, which reach Python objects outside Jinja's sandbox (template injection runs code when a prompt is formatted)", member, level: DiagnosticLevel.Error));
        }

        work.Findings.AddRange(findings);
        work.Parts.Add(new InspectedPart("chat-template", name, sha, bytes.Length, findings));
    }

    /// <summary>
    /// tokenizer_config.json or chat_template.json (chat_template as a string, or a list of {name, template}), or
    /// chat_template.jinja (the whole file is the template).
    /// </summary>
    public static void InspectConfig(Stream stream, string fileName, InspectionWork work)
    {
        work.Metadata["format"] = "chat-template-config";
        if (stream.Length > MaxConfigBytes)
        {
            work.Add(BuildRules.UnscannableContainer, $"{fileName} is larger than {MaxConfigBytes / (1 << 20)} MiB, the most this scan reads");
            return;
        }

        if (fileName.EndsWith(".jinja", StringComparison.OrdinalIgnoreCase))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            Inspect(reader.ReadToEnd(), "chat_template", null, work);
            return;
        }

        try
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("chat_template", out var template))
            {
                return;
            }

            switch (template.ValueKind)
            {
                case JsonValueKind.String:
                    Inspect(template.GetString()!, "chat_template", null, work);
                    break;
                case JsonValueKind.Array:
                    foreach (var entry in template.EnumerateArray())
                    {
                        if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("template", out var text) && text.ValueKind == JsonValueKind.String)
                        {
                            var label = entry.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "unnamed";
                            Inspect(text.GetString()!, $"chat_template.{label}", null, work);
                        }
                        else
                        {
                            work.Add(BuildRules.UnscannableContainer, "a chat_template entry is not a {name, template} object, so it cannot be judged");
                        }
                    }

                    break;
                case JsonValueKind.Null:
                    break;
                default:
                    work.Add(BuildRules.UnscannableContainer, "chat_template is neither a string nor a list of templates, so it cannot be judged");
                    break;
            }
        }
        catch (JsonException e)
        {
            work.Add(BuildRules.UnscannableContainer, $"{fileName} is not valid JSON: {e.Message}");
        }
    }

    [GeneratedRegex(@"\\x5[fF]|\\u005[fF]|\\U0000005[fF]|\\137")]
    private static partial Regex EscapedUnderscore();

    [GeneratedRegex(@"__[A-Za-z]\w*__|\|\s*attr\b|\b(lipsum|cycler|joiner|namespace|self|config|request)\s*\.\s*_*\w+|\.\s*mro\b|\b(popen|subprocess|__import__|import_module|getattr|eval|exec)\b|\bos\s*\.\s*\w+")]
    private static partial Regex SandboxEscape();
}
