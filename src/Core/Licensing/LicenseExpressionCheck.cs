namespace OpenModel.Core.Licensing;

/// <summary>Why an expression is not acceptable SPDX, or null when it is.</summary>
public static class LicenseExpressionCheck
{
    public static string? Problem(string expression, IReadOnlySet<string>? projectLicenseRefs = null) =>
        Problem(ParsedLicense.From(expression)!, projectLicenseRefs);

    public static string? Problem(ParsedLicense license, IReadOnlySet<string>? projectLicenseRefs)
    {
        if (license.Expression is not { } parsed)
        {
            return license.ParseError;
        }

        return Problem(parsed, projectLicenseRefs);
    }

    private static string? Problem(SpdxExpression parsed, IReadOnlySet<string>? projectLicenseRefs)
    {
        foreach (var license in parsed.Licenses)
        {
            if (license.IsReference)
            {
                if (!KnownLicenseRefs.BuiltIn.Contains(license.Id) && projectLicenseRefs?.Contains(license.Id) != true)
                {
                    return $"'{license.Id}' is not a known LicenseRef (declare it in the AIKnownLicenseRefs property)";
                }
            }
            else if (SpdxLicenseList.Find(license.Id) is not { } info)
            {
                return $"'{license.Id}' is not an SPDX licence identifier";
            }
            else if (info.IsDeprecated)
            {
                return $"'{license.Id}' is a deprecated SPDX identifier";
            }

            if (license.Exception is { } exception && !SpdxLicenseList.IsException(exception))
            {
                return $"'{exception}' is not an SPDX licence exception";
            }
        }

        return null;
    }
}
