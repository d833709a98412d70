namespace OpenModel.Core.Licensing;

/// <summary>
/// Classifies SPDX expressions: AND takes the least open term (all obligations apply), OR the most open (the user
/// chooses), WITH keeps the licence's class (an exception only adds permissions).
/// </summary>
public static class LicenseClassifier
{
    private static readonly HashSet<string> OpenData = new(StringComparer.OrdinalIgnoreCase)
    {
        "CC0-1.0", "CC-PDDC", "PDDL-1.0", "ODC-PDDL-1.0", "ODC-By-1.0", "ODbL-1.0", "C-UDA-1.0",
        "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "OGL-UK-2.0", "OGL-UK-3.0", "OGL-Canada-2.0",
        "DL-DE-BY-2.0", "DL-DE-ZERO-2.0", "etalab-2.0", "NLOD-1.0", "NLOD-2.0",
    };

    private static readonly HashSet<string> OpenContent = new(StringComparer.OrdinalIgnoreCase)
    {
        "OpenMDW-1.0", "FreeBSD-DOC", "LAL-1.2", "LAL-1.3", "Linux-man-pages-copyleft",
    };

    private static readonly string[] RestrictedMarkers = ["RAIL", "-NC", "-ND", "Llama", "Gemma", "Proprietary", "-Terms", "Research", "Falcon", "Qwen", "DeepSeek", "IMDB"];

    public static LicenseCategory Classify(string? expression)
    {
        if (string.IsNullOrWhiteSpace(expression) || !SpdxExpression.TryParse(expression, out var parsed, out _))
        {
            return LicenseCategory.Unknown;
        }

        return Classify(parsed!);
    }

    public static LicenseCategory Classify(SpdxExpression expression) => expression switch
    {
        SpdxLicense license => ClassifyId(license.Id),
        SpdxConjunction and => LeastOpen(and.Terms.Select(Classify)),
        SpdxDisjunction or => MostOpen(or.Terms.Select(Classify)),
        _ => LicenseCategory.Unknown,
    };

    public static LicenseCategory ClassifyId(string id)
    {
        if (OpenContent.Contains(id) || id.StartsWith("GFDL-", StringComparison.OrdinalIgnoreCase))
        {
            return LicenseCategory.OpenContent;
        }

        if (RestrictedMarkers.Any(m => id.Contains(m, StringComparison.OrdinalIgnoreCase)))
        {
            return LicenseCategory.Restricted;
        }

        if (OpenData.Contains(id) || id.StartsWith("CC-BY-", StringComparison.OrdinalIgnoreCase))
        {
            return LicenseCategory.OpenData;
        }

        if (SpdxLicenseList.Find(id) is { } info)
        {
            return info.IsOsiApproved || info.IsFsfLibre ? LicenseCategory.OpenSource : LicenseCategory.Restricted;
        }

        return KnownLicenseRefs.BuiltIn.Contains(id) ? LicenseCategory.Restricted : LicenseCategory.Unknown;
    }

    /// <summary>Restricted wins over unknown in AND: one known restriction is enough to say the whole is not open.</summary>
    private static LicenseCategory LeastOpen(IEnumerable<LicenseCategory> categories)
    {
        var all = categories.ToList();
        return all.Contains(LicenseCategory.Restricted) ? LicenseCategory.Restricted : all.Min();
    }

    private static LicenseCategory MostOpen(IEnumerable<LicenseCategory> categories)
    {
        var all = categories.ToList();
        var best = all.Max();
        return best.IsOpen() ? best : all.Contains(LicenseCategory.Unknown) ? LicenseCategory.Unknown : LicenseCategory.Restricted;
    }
}
