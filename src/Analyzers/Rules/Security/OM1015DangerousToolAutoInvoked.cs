using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>
/// OM1015: a tool the model may call that starts processes, changes files or runs SQL, in an application that lets the
/// model invoke tools automatically and never asks for approval.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1015DangerousToolAutoInvoked : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.DangerousToolAutoInvoked,
        "Dangerous tool auto-invoked without approval",
        "Tool '{0}' can {1}, and the model invokes tools automatically with no approval step or invocation filter",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "With automatic tool invocation, a prompt injection in any input becomes an action: running a process, deleting files, changing data (OWASP LLM06 Excessive Agency).",
        WellKnownDiagnosticTags.CompilationEnd);

    private static readonly ImmutableDictionary<string, string> DangerousCalls = ImmutableDictionary.CreateRange(new[]
    {
        Pair("System.Diagnostics.Process.Start", "start processes"),
        Pair("System.IO.File.Delete", "delete files"), Pair("System.IO.File.WriteAllText", "write files"), Pair("System.IO.File.WriteAllBytes", "write files"),
        Pair("System.IO.File.AppendAllText", "write files"), Pair("System.IO.File.Move", "move files"), Pair("System.IO.Directory.Delete", "delete folders"),
        Pair("System.Data.Common.DbCommand.ExecuteNonQuery", "run SQL"), Pair("System.Data.Common.DbCommand.ExecuteNonQueryAsync", "run SQL"),
        Pair("System.Data.IDbCommand.ExecuteNonQuery", "run SQL"),
        Pair("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRaw", "run SQL"),
        Pair("Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlRawAsync", "run SQL"),
    });

    /// <summary>The member names of <see cref="DangerousCalls"/>: a cheap test before the type's display name is built for every call.</summary>
    private static readonly ImmutableHashSet<string> DangerousMembers = DangerousCalls.Keys.Select(k => k.Substring(k.LastIndexOf('.') + 1)).ToImmutableHashSet(System.StringComparer.Ordinal);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var tools = new ConcurrentDictionary<IMethodSymbol, Location>(SymbolEqualityComparer.Default);
            var dangerous = new ConcurrentDictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
            var autoInvocation = 0;
            var approval = 0;

            start.RegisterSymbolAction(
                c =>
                {
                    var method = (IMethodSymbol)c.Symbol;
                    if (method.GetAttributes().Any(a => a.AttributeClass?.Name == "KernelFunctionAttribute"))
                    {
                        tools.TryAdd(method, method.Locations[0]);
                    }
                },
                SymbolKind.Method);
            start.RegisterSymbolAction(
                c =>
                {
                    // An invocation filter or approval wrapper anywhere is the approval step.
                    var type = (INamedTypeSymbol)c.Symbol;
                    if (type.AllInterfaces.Any(i => i.Name is "IFunctionInvocationFilter" or "IAutoFunctionInvocationFilter"))
                    {
                        System.Threading.Interlocked.Exchange(ref approval, 1);
                    }
                },
                SymbolKind.NamedType);
            start.RegisterOperationAction(
                c =>
                {
                    switch (c.Operation)
                    {
                        case IInvocationOperation invocation:
                            if (DangerousMembers.Contains(invocation.TargetMethod.Name)
                                && DangerousCalls.TryGetValue(invocation.TargetMethod.ContainingType?.ToDisplayString() + "." + invocation.TargetMethod.Name, out var action)
                                && c.ContainingSymbol is IMethodSymbol container)
                            {
                                dangerous.TryAdd(container, action);
                            }

                            if (invocation.TargetMethod.Name is "UseFunctionInvocation" or "AutoInvokeKernelFunctions")
                            {
                                System.Threading.Interlocked.Exchange(ref autoInvocation, 1);
                            }

                            if (invocation.TargetMethod.Name == "Create" && invocation.TargetMethod.ContainingType?.Name == "AIFunctionFactory"
                                && Unwrap(invocation.Arguments.FirstOrDefault()?.Value) is IDelegateCreationOperation { Target: IMethodReferenceOperation reference })
                            {
                                tools.TryAdd(reference.Method.OriginalDefinition, reference.Syntax.GetLocation());
                            }

                            break;
                        case IPropertyReferenceOperation property when property.Property.Name is "AutoInvokeKernelFunctions" || (property.Property.ContainingType?.Name == "FunctionChoiceBehavior"):
                            System.Threading.Interlocked.Exchange(ref autoInvocation, 1);
                            break;
                        case IObjectCreationOperation creation when creation.Type?.Name is "FunctionInvokingChatClient":
                            System.Threading.Interlocked.Exchange(ref autoInvocation, 1);
                            break;
                        case IObjectCreationOperation creation when creation.Type?.Name is "ApprovalRequiredAIFunction":
                            System.Threading.Interlocked.Exchange(ref approval, 1);
                            break;
                    }
                },
                OperationKind.Invocation,
                OperationKind.PropertyReference,
                OperationKind.ObjectCreation);
            start.RegisterCompilationEndAction(end =>
            {
                if (autoInvocation == 0 || approval == 1)
                {
                    return;
                }

                foreach (var tool in tools.OrderBy(t => t.Value.SourceTree?.FilePath).ThenBy(t => t.Value.SourceSpan.Start))
                {
                    if (dangerous.TryGetValue(tool.Key, out var action))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(Descriptor, tool.Value, tool.Key.Name, action));
                    }
                }
            });
        });
    }

    private static IOperation? Unwrap(IOperation? operation) => operation is IConversionOperation conversion ? Unwrap(conversion.Operand) : operation;

    private static System.Collections.Generic.KeyValuePair<string, string> Pair(string method, string action) => new(method, action);
}
