using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

internal static class OM2003RemoteModelNotDeclared
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.RemoteModelNotDeclared,
        "Remote model service used but not declared",
        "{0} uses remote model '{1}', which is not declared as an AIModel with Access=\"Api\"",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Warning,
        "Every hosted model the code calls must be declared with <AIModel Include=\"provider:model\" Access=\"Api\"> so the AI-BOM lists the services the application depends on.");
}
