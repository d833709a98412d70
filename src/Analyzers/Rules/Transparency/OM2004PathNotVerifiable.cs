using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

internal static class OM2004PathNotVerifiable
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.PathNotVerifiable,
        "Model path cannot be verified",
        "The {0} passed to {1} cannot be resolved at compile time: {2}",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Info,
        "The analyzer resolves constants, Path.Combine, base-directory prefixes, locals assigned once and appsettings.json values. A path computed otherwise cannot be checked against the declarations, so the AI-BOM cannot claim to be complete.");
}
