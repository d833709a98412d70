using OpenModel.Core.CycloneDx;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.AIBom;

/// <summary>Turns a declared licence into CycloneDX licences: a valid SPDX expression is kept whole, anything else by name.</summary>
public static class LicenseChoices
{
    public static List<LicenseChoice>? FromExpression(string? expression)
    {
        if (expression is null)
        {
            return null;
        }

        return SpdxExpression.TryParse(expression, out _, out _)
            ? [new LicenseChoice { Expression = expression }]
            : [new LicenseChoice { License = new License { Name = expression } }];
    }
}
