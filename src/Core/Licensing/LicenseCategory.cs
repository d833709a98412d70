namespace OpenModel.Core.Licensing;

/// <summary>How open a licence is, for code, data and documents alike.</summary>
public enum LicenseCategory
{
    /// <summary>Not given, not parseable, or an identifier nobody knows. Never treated as open.</summary>
    Unknown,

    /// <summary>Known, and limits use, field of use, commercial use or modification (RAIL, Llama/Gemma, CC-BY-NC/ND, proprietary).</summary>
    Restricted,

    /// <summary>Free documentation and content licences (GFDL, CC-PDDC, OpenMDW).</summary>
    OpenContent,

    /// <summary>Open data licences (CC0, CC-BY, CC-BY-SA, CDLA, ODC-By, ODbL, PDDL, C-UDA).</summary>
    OpenData,

    /// <summary>OSI-approved or FSF-libre software licences.</summary>
    OpenSource,
}

public static class LicenseCategoryExtensions
{
    public static bool IsOpen(this LicenseCategory category) => category >= LicenseCategory.OpenContent;

    public static string Label(this LicenseCategory category) => category switch
    {
        LicenseCategory.OpenSource => "open source (OSI/FSF)",
        LicenseCategory.OpenData => "open data",
        LicenseCategory.OpenContent => "open content",
        LicenseCategory.Restricted => "restricted",
        _ => "unknown",
    };
}
