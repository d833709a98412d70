using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Configuration;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1004: a model is downloaded, saved or loaded, and nothing compares its hash.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1004DownloadWithoutIntegrityCheck : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.DownloadWithoutIntegrityCheck,
        "Downloaded model artefact loaded without integrity check",
        "{0} downloads a model or dataset that is saved or loaded without comparing its SHA-256/384/512 to a pinned value",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "A compromised mirror, cache or account can swap the file; a pinned hash is the only check that the bytes are the ones reviewed (CWE-494, OWASP LLM03).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var settings = AppSettings.From(start.Options.AdditionalFiles, start.CancellationToken);
            start.RegisterOperationAction(operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (ModelDownload.Of(invocation, settings, operation.Compilation, operation.CancellationToken) is { Hashes: false, StoresOrLoadsModel: true })
                {
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptor, CallLocation.Of(invocation), invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name));
                }
            }, OperationKind.Invocation);
        });
    }
}
