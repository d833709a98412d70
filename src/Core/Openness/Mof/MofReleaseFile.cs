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
                ["date"] = release.Date ?? string.Empty,
                ["type"] = release.Type ?? string.Empty,
                ["architecture"] = release.Architecture ?? string.Empty,
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
        return new SerializerBuilder().Build().Serialize(document);
    }

    private static Dictionary<object, object?> Map(object? value) => value as Dictionary<object, object?> ?? [];

    private static string? Text(Dictionary<object, object?> map, string key) =>
        map.GetValueOrDefault(key) is { } value && value.ToString() is { Length: > 0 } text ? text : null;
}
