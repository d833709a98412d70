namespace OpenModel.Core.Openness.Mof;

/// <summary>A model release as the Model Openness Tool's release file describes it (mof_schema.json).</summary>
public sealed class MofRelease
{
    public string Name { get; set; } = string.Empty;

    public string? Version { get; set; }

    public string? Date { get; set; }

    public string? Type { get; set; }

    public string? Architecture { get; set; }

    public string? Producer { get; set; }

    public string? Repository { get; set; }

    public string? HuggingFace { get; set; }

    /// <summary>Licences by scope: distribution, code, data, document.</summary>
    public Dictionary<string, string> Licenses { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<MofReleaseComponent> Components { get; } = [];
}

/// <summary>A component a release includes; <see cref="License"/> null means "inherit", "unlicensed" means none.</summary>
public sealed record MofReleaseComponent(string Name, string? License, string? LicensePath = null, string? ComponentPath = null, string? Description = null)
{
    public const string Unlicensed = "unlicensed";
}
