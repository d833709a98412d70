using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Rules.Transparency;

/// <summary>
/// Evidence, not a finding: one compilation-end message whose related locations are the code sites that load
/// declared artefacts, read back from the compiler's SARIF log into the AI-BOM's <c>evidence.occurrences</c>.
/// </summary>
internal static class OM2000LoadSitesRecorded
{
    /// <summary>Property "site{i}" holds "&lt;ItemType&gt;\t&lt;Include&gt;" for additional location i.</summary>
    public const string SitePropertyPrefix = OpenModel.Contract.DiagnosticProperties.SitePrefix;

    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LoadSitesRecorded,
        "Load sites of declared artefacts recorded",
        "{0} code site(s) load declared AI artefacts; they are recorded as evidence in the AI-BOM",
        RuleDescriptor.TransparencyCategory,
        DiagnosticSeverity.Info,
        "Carries the source location of every load of a declared model, dataset or model service to the AI-BOM build step.",
        WellKnownDiagnosticTags.CompilationEnd);
}
