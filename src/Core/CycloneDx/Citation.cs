using System.Text.Json.Serialization;

namespace OpenModel.Core.CycloneDx;

/// <summary>
/// CycloneDX 1.7 <c>citations[]</c>: which entity supplied the value at some place in the BOM. OpenModel locates the
/// value with a JSONPath <see cref="Expressions"/> that selects the component by its bom-ref, so a citation stays right
/// whatever order the components are written in.
/// </summary>
public sealed class Citation
{
    /// <summary>JSONPath expressions locating the value (what OpenModel writes); exactly one of these and <see cref="Pointers"/>.</summary>
    [JsonPropertyName("expressions")]
    public List<string>? Expressions { get; set; }

    /// <summary>JSON Pointers (RFC 6901) to the value, as other generators may write them.</summary>
    [JsonPropertyName("pointers")]
    public List<string>? Pointers { get; set; }

    [JsonPropertyName("timestamp")]
    public string Timestamp { get; set; } = string.Empty;

    /// <summary>The bom-ref of the component, service or tool that supplied the value.</summary>
    [JsonPropertyName("attributedTo")]
    public string? AttributedTo { get; set; }

    /// <summary>The bom-ref of the formulation step that produced the value (the alternative to <see cref="AttributedTo"/>).</summary>
    [JsonPropertyName("process")]
    public string? Process { get; set; }

    /// <summary>Where exactly the value was read: the project file, model card, .nuspec, file header or load site.</summary>
    [JsonPropertyName("note")]
    public string? Note { get; set; }
}
