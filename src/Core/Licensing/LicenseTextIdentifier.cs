using System.Text.RegularExpressions;

namespace OpenModel.Core.Licensing;

/// <summary>
/// Recognises the few licence texts packages most often ship as files instead of expressions, by their operative
/// sentences, so a licence file can still be classified. Anything else stays unidentified.
/// </summary>
public static partial class LicenseTextIdentifier
{
    public static string? Identify(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var flat = Whitespace().Replace(text, " ");
        if (flat.Contains("Permission is hereby granted, free of charge, to any person obtaining a copy", StringComparison.Ordinal)
            && flat.Contains("The above copyright notice and this permission notice shall be included", StringComparison.Ordinal))
        {
            return "MIT";
        }

        if (flat.Contains("Apache License", StringComparison.Ordinal) && flat.Contains("Version 2.0, January 2004", StringComparison.Ordinal))
        {
            return "Apache-2.0";
        }

        if (flat.Contains("Redistribution and use in source and binary forms", StringComparison.Ordinal)
            && flat.Contains("Neither the name of", StringComparison.Ordinal))
        {
            return "BSD-3-Clause";
        }

        return null;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
