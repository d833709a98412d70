using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1006: serializers that instantiate whatever type the data names, and Newtonsoft type-name handling.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1006InsecureSerializer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.InsecureSerializer,
        "Insecure serializer for model, feature or cache data",
        "{0} lets the data choose which types to instantiate; use System.Text.Json, protobuf or safetensors",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Type-embedding serializers turn a crafted model, feature or cache file into code execution (CWE-502).");

    private static readonly ImmutableHashSet<string> Formatters = ImmutableHashSet.Create(
        "System.Runtime.Serialization.Formatters.Binary.BinaryFormatter",
        "System.Runtime.Serialization.Formatters.Soap.SoapFormatter",
        "System.Runtime.Serialization.NetDataContractSerializer",
        "System.Web.UI.LosFormatter",
        "System.Web.UI.ObjectStateFormatter");

    private static readonly ImmutableHashSet<string> ReadMethods = ImmutableHashSet.Create("Deserialize", "UnsafeDeserialize", "UnsafeDeserializeMethodResponse", "ReadObject");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        // Reported where the data is read (Deserialize), not where the formatter is created: a formatter that only
        // serializes reads nothing, and the Deserialize line is the one a reviewer must change.
        context.RegisterOperationAction(
            c =>
            {
                var invocation = (IInvocationOperation)c.Operation;
                if (ReadMethods.Contains(invocation.TargetMethod.Name)
                    && DeclaringFormatter(invocation) is { } formatter)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, CallLocation.Of(invocation), formatter + "." + invocation.TargetMethod.Name));
                }
            },
            OperationKind.Invocation);
        context.RegisterOperationAction(
            c =>
            {
                var assignment = (ISimpleAssignmentOperation)c.Operation;
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: "TypeNameHandling" } property
                    && property.Property.ContainingNamespace?.ToDisplayString() == "Newtonsoft.Json"
                    && assignment.Value.ConstantValue is { HasValue: true, Value: int value } && value != 0)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, assignment.Syntax.GetLocation(), "TypeNameHandling." + ((IFieldReferenceOperation?)Unwrap(assignment.Value))?.Field.Name));
                }
            },
            OperationKind.SimpleAssignment);
    }

    /// <summary>The formatter type a read is bound to: one of <see cref="Formatters"/>, or IFormatter (implemented only by such formatters).</summary>
    private static string? DeclaringFormatter(IInvocationOperation invocation)
    {
        for (var type = invocation.TargetMethod.ContainingType; type is not null; type = type.BaseType)
        {
            var name = LoaderCatalog.MetadataName(type.OriginalDefinition);
            if (Formatters.Contains(name) || name == "System.Runtime.Serialization.IFormatter")
            {
                return type.Name;
            }
        }

        return null;
    }

    private static IOperation Unwrap(IOperation operation) => operation is IConversionOperation conversion ? Unwrap(conversion.Operand) : operation;
}
