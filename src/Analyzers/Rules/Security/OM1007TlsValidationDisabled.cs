using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1007: certificate validation switched off for calls to model hubs and model services.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1007TlsValidationDisabled : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        "OM1007",
        "TLS certificate validation disabled",
        "{0} accepts any server certificate: model downloads and API keys travel to whoever intercepts the connection",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Without certificate validation TLS authenticates nobody: a network attacker can serve poisoned weights or read provider credentials (CWE-295).");

    private static readonly ImmutableHashSet<string> CallbackProperties = ImmutableHashSet.Create(
        "ServerCertificateCustomValidationCallback", "RemoteCertificateValidationCallback", "ServerCertificateValidationCallback");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            c =>
            {
                var assignment = (IAssignmentOperation)c.Operation;
                if (assignment.Target is not IPropertyReferenceOperation property || !CallbackProperties.Contains(property.Property.Name))
                {
                    return;
                }

                // ServicePointManager's callback is process-wide: any override is reported.
                if (property.Property.ContainingType?.Name == "ServicePointManager" || AlwaysTrue(assignment.Value))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, assignment.Syntax.GetLocation(), property.Property.ContainingType?.Name + "." + property.Property.Name));
                }
            },
            OperationKind.SimpleAssignment,
            OperationKind.CompoundAssignment);
        context.RegisterOperationAction(
            c =>
            {
                var reference = (IPropertyReferenceOperation)c.Operation;
                if (reference.Property.Name == "DangerousAcceptAnyServerCertificateValidator")
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, reference.Syntax.GetLocation(), "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator"));
                }
            },
            OperationKind.PropertyReference);
    }

    /// <summary>A lambda or anonymous method whose every path returns the literal true.</summary>
    public static bool AlwaysTrue(IOperation value)
    {
        var unwrapped = value;
        while (unwrapped is IConversionOperation or IDelegateCreationOperation)
        {
            unwrapped = unwrapped is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)unwrapped).Target;
        }

        if (unwrapped is not IAnonymousFunctionOperation lambda)
        {
            return false;
        }

        var returns = lambda.Body.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null).ToList();
        return returns.Count > 0 && returns.All(r => r.ReturnedValue!.ConstantValue is { HasValue: true, Value: true });
    }
}
