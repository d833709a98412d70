using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// A skops archive's schema.json names every type and function skops.io.load will import and construct: anything
/// outside scikit-learn, NumPy, SciPy, skops itself and plain containers runs code the user has to trust by name.
/// </summary>
internal static class SkopsSchema
{
    private static readonly HashSet<string> TrustedRoots = new(StringComparer.Ordinal) { "sklearn", "numpy", "scipy", "skops", "collections" };

    private static readonly HashSet<string> TrustedBuiltins = new(StringComparer.Ordinal)
    {
        "builtins.dict", "builtins.list", "builtins.tuple", "builtins.set", "builtins.frozenset", "builtins.int", "builtins.float", "builtins.complex",
        "builtins.str", "builtins.bytes", "builtins.bytearray", "builtins.bool", "builtins.NoneType", "builtins.slice", "builtins.type",
    };

    public static void Inspect(Stream stream, string member, InspectionWork work)
    {
        try
        {
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
            var reported = new HashSet<string>(StringComparer.Ordinal);
            Walk(document.RootElement, member, work, reported);
        }
        catch (JsonException e)
        {
            work.Add(BuildRules.UnscannableContainer, $"schema.json is not valid JSON, so the types it loads cannot be judged: {e.Message}", member);
        }
    }

    private static void Walk(JsonElement element, string member, InspectionWork work, HashSet<string> reported)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Walk(item, member, work, reported);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var (moduleKey, nameKey) in new[] { ("__module__", "__class__"), ("module_path", "function"), ("module_path", "attr") })
        {
            if (element.TryGetProperty(moduleKey, out var module) && module.ValueKind == JsonValueKind.String
                && element.TryGetProperty(nameKey, out var name) && name.ValueKind == JsonValueKind.String)
            {
                var dotted = module.GetString() + "." + name.GetString();
                if (!TrustedRoots.Contains(dotted.Split('.')[0]) && !TrustedBuiltins.Contains(dotted) && reported.Add(dotted))
                {
                    var level = GlobalPolicy.Classify(dotted) == GlobalClass.Denied ? DiagnosticLevel.Error : DiagnosticLevel.Warning;
                    work.Add(BuildRules.ExecutableContent, $"the skops schema loads {dotted}, outside scikit-learn, NumPy, SciPy and plain containers: skops imports and builds it once it is trusted", member, level: level);
                }
            }
        }

        foreach (var property in element.EnumerateObject())
        {
            Walk(property.Value, member, work, reported);
        }
    }
}
