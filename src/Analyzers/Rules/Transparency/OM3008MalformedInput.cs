using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

/// <summary>The analyzers' share of OM3008: appsettings*.json and the SDK's declaration file they read.</summary>
internal static class OM3008MalformedInput
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.MalformedInput,
        "Malformed input (project.assets.json, model card YAML, declaration metadata)",
        "Malformed input in '{0}': {1}",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Error,
        "An input the OpenModel analyzers or build read is not well-formed, so the facts drawn from it would be wrong.",
        WellKnownDiagnosticTags.CompilationEnd);
}
