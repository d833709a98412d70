using System.Text.Json;

namespace OpenModel.Core.Release.Compliance;

/// <summary>
/// Read-only questions about a CycloneDX JSON document. Checks read the JSON, not OpenModel's typed model, so a BOM from
/// any generator is judged by everything it contains.
/// </summary>
public sealed class BomView
{
    private readonly JsonElement _root;
    private readonly HashSet<string> _reachable;

    public BomView(JsonElement root, bool signed)
    {
        _root = root;
        IsSigned = signed || Member(root, "signature").ValueKind == JsonValueKind.Object;
        Metadata = Member(root, "metadata");
        RootComponent = Member(Metadata, "component");
        Components = Array(root, "components").ToList();
        _reachable = Reachable();
    }

    public JsonElement Metadata { get; }

    public JsonElement RootComponent { get; }

    public IReadOnlyList<JsonElement> Components { get; }

    /// <summary>Signed by a JSF signature inside, or by a DSSE attestation of exactly this BOM beside it.</summary>
    public bool IsSigned { get; }

    public bool HasAuthor =>
        Array(Metadata, "authors").Any(a => NonEmpty(a, "name") || NonEmpty(a, "email")) || NonEmpty(Member(Metadata, "manufacturer"), "name") || NonEmpty(Member(Metadata, "manufacture"), "name");

    public bool HasTool => Tools.Any(t => NonEmpty(t, "name"));

    public bool HasToolVersion => Tools.Any(t => NonEmpty(t, "name") && NonEmpty(t, "version"));

    public bool HasTimestamp => NonEmpty(Metadata, "timestamp");

    public bool HasLifecycle => Array(Metadata, "lifecycles").Any(l => NonEmpty(l, "phase") || NonEmpty(l, "name"));

    /// <summary>The software the AI system runs on: a platform, operating system, container or framework component, or the build's statement of it.</summary>
    public bool HasInfrastructureSoftware =>
        HasProperty(Metadata, InfrastructureFacts.SoftwareProperty) || Components.Any(c => Text(c, "type") is "platform" or "operating-system" or "container" or "framework");

    /// <summary>The hardware it runs on: a device component, or the build's statement of it.</summary>
    public bool HasInfrastructureHardware =>
        HasProperty(Metadata, InfrastructureFacts.HardwareProperty) || Components.Any(c => Text(c, "type") == "device");

    public bool RootHasDependencies =>
        Text(RootComponent, "bom-ref") is { } root && Array(_root, "dependencies").Any(d => Text(d, "ref") == root && Array(d, "dependsOn").Any());

    /// <summary>The project and every top-level component, for the elements each component must have.</summary>
    public IEnumerable<JsonElement> EveryComponent =>
        RootComponent.ValueKind == JsonValueKind.Object ? Components.Prepend(RootComponent) : Components;

    public static bool NonEmpty(JsonElement element, string name) =>
        Text(element, name) is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text);

    public static bool HasProducer(JsonElement component) =>
        NonEmpty(Member(component, "supplier"), "name") || NonEmpty(Member(component, "manufacturer"), "name") ||
        NonEmpty(component, "publisher") || NonEmpty(component, "author") || Array(component, "authors").Any(a => NonEmpty(a, "name"));

    public static bool HasIdentifier(JsonElement component) =>
        NonEmpty(component, "purl") || NonEmpty(component, "cpe") || Member(component, "swid").ValueKind == JsonValueKind.Object ||
        Array(component, "omniborId").Any() || Array(component, "swhid").Any();

    public static bool HasHash(JsonElement component) =>
        Array(component, "hashes").Any(h => NonEmpty(h, "alg") && NonEmpty(h, "content"));

    public static bool HasLicense(JsonElement component) =>
        Array(component, "licenses").Any(l => NonEmpty(l, "expression") || Member(l, "license") is { ValueKind: JsonValueKind.Object } license &&
            (NonEmpty(license, "id") || NonEmpty(license, "name")));

    public static bool HasSource(JsonElement component) =>
        Array(component, "externalReferences").Any(r => NonEmpty(r, "url")) || Array(component, "data").Any(d => NonEmpty(Member(d, "contents"), "url"));

    public static bool HasMetrics(JsonElement component) =>
        Array(Member(Member(component, "modelCard"), "quantitativeAnalysis"), "performanceMetrics").Any();

    /// <summary>Considerations in the model card, or OpenModel's inspection verdict of the weights (openmodel:scan).</summary>
    public static bool HasSecurityInformation(JsonElement component) =>
        Member(Member(component, "modelCard"), "considerations").ValueKind == JsonValueKind.Object || HasProperty(component, "openmodel:scan");

    public bool NamesTrainingData(JsonElement model) =>
        Array(Member(Member(model, "modelCard"), "modelParameters"), "datasets").Any() || HasProperty(model, "openmodel:trainedOn") ||
        (Text(model, "bom-ref") is { } reference && Array(_root, "dependencies").Any(d => Text(d, "ref") == reference &&
            Array(d, "dependsOn").Any(to => Components.Any(c => Text(c, "bom-ref") == to.GetString() && Text(c, "type") == "data"))));

    /// <summary>Reachable from the BOM's subject through dependencies: its relationship to the product is stated.</summary>
    public bool IsReachable(JsonElement component) =>
        Text(component, "bom-ref") is { } reference && _reachable.Contains(reference);

    /// <summary>The value of <c>openmodel:unknown</c> / <c>openmodel:withheld</c> naming <paramref name="key"/>, if any.</summary>
    public static string? Marker(JsonElement holder, string key) =>
        Array(holder, "properties")
            .Where(p => Text(p, "value") == key)
            .Select(p => Text(p, "name"))
            .FirstOrDefault(n => n is "openmodel:unknown" or "openmodel:withheld");

    public static string? Text(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private IEnumerable<JsonElement> Tools =>
        Member(Metadata, "tools") switch
        {
            { ValueKind: JsonValueKind.Array } legacy => legacy.EnumerateArray(),
            { ValueKind: JsonValueKind.Object } tools => Array(tools, "components").Concat(Array(tools, "services")),
            _ => [],
        };

    private static bool HasProperty(JsonElement component, string name) =>
        Array(component, "properties").Any(p => Text(p, "name") == name && NonEmpty(p, "value"));

    private static JsonElement Member(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        Member(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private HashSet<string> Reachable()
    {
        var edges = Array(_root, "dependencies")
            .Where(d => Text(d, "ref") is not null)
            .GroupBy(d => Text(d, "ref")!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(d => Array(d, "dependsOn")).Select(e => e.GetString()).OfType<string>().ToList(), StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        if (Text(RootComponent, "bom-ref") is { } root)
        {
            pending.Push(root);
        }

        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var target in edges.GetValueOrDefault(next) ?? [])
                {
                    pending.Push(target);
                }
            }
        }

        return seen;
    }
}
