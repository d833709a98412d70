namespace OpenModel.Core.Licensing;

/// <summary>A parsed SPDX licence expression (SPDX 2.3 Annex D): licences joined by AND, OR and WITH.</summary>
public abstract record SpdxExpression
{
    /// <summary>Every licence identifier or LicenseRef in the expression.</summary>
    public abstract IEnumerable<SpdxLicense> Licenses { get; }

    public static SpdxExpression Parse(string text) =>
        TryParse(text, out var expression, out var error) ? expression! : throw new FormatException(error);

    public static bool TryParse(string text, out SpdxExpression? expression, out string? error)
    {
        expression = null;
        error = null;
        try
        {
            var parser = new SpdxExpressionParser(text);
            expression = parser.ParseWhole();
            return true;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return false;
        }
    }
}

/// <summary>A licence identifier (<c>MIT</c>, <c>GPL-2.0+</c>) or reference (<c>LicenseRef-Proprietary</c>), optionally WITH an exception.</summary>
public sealed record SpdxLicense(string Id, bool OrLater, string? Exception) : SpdxExpression
{
    public bool IsReference => Id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase) || Id.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase);

    public override IEnumerable<SpdxLicense> Licenses => [this];

    public override string ToString() => Id + (OrLater ? "+" : string.Empty) + (Exception is null ? string.Empty : " WITH " + Exception);
}

/// <summary>All terms apply (AND).</summary>
public sealed record SpdxConjunction(IReadOnlyList<SpdxExpression> Terms) : SpdxExpression
{
    public override IEnumerable<SpdxLicense> Licenses => Terms.SelectMany(t => t.Licenses);

    public override string ToString() => string.Join(" AND ", Terms.Select(t => t is SpdxDisjunction ? $"({t})" : t.ToString()));
}

/// <summary>The user may choose any term (OR).</summary>
public sealed record SpdxDisjunction(IReadOnlyList<SpdxExpression> Terms) : SpdxExpression
{
    public override IEnumerable<SpdxLicense> Licenses => Terms.SelectMany(t => t.Licenses);

    public override string ToString() => string.Join(" OR ", Terms);
}
