using System.Text.Json;
using Json.Schema;

namespace OpenModel.Tests.Shared;

/// <summary>Validates documents against the official SPDX 3.0.1 JSON schema (draft 2020-12) shipped beside the tests.</summary>
internal static class Spdx3Schema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "spdx-3.0.1.schema.json"))));

    public static IReadOnlyList<string> Validate(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var result = Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key} {e.Value}")).Take(40).ToList();
    }
}
