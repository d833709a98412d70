using OpenModel.Core.CycloneDx;
using OpenModel.Core.Licensing;

namespace OpenModel.Core.AIBom;

/// <summary>
/// Writes a parsed licence as CycloneDX licences. CycloneDX's <c>expression</c> must be valid SPDX, so only an
/// expression whose every id is on the SPDX list (or a LicenseRef) and every WITH exception a listed exception
/// (<see cref="ParsedLicense.IsListedSpdx"/>) is kept whole; anything else ("Foo-1.0", "MIT WITH Bogus") is written as a
/// licence <c>name</c>, exactly as declared.
/// </summary>
public static class LicenseChoices
{
    public static List<LicenseChoice> From(ParsedLicense license) =>
        license.IsListedSpdx
            ? [new LicenseChoice { Expression = license.Text }]
            : [new LicenseChoice { License = new License { Name = license.Text } }];
}
