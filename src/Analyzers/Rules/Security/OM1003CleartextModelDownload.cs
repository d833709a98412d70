using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Configuration;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1003: model or dataset bytes fetched over http://.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1003CleartextModelDownload : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        "OM1003",
        "Model artefact downloaded over cleartext HTTP",
        "{0} fetches '{1}' over cleartext HTTP and the bytes become a model or dataset; use https",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Anyone on the network path can replace weights fetched over http:// with a poisoned or code-carrying model (CWE-319, CWE-494).");

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
                if (ModelDownload.Of(invocation, settings, operation.Compilation, operation.CancellationToken) is not { Url.IsResolved: true } download)
                {
                    return;
                }

                var cleartext = download.Url.Candidates.FirstOrDefault(IsCleartext);
                if (cleartext is not null && (download.StoresOrLoadsModel || ModelDownload.IsArtifactPath(download.Url)))
                {
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptor, invocation.Syntax.GetLocation(), invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name, cleartext));
                }
            }, OperationKind.Invocation);
        });
    }

    private static bool IsCleartext(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
