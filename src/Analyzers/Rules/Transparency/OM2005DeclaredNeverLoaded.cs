using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

internal static class OM2005DeclaredNeverLoaded
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.DeclaredNeverLoaded,
        "Declared model never loaded",
        "{0} '{1}' (declared in {2}) is never loaded by the code",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Info,
        "A declared model or dataset that no code loads makes the AI-BOM claim an input the application does not use. Remove the declaration, or load the artefact through an API the analyzer knows.",
        WellKnownDiagnosticTags.CompilationEnd);
}
