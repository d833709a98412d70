namespace OpenModel.Core.Licensing;

/// <summary>
/// A licence expression as a project, model card or file states it, parsed once: every later question (is it valid
/// SPDX, how open is it, may CycloneDX carry it as an <c>expression</c>) is answered from this one parse.
/// </summary>
public sealed class ParsedLicense
{
    private ParsedLicense(string text)
    {
        Text = text;
        if (SpdxExpression.TryParse(text, out var expression, out var error))
        {
            Expression = expression;
        }
        else
        {
            ParseError = error;
        }

        Category = Expression is null || string.IsNullOrWhiteSpace(text) ? LicenseCategory.Unknown : LicenseClassifier.Classify(Expression);
        IsListedSpdx = Expression is not null && Expression.Licenses.All(l =>
            (l.IsReference || SpdxLicenseList.Find(l.Id) is not null)
            && (l.Exception is null || SpdxLicenseList.IsException(l.Exception)));
    }

    /// <summary>The expression exactly as stated.</summary>
    public string Text { get; }

    /// <summary>Null when <see cref="Text"/> is not an SPDX expression (see <see cref="ParseError"/>).</summary>
    public SpdxExpression? Expression { get; }

    public string? ParseError { get; }

    /// <summary>How open the stated terms are (<see cref="LicenseClassifier"/>).</summary>
    public LicenseCategory Category { get; }

    /// <summary>
    /// Every id is on the SPDX list (or a LicenseRef) and every WITH exception a listed exception: only then is it valid
    /// as a CycloneDX <c>expression</c>; anything else ("Foo-1.0", "MIT WITH Bogus") can only be written as a name.
    /// </summary>
    public bool IsListedSpdx { get; }

    public static ParsedLicense? From(string? text) => text is null ? null : new ParsedLicense(text);

    /// <summary>Why the expression is not acceptable SPDX for this project, or null (<see cref="LicenseExpressionCheck"/>).</summary>
    public string? Problem(IReadOnlySet<string>? projectLicenseRefs) => LicenseExpressionCheck.Problem(this, projectLicenseRefs);

    public override string ToString() => Text;
}
