using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers;

/// <summary>Creates every OpenModel descriptor, so each one carries its help link and category the same way.</summary>
internal static class RuleDescriptor
{
    public const string SecurityCategory = "OpenModel.Security";
    public const string TransparencyCategory = "OpenModel.Transparency";

    public static DiagnosticDescriptor Create(
        string id,
        string title,
        string messageFormat,
        string category,
        DiagnosticSeverity severity,
        string description,
        params string[] customTags) =>
        new(
            id,
            title,
            messageFormat,
            category,
            severity,
            isEnabledByDefault: true,
            description: description,
            helpLinkUri: RuleIdentifiers.HelpLink(id),
            customTags: customTags);
}
