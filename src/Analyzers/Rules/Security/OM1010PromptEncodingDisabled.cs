using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1010: Semantic Kernel prompt templates with HTML/role-tag encoding switched off.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1010PromptEncodingDisabled : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.PromptEncodingDisabled,
        "Prompt-template encoding disabled",
        "{0}.AllowDangerouslySetContent = true lets variable text inject chat roles and instructions into the prompt",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "Semantic Kernel encodes template variables so that input cannot add <message role=\"system\"> tags; turning that off re-enables prompt injection (OWASP LLM01).");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property: { Name: "AllowDangerouslySetContent" } property }
                    && property.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.SemanticKernel", System.StringComparison.Ordinal) == true
                    && assignment.Value.ConstantValue is { HasValue: true, Value: true })
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, assignment.Syntax.GetLocation(), property.ContainingType.Name));
                }
            },
            OperationKind.SimpleAssignment);
    }
}
