using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Configuration;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1003: model or dataset bytes fetched over http://.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1003CleartextModelDownload : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.CleartextModelDownload,
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

            // A constant or a mirror list can feed several downloads: each definition is reported once.
            var reportedDefinitions = new ConcurrentDictionary<Location, bool>();
            start.RegisterOperationAction(operation =>
            {
                var invocation = (IInvocationOperation)operation.Operation;
                if (ModelDownload.Of(invocation, settings, operation.Compilation, operation.CancellationToken) is not { } download)
                {
                    return;
                }

                var cleartextLiterals = download.UrlLiterals.Where(l => IsCleartext((string)l.ConstantValue.Value!)).ToList();
                var cleartext = download.Url.IsResolved ? download.Url.Candidates.FirstOrDefault(IsCleartext) : (string?)cleartextLiterals.FirstOrDefault()?.ConstantValue.Value;
                if (cleartext is null || !(download.StoresOrLoadsModel || ModelDownload.IsArtifactPath(download.Url)))
                {
                    return;
                }

                var name = invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name;
                var location = CallLocation.Of(invocation);
                operation.ReportDiagnostic(Diagnostic.Create(Descriptor, location, name, cleartext));
                foreach (var literal in cleartextLiterals)
                {
                    var inCall = literal.Syntax.SyntaxTree == invocation.Syntax.SyntaxTree && invocation.Syntax.Span.Contains(literal.Syntax.Span);
                    var definition = literal.Syntax.GetLocation();
                    if (!inCall && operation.Compilation.ContainsSyntaxTree(literal.Syntax.SyntaxTree) && reportedDefinitions.TryAdd(definition, true))
                    {
                        operation.ReportDiagnostic(Diagnostic.Create(Descriptor, definition, "The URL defined here", (string)literal.ConstantValue.Value!));
                    }
                }
            }, OperationKind.Invocation);

            // An http:// URL of a model or dataset file is reported where it is written, whoever downloads it.
            start.RegisterOperationAction(operation =>
            {
                if (operation.Operation.ConstantValue is { HasValue: true, Value: string text } && IsCleartext(text)
                    && ModelDownload.IsArtifactPath(Resolution.ResolvedValue.Of(text)) && !IsDownloadArgument(operation.Operation)
                    && reportedDefinitions.TryAdd(operation.Operation.Syntax.GetLocation(), true))
                {
                    operation.ReportDiagnostic(Diagnostic.Create(Descriptor, operation.Operation.Syntax.GetLocation(), "The URL defined here", text));
                }
            }, OperationKind.Literal);
        });
    }

    /// <summary>A literal written straight into the call is reported with the call.</summary>
    private static bool IsDownloadArgument(IOperation literal)
    {
        for (var current = literal.Parent; current is not null; current = current.Parent)
        {
            if (current is IInvocationOperation)
            {
                return true;
            }

            if (current is not (IArgumentOperation or IConversionOperation or IBinaryOperation or IInterpolatedStringOperation or IInterpolatedStringContentOperation or IObjectCreationOperation))
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsCleartext(string url) =>
        url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback;
}
