using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1011LlmOutputAsCommand
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LlmOutputAsCommand,
        "LLM output runs as an OS command",
        "{0} reaches {1}: a prompt-injected model can run any command on this host",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "A model's output is attacker-influenced text (OWASP LLM05 Improper Output Handling); running it as a process is command injection (CWE-78).");

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Diagnostics.Process", "Start"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Diagnostics.ProcessStartInfo", ".ctor"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Diagnostics.ProcessStartInfo", "FileName"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Diagnostics.ProcessStartInfo", "Arguments"),

        // psi.ArgumentList.Add(code): each element is one argument of the process (python -c <code>).
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Collections.ObjectModel.Collection`1", "Add", AddsToArgumentList, "item"));

    private static bool AddsToArgumentList(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Length > 0
        && arguments[0].Parent is IInvocationOperation { Instance: IPropertyReferenceOperation { Property: { Name: "ArgumentList", ContainingType: { Name: "ProcessStartInfo" } } } };
}
