namespace OpenModel.Core.Facts;

/// <summary>Recognises Hugging Face Hub model URLs and gives their package URL (purl type <c>huggingface</c>).</summary>
public static class HuggingFaceSource
{
    public static string? ModelPurl(string? source, string? revision)
    {
        if (source is null || !Uri.TryCreate(source, UriKind.Absolute, out var uri) || !uri.Host.Equals("huggingface.co", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (segments.Length < 2 || segments[0] is "datasets" or "spaces")
        {
            return null;
        }

        var purl = $"pkg:huggingface/{Uri.EscapeDataString(segments[0])}/{Uri.EscapeDataString(segments[1])}";
        return revision is { Length: > 0 } ? $"{purl}@{revision.ToLowerInvariant()}" : purl;
    }

    /// <summary>A bare "org/name" (as in BaseModel="distilbert/distilbert-base-uncased") as a hub URL.</summary>
    public static string? HubUrl(string modelId) =>
        modelId.Count(c => c == '/') == 1 && !modelId.Contains(':') ? "https://huggingface.co/" + modelId : null;
}
