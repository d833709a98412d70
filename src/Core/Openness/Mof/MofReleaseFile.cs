using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OpenModel.Core.Openness.Mof;

/// <summary>Reads and writes Model Openness Tool release files (YAML, mof_schema.json shape), so results can be submitted to MOT.</summary>
public static class MofReleaseFile
{
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static MofRelease Read(string yaml)
    {
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object?>>(yaml) ?? [];
        var release = Map(root.GetValueOrDefault("release"));
        var result = new MofRelease
        {
            Name = Text(release, "name") ?? string.Empty,
            Version = Text(release, "version"),
            Date = Text(release, "date"),
            Type = Text(release, "type"),
            Architecture = Text(release, "architecture"),
            Producer = Text(release, "producer"),
            Repository = Text(release, "repository"),
            HuggingFace = Text(release, "huggingface"),
        };
        foreach (var (scope, value) in Map(release.GetValueOrDefault("license")))
        {
            if (Text(Map(value), "name") is { } name)
            {
                result.Licenses[scope.ToString()!] = name;
            }
        }

        foreach (var component in (release.GetValueOrDefault("components") as IEnumerable<object?> ?? []).Select(Map))
        {
            result.Components.Add(new MofReleaseComponent(
                Text(component, "name") ?? string.Empty,
                Text(component, "license"),
                Text(component, "license_path"),
                Text(component, "component_path"),
                Text(component, "description")));
        }

        return result;
    }

    public static string Write(MofRelease release)
    {
        var components = release.Components.Select(c =>
        {
            var entry = new Dictionary<string, object> { ["name"] = c.Name, ["description"] = c.Description ?? MofFramework.Find(c.Name)?.Description ?? string.Empty };
            if (c.License is not null)
            {
                entry["license"] = c.License;
            }

            if (c.LicensePath is not null)
            {
                entry["license_path"] = c.LicensePath;
            }

            if (c.ComponentPath is not null)
            {
                entry["component_path"] = c.ComponentPath;
            }

            return entry;
        }).ToList();
        var document = new Dictionary<string, object>
        {
            ["framework"] = new Dictionary<string, object> { ["name"] = "Model Openness Framework", ["version"] = "1.0", ["date"] = "2024-12-15" },
            ["release"] = new Dictionary<string, object>
            {
                ["name"] = release.Name,
                ["version"] = release.Version ?? string.Empty,
                ["type"] = MofType(release.Type),
                ["architecture"] = Architectures.FirstOrDefault(a => a.Equals(release.Architecture, StringComparison.OrdinalIgnoreCase)) ?? string.Empty,
                ["origin"] = string.Empty,
                ["producer"] = release.Producer ?? string.Empty,
                ["contact"] = string.Empty,
                ["repository"] = release.Repository ?? string.Empty,
                ["huggingface"] = release.HuggingFace ?? string.Empty,
                ["license"] = release.Licenses.OrderBy(l => l.Key, StringComparer.Ordinal)
                    .ToDictionary(l => l.Key, l => (object)new Dictionary<string, string> { ["name"] = l.Value, ["path"] = string.Empty }),
                ["components"] = components,
            },
        };
        if (release.Date is { Length: > 0 } date)
        {
            ((Dictionary<string, object>)document["release"])["date"] = date;
        }

        // Quoting strings such as "1.0" keeps them strings for every YAML reader, as mof_schema.json requires.
        return new SerializerBuilder().WithQuotingNecessaryStrings().Build().Serialize(document);
    }

    private static readonly string[] Architectures =
    [
        "transformer", "transformer decoder", "transformer encoder-decoder", "decoder", "encoder", "diffusion", "RNN", "CNN", "LSTM", "NeRF", "hybrid", "undisclosed", "other",
    ];

    /// <summary>MOT's release types from a Hugging Face pipeline tag (text-classification → language).</summary>
    private static string MofType(string? task) => task switch
    {
        null or "" => string.Empty,
        "language" or "vision" or "image" or "audio" or "video" or "3d" or "code" or "multimodal" or "other" => task,
        _ when task.StartsWith("text", StringComparison.Ordinal) || task.StartsWith("token", StringComparison.Ordinal) || task is "fill-mask" or "translation" or "summarization" or "question-answering" or "conversational" or "sentence-similarity" or "feature-extraction" => "language",
        _ when task.StartsWith("image", StringComparison.Ordinal) || task is "object-detection" or "depth-estimation" => "vision",
        _ when task.Contains("audio", StringComparison.Ordinal) || task.Contains("speech", StringComparison.Ordinal) => "audio",
        _ when task.Contains("video", StringComparison.Ordinal) => "video",
        _ => "other",
    };

    private static Dictionary<object, object?> Map(object? value) => value as Dictionary<object, object?> ?? [];

    private static string? Text(Dictionary<object, object?> map, string key) =>
        map.GetValueOrDefault(key) is { } value && value.ToString() is { Length: > 0 } text ? text : null;
}
