using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

internal static class OM2001ModelNotDeclared
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.ModelNotDeclared,
        "Model loaded but not declared",
        "{0} loads '{1}', which is not declared as an AIModel in the project file",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Warning,
        "Every model weight, serialized model or tokenizer file the code loads must be declared with an <AIModel> item so it is hashed, licensed and listed in the AI-BOM.");
}
