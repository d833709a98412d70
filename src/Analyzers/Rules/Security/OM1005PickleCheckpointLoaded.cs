using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1005: checkpoints read through a pickle reader, which can run code the moment they are loaded.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1005PickleCheckpointLoaded : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.PickleCheckpointLoaded,
        "Pickle-based checkpoint loaded",
        "{0} reads a pickle: a crafted checkpoint runs code when it is loaded; convert the weights to safetensors or ONNX",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Warning,
        "PyTorch .pt/.pth/.bin/.ckpt checkpoints and .pkl files are pickles; unpickling executes the callables they name (CWE-502).");

    private static readonly MemberSet PickleReaders = new(
        "TorchSharp.PyBridge.PyBridgeModuleExtensions.load_py",
        "TorchSharp.PyBridge.PyBridgeModuleExtensions.load_checkpoint",
        "TorchSharp.PyBridge.PyBridgeOptimizerExtensions.load_py",
        "Razorvine.Pickle.Unpickler.load",
        "Razorvine.Pickle.Unpickler.loads");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(
            c =>
            {
                var method = ((IInvocationOperation)c.Operation).TargetMethod;
                if (PickleReaders.Contains(method))
                {
                    c.ReportDiagnostic(Diagnostic.Create(Descriptor, c.Operation.Syntax.GetLocation(), method.ContainingType.Name + "." + method.Name));
                }
            },
            OperationKind.Invocation);
    }
}
