using NJsonSchema;

namespace OpenModel.Tests.Shared;

/// <summary>Validates documents against the official CycloneDX JSON schemas shipped beside the tests.</summary>
internal static class CycloneDxSchema
{
    private static readonly Lazy<JsonSchema> Bom16 = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "bom-1.6.schema.json")).GetAwaiter().GetResult());

    private static readonly Lazy<JsonSchema> Bom17 = new(() =>
        JsonSchema.FromFileAsync(Path.Combine(AppContext.BaseDirectory, "Schemas", "bom-1.7.schema.json")).GetAwaiter().GetResult());

    public static IReadOnlyList<string> Validate16(byte[] json) => Validate(Bom16.Value, json);

    public static IReadOnlyList<string> Validate17(byte[] json) => Validate(Bom17.Value, json);

    private static IReadOnlyList<string> Validate(JsonSchema schema, byte[] json) =>
        schema.Validate(System.Text.Encoding.UTF8.GetString(json))
            .Select(error => $"{error.Path}: {error.Kind} {error}")
            .ToList();
}
