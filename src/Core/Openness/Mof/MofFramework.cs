using System.Text.Json;
using OpenModel.Core.Licensing;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace OpenModel.Core.Openness.Mof;

/// <summary>One of the 17 Model Openness Framework components.</summary>
public sealed record MofComponentDefinition(int Id, string Name, string Description, string ContentType, int Class, bool Required);

/// <summary>
/// The Model Openness Framework 1.0 as the Model Openness Tool defines it (Openness/Data, MIT): components, classes and
/// the type-appropriate licences per content type.
/// </summary>
public static class MofFramework
{
    public const int TechnicalReport = 11;
    public const int ResearchPaper = 21;

    private static readonly Lazy<IReadOnlyList<MofComponentDefinition>> LazyComponents = new(LoadComponents);
    private static readonly Lazy<IReadOnlyDictionary<string, HashSet<string>>> LazyTypeLicenses = new(LoadTypeLicenses);

    public static IReadOnlyList<MofComponentDefinition> Components => LazyComponents.Value;

    public static MofComponentDefinition? Find(string name) =>
        Components.FirstOrDefault(c => c.Name.Equals(name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static MofComponentDefinition Get(int id) => Components.Single(c => c.Id == id);

    /// <summary>Required components of exactly this class (3 = Class III, the entry level).</summary>
    public static IReadOnlyList<MofComponentDefinition> RequiredFor(int mofClass) =>
        Components.Where(c => c.Required && c.Class == mofClass).OrderBy(c => c.Id).ToList();

    /// <summary>Classes are cumulative: Class II needs Class III's components too, Class I all three.</summary>
    public static IReadOnlyList<MofComponentDefinition> CumulativeRequired(int mofClass) =>
        Enumerable.Range(mofClass, 4 - mofClass).SelectMany(RequiredFor).ToList();

    /// <summary>
    /// Whether a licence suits the component's content type. Deliberately wider than MOT's list for code (every
    /// OSI-approved licence, not 18 permissive ones) and data (PDDL-1.0, C-UDA-1.0, the CC-BY family); see the README.
    /// </summary>
    public static bool IsTypeAppropriate(string license, string contentType)
    {
        if (LazyTypeLicenses.Value.TryGetValue(contentType, out var listed) && listed.Contains(license))
        {
            return true;
        }

        var category = LicenseClassifier.Classify(license);
        return contentType switch
        {
            "code" => category == LicenseCategory.OpenSource,
            "data" => category is LicenseCategory.OpenData,
            "document" => category is LicenseCategory.OpenData or LicenseCategory.OpenContent,
            _ => false,
        };
    }

    private static IReadOnlyList<MofComponentDefinition> LoadComponents()
    {
        using var reader = new StreamReader(Resource("OpenModel.Core.mof.settings.yml"));
        var settings = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build()
            .Deserialize<SettingsFile>(reader);
        return settings.Components
            .Select(c => new MofComponentDefinition(c.Id, c.Name, c.Description, c.ContentType, c.Class, c.Required))
            .OrderBy(c => c.Id)
            .ToList();
    }

    private static IReadOnlyDictionary<string, HashSet<string>> LoadTypeLicenses()
    {
        using var document = JsonDocument.Parse(Resource("OpenModel.Core.mof-licenses.json"));
        var byType = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var license in document.RootElement.GetProperty("licenses").EnumerateArray())
        {
            var id = license.GetProperty("licenseId").GetString()!;
            var types = license.GetProperty("ContentType") is { ValueKind: JsonValueKind.Array } array
                ? array.EnumerateArray().Select(t => t.GetString()!)
                : [license.GetProperty("ContentType").GetString()!];

            // MOT's importer keeps only the last type of a licence listed twice (CC0-1.0, CC-PDDC); every listed type counts here.
            foreach (var type in types)
            {
                (byType.TryGetValue(type, out var set) ? set : byType[type] = new HashSet<string>(StringComparer.OrdinalIgnoreCase)).Add(id);
            }
        }

        return byType;
    }

    private static Stream Resource(string name) =>
        typeof(MofFramework).Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} is missing");

    private sealed class SettingsFile
    {
        public List<SettingsComponent> Components { get; set; } = [];
    }

    private sealed class SettingsComponent
    {
        public int Id { get; set; }

        public string Name { get; set; } = string.Empty;

        public string Description { get; set; } = string.Empty;

        public string ContentType { get; set; } = string.Empty;

        public int Class { get; set; }

        public bool Required { get; set; }
    }
}
