using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

internal static class OM2002DatasetNotDeclared
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.DatasetNotDeclared,
        "Dataset loaded but not declared",
        "{0} loads dataset '{1}', which is not declared as an AIDataset in the project file",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Warning,
        "Every dataset the code loads must be declared with an <AIDataset> item so its source, licence and hash are listed in the AI-BOM.");
}
