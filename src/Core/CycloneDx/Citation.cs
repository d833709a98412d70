using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>
/// CycloneDX 1.7 <c>citations[]</c>: which entity supplied the value at some place in the BOM. OpenModel locates the
/// value with a JSONPath <see cref="Expressions"/> that selects the component by its bom-ref, so a citation stays right
/// whatever order the components are written in.
/// </summary>
public sealed class Citation
{
    [JsonPropertyName("expressions")]
    public List<string> Expressions { get; set; } = [];

    [JsonPropertyName("timestamp")]
    public string Timestamp { get; set; } = string.Empty;

    /// <summary>The bom-ref of the component, service or tool that supplied the value.</summary>
    [JsonPropertyName("attributedTo")]
    public string? AttributedTo { get; set; }

    /// <summary>Where exactly the value was read: the project file, model card, .nuspec, file header or load site.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; set; }
}
