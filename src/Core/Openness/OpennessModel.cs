using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

public enum AttributeState
{
    Unknown,
    NotMet,
    Partial,
    Met,
}

public enum CheckState
{
    Unknown,
    Fail,
    Pass,
}

/// <summary>One of the five openness attributes, with one-line reasons that point at evidence.</summary>
public sealed record AttributeResult(int Number, string Name, AttributeState State, IReadOnlyList<string> Reasons);

/// <summary>One requirement of the OSI Open Source AI Definition 1.0.</summary>
public sealed record OsaidCheck(string Requirement, CheckState State, string Reason);

public sealed record OsaidResult(IReadOnlyList<OsaidCheck> Checks)
{
    public CheckState Overall =>
        Checks.Any(c => c.State == CheckState.Fail) ? CheckState.Fail
        : Checks.All(c => c.State == CheckState.Pass) ? CheckState.Pass
        : CheckState.Unknown;
}

/// <summary>The openness of one declared model: its MOF release, evaluation and OSAID checklist.</summary>
public sealed record ModelOpenness(string Name, string BomRef, MofRelease Release, MofEvaluation Mof, OsaidResult Osaid);

public sealed record OpennessResult(IReadOnlyList<ModelOpenness> Models, IReadOnlyList<AttributeResult> Attributes)
{
    /// <summary>The licence category of every licensed model, dataset, package and service, by bom-ref.</summary>
    public IReadOnlyDictionary<string, Licensing.LicenseCategory> LicenseCategories { get; init; } = new Dictionary<string, Licensing.LicenseCategory>();

    /// <summary>The system is as open as its least open model; with no model it has no class.</summary>
    public int? SystemClass => Models.Count == 0 || Models.Any(m => m.Mof.AchievedClass is null) ? null : Models.Max(m => m.Mof.AchievedClass);
}

/// <summary>What the project claims and what it requires (MSBuild properties and tags).</summary>
public sealed record OpennessOptions
{
    public string? MinimumClass { get; init; }

    public IReadOnlyList<string> Claims { get; init; } = [];

    public IReadOnlyList<string> AllowedLicenses { get; init; } = [];

    public IReadOnlyList<string> DeniedLicenses { get; init; } = [];

    public bool TreatWarningsAsErrors { get; init; }
}

public static class AttributeStateText
{
    public static string Text(this AttributeState state) => state switch
    {
        AttributeState.Met => "met",
        AttributeState.Partial => "partial",
        AttributeState.NotMet => "not met",
        _ => "unknown",
    };

    public static string Text(this CheckState state) => state switch
    {
        CheckState.Pass => "pass",
        CheckState.Fail => "fail",
        _ => "unknown",
    };
}
