using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1016: text generation inside a request handler without a limit on the output tokens.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1016UnboundedGeneration : DiagnosticAnalyzer
{
    public const string LimitProperty = "Limit";

    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.UnboundedGeneration,
        "Unbounded generation",
        "{0} runs on a request path without {1}: one request can make the model generate until its context is full",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "Without an output-token limit each request costs as much as the model allows: a cheap way to exhaust quotas and money (OWASP LLM10 Unbounded Consumption).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeLambda, OperationKind.AnonymousFunction);
        context.RegisterOperationBlockAction(AnalyzeControllerAction);
    }

    private static void AnalyzeLambda(OperationAnalysisContext context)
    {
        if (RequestHandlers.IsMinimalApiHandler((IAnonymousFunctionOperation)context.Operation) || Razor.RazorRequestPaths.IsMarkupHandler((IAnonymousFunctionOperation)context.Operation, context.ContainingSymbol))
        {
            AnalyzeHandler(context.Operation, context.ReportDiagnostic);
        }
    }

    private static void AnalyzeControllerAction(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is IMethodSymbol method && (RequestHandlers.IsControllerAction(method) || Razor.RazorRequestPaths.IsRequestPath(method)))
        {
            // In a component's markup the handler lambdas are analysed on their own (AnalyzeLambda): one finding per call.
            var markup = Razor.RazorRequestPaths.IsMarkup(method);
            foreach (var root in context.OperationBlocks)
            {
                AnalyzeHandler(root, context.ReportDiagnostic, markup);
            }
        }
    }

    private static void AnalyzeHandler(IOperation handler, System.Action<Diagnostic> report, bool markup = false)
    {
        // One walk (a component's markup is its largest block): the limits set anywhere in it, and its calls; the
        // markup's builder calls are the generator's and are not looked up in the model tables.
        var limited = new HashSet<string>(System.StringComparer.Ordinal);
        var calls = new List<IInvocationOperation>();
        foreach (var operation in handler.Descendants())
        {
            if (operation is IAssignmentOperation { Target: IPropertyReferenceOperation property })
            {
                limited.Add(property.Property.Name);
            }
            else if (operation is IInvocationOperation call && !(markup && Razor.RazorRequestPaths.IsGeneratorCode(call)))
            {
                calls.Add(call);
            }
        }

        foreach (var call in calls)
        {
            if (ModelCalls.OutputLimitOf(call.TargetMethod) is not { } limit || limited.Contains(limit) || PassesOptionsFromElsewhere(call)
                || (markup && Razor.RazorRequestPaths.InMarkupHandler(call)))
            {
                continue;
            }

            report(Diagnostic.Create(Descriptor, call.Syntax.GetLocation(), ImmutableDictionary<string, string?>.Empty.Add(LimitProperty, limit),
                call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name, limit));
        }
    }

    /// <summary>Options that arrive from a parameter, field or property are configured elsewhere; the rule cannot judge them.</summary>
    private static bool PassesOptionsFromElsewhere(IInvocationOperation call) =>
        call.Arguments.Any(a => a.ArgumentKind == ArgumentKind.Explicit
            && a.Parameter?.Type.Name is "ChatCompletionOptions" or "ChatOptions" or "PromptExecutionSettings" or "IInferenceParams" or "InferenceParams" or "KernelArguments"
            && a.Value is IParameterReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation or IInvocationOperation);
}
