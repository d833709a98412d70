using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1006: serializers that instantiate whatever type the data names, and Newtonsoft type-name handling.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1006InsecureSerializer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        "OM1006",
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

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            c =>
            {
                var creation = (IObjectCreationOperation)c.Operation;
                if (creation.Type is INamedTypeSymbol type && Formatters.Contains(LoaderCatalog.MetadataName(type)))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, creation.Syntax.GetLocation(), type.Name));
                }
            },
            OperationKind.ObjectCreation);
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

    private static IOperation Unwrap(IOperation operation) => operation is IConversionOperation conversion ? Unwrap(conversion.Operand) : operation;
}
