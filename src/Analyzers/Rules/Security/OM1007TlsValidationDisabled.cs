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
        RuleIdentifiers.TlsValidationDisabled,
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
                if (property.Property.ContainingType?.Name == "ServicePointManager" || AcceptsUnvalidated(assignment.Value, c.Compilation, c.CancellationToken))
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

    /// <summary>Members whose comparison pins a certificate (thumbprint, hash, public key): a real check, unlike its issuer or subject name.</summary>
    private static readonly ImmutableHashSet<string> PinningMembers = ImmutableHashSet.Create(
        "Thumbprint", "GetCertHashString", "GetCertHash", "GetPublicKey", "GetPublicKeyString", "GetRawCertData", "RawData", "Build", "ChainStatus");

    /// <summary>
    /// A callback (lambda, anonymous method or method of this compilation) that returns true for a certificate that failed
    /// validation: a literal true, or a value that can be true whatever the policy errors are — an issuer or subject name,
    /// a debug flag, an environment check. A return guarded by (or combined with) the policy errors, the chain or a pinned
    /// thumbprint is a check.
    /// </summary>
    public static bool AcceptsUnvalidated(IOperation value, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var unwrapped = value;
        while (unwrapped is IConversionOperation or IDelegateCreationOperation)
        {
            unwrapped = unwrapped is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)unwrapped).Target;
        }

        IOperation? body = unwrapped switch
        {
            IAnonymousFunctionOperation lambda => lambda.Body,
            IMethodReferenceOperation reference => Resolution.SourceModels.BodyOf(reference.Method, compilation, cancellationToken)?.Body,
            _ => null,
        };
        if (body is null)
        {
            return false;
        }

        var returns = body.Descendants().OfType<IReturnOperation>().Where(r => r.ReturnedValue is not null && !InNestedFunction(r, body)).ToList();
        return returns.Any(r => !(r.ReturnedValue!.ConstantValue is { HasValue: true, Value: false }) && !Validates(r.ReturnedValue!) && !Guarded(r, body));
    }

    /// <summary>Whether a boolean can only be true when a real check passed.</summary>
    private static bool Validates(IOperation condition) => condition switch
    {
        { ConstantValue: { HasValue: true, Value: false } } => true,
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or => Validates(or.LeftOperand) && Validates(or.RightOperand),
        IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and => Validates(and.LeftOperand) || Validates(and.RightOperand),
        IConversionOperation conversion => Validates(conversion.Operand),
        _ => condition.DescendantsAndSelf().Any(o => o switch
        {
            IParameterReferenceOperation p => p.Parameter.Type.Name is "SslPolicyErrors" or "X509Chain",
            IPropertyReferenceOperation p => PinningMembers.Contains(p.Property.Name),
            IInvocationOperation i => PinningMembers.Contains(i.TargetMethod.Name),
            _ => false,
        }),
    };

    /// <summary>A return inside the true branch of a check (<c>if (errors == SslPolicyErrors.None) return true;</c>).</summary>
    private static bool Guarded(IReturnOperation returned, IOperation body)
    {
        IOperation child = returned;
        for (var current = returned.Parent; current is not null && current != body.Parent; child = current, current = current.Parent)
        {
            if (current is IConditionalOperation conditional && conditional.WhenTrue == child && Validates(conditional.Condition))
            {
                return true;
            }
        }

        return false;
    }

    private static bool InNestedFunction(IOperation operation, IOperation body)
    {
        for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return true;
            }
        }

        return false;
    }
}
