using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1002: native libraries and assemblies loaded from a path that is not a constant (an error when it is untrusted).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1002NativeCodeFromVariablePath : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.NativeCodeFromVariablePath,
        "Native code loaded from a non-constant path",
        "{0} loads native code or an assembly from {1}; load only from a fixed path inside the application",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "Custom-op libraries and plugins run with the process's rights; a path chosen at run time lets whoever controls it run code (CWE-114, CWE-427).");

    private static readonly MemberSet Loaders = new(
        "Microsoft.ML.OnnxRuntime.SessionOptions.RegisterCustomOpLibrary",
        "Microsoft.ML.OnnxRuntime.SessionOptions.RegisterCustomOpLibraryV2",
        "System.Runtime.InteropServices.NativeLibrary.Load",
        "System.Runtime.InteropServices.NativeLibrary.TryLoad",
        "System.Reflection.Assembly.LoadFrom",
        "System.Reflection.Assembly.LoadFile",
        "System.Runtime.Loader.AssemblyLoadContext.LoadFromAssemblyPath",
        "System.Runtime.Loader.AssemblyLoadContext.LoadUnmanagedDllFromPath");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(Analyze, OperationKind.Invocation);
    }

    private static void Analyze(OperationAnalysisContext context)
    {
        var call = (IInvocationOperation)context.Operation;
        var method = call.TargetMethod;
        if (!Loaders.Contains(method)
            || call.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String) is not { } path
            || path.Value.ConstantValue.HasValue)
        {
            return;
        }

        var root = OperationRoot.Of(call);
        var tables = TaintTables.From(context.Options, call.Syntax.SyntaxTree);
        var untrusted = TaintAnalysis.MayContainSource(root, tables)
            ? new TaintAnalysis(root, tables, context.Compilation, context.CancellationToken).TaintOf(path.Value)
            : TaintKind.None;
        context.ReportDiagnostic(Diagnostic.Create(
            Descriptor,
            call.Syntax.GetLocation(),
            untrusted == TaintKind.None ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
            additionalLocations: null,
            properties: null,
            method.ContainingType!.Name + "." + method.Name,
            untrusted == TaintKind.None ? "a path computed at run time" : untrusted.Describe()));
    }
}
