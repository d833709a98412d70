using OpenModel.Core.Licensing;

namespace OpenModel.Core.Openness.Mof;

/// <summary>How one MOF component of a release fares: included, its resolved licence, and whether it counts.</summary>
public sealed record MofComponentStatus(MofComponentDefinition Component, bool Present, string? License, LicenseCategory Category, bool Counts, bool TypeAppropriate)
{
    public string Rationale => (Present, License, Counts) switch
    {
        (false, _, _) => "not included",
        (true, null, _) => "included without a licence",
        (true, _, false) => $"licence {License} is {Category.Label()}, not open",
        _ => TypeAppropriate ? $"licence {License} ({Category.Label()})" : $"licence {License} ({Category.Label()}), open but not typical for {Component.ContentType}",
    };
}

/// <summary>Progress towards one MOF class and what stands in the way.</summary>
public sealed record MofClassEvaluation(
    int Class,
    double Progress,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unlicensed,
    IReadOnlyList<string> NotOpen,
    IReadOnlyList<string> NotTypeAppropriate)
{
    public bool IsMet => Progress >= 100;
}

public sealed record MofEvaluation(string Model, int? AchievedClass, IReadOnlyList<MofClassEvaluation> Classes, IReadOnlyList<MofComponentStatus> Components)
{
    public string ClassLabel => Label(AchievedClass);

    public MofClassEvaluation For(int mofClass) => Classes.Single(c => c.Class == mofClass);

    public static string Label(int? mofClass) => mofClass switch
    {
        1 => "Class I",
        2 => "Class II",
        3 => "Class III",
        _ => "None",
    };

    /// <summary>"I", "II", "III" or "None" as written in AIOpennessMinimumClass; null when not a class name.</summary>
    public static int? ParseClass(string? text) => text?.Trim().ToUpperInvariant().Replace("CLASS", string.Empty).Replace("MOF", string.Empty).Trim(' ', '-', '_') switch
    {
        "I" or "1" => 1,
        "II" or "2" => 2,
        "III" or "3" => 3,
        "NONE" or "" => 4,
        _ => null,
    };
}
