namespace OpenModel.RealWorld;

/// <summary>
/// Which diagnostics count as finding a labelled site of each kind. A site is found when one of its kind's IDs is
/// reported with its (mapped) start line inside the label's lines, or when OM2000 lists the line among its evidence
/// locations. The corpus has no AIModel/AIDataset declarations, so every load is undeclared and should raise
/// OM2001/OM2002 (path resolved) or OM2004 (path computed at run time); which of the three fires is not scored here.
/// </summary>
internal static class Kinds
{
    public const string ModelLoad = "model-load";
    public const string TokenizerLoad = "tokenizer-load";
    public const string DataLoad = "data-load";
    public const string Service = "service";
    public const string Download = "download";
    public const string Insecure = "insecure";
    public const string Credential = "credential";

    public static readonly string[] All = [ModelLoad, TokenizerLoad, DataLoad, Service, Download, Insecure, Credential];

    private static readonly string[] LoadIds = ["OM2001", "OM2002", "OM2004"];

    /// <summary>OM1xxx rules that report an insecure pattern at its site (OM1003/OM1004 are download kinds, OM1008 its own
    /// kind, OM1016/OM1017 are posture notes on whole endpoints and are left to the random sample).</summary>
    private static readonly string[] InsecureIds =
        ["OM1001", "OM1002", "OM1005", "OM1006", "OM1007", "OM1009", "OM1010", "OM1011", "OM1012", "OM1013", "OM1014", "OM1015", "OM1018"];

    public static IReadOnlyList<string> Ids(string kind) => kind switch
    {
        ModelLoad or TokenizerLoad or DataLoad => LoadIds,
        // A client whose model id is computed at run time is reported as OM2004, as a load with such a path is.
        Service => ["OM2003", "OM2004"],
        Download => ["OM1003", "OM1004"],
        Insecure => InsecureIds,
        Credential => ["OM1008"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
