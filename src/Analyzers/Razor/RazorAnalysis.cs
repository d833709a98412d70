using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Razor;

// In the root namespace so every rule finds the extension without another using: the rules change by one line.
namespace OpenModel.Analyzers;

/// <summary>
/// The one place that decides what generated code the OpenModel rules see: user code as always, plus the C# the Razor
/// source generator writes for .razor/.cshtml files, and nothing else the compiler marks as generated.
/// </summary>
/// <remarks>
/// Roslyn's <see cref="GeneratedCodeAnalysisFlags"/> is all-or-nothing per analyzer, so the analyzer asks for every
/// generated tree and this wrapper drops the ones that are not Razor output before a rule runs. Analyzers that work on
/// Razor output elsewhere do the same: Meziantou.Analyzer's Razor component rules (MA0115
/// DoNotUseUnknownParameterForRazorComponentAnalyzer, MA0121) register with Analyze | ReportDiagnostics; unlike them,
/// OpenModel keeps the rest of generated code out. The price of the flag is Roslyn's, not ours: the driver now binds the
/// method bodies of every generated tree for these analyzers (other analyzers that read generated code, such as
/// Microsoft.AspNetCore.Components.Analyzers, share that work), and the filter keeps the rules' own work off
/// non-Razor output with one check per callback.
/// In a Razor tree, an operation that starts in generator-written code (markup builder calls, #line hidden) is not
/// analysed and a finding that starts there is dropped; Roslyn maps every other finding to the .razor/.cshtml line
/// through the generator's #line directives.
/// </remarks>
internal static class RazorAnalysis
{
    /// <summary>Use as the first line of <c>Initialize</c>: <c>context = context.AnalyzeUserCodeAndRazor();</c></summary>
    public static AnalysisContext AnalyzeUserCodeAndRazor(this AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        return new FilteredAnalysisContext(context);
    }

    private static Action<Diagnostic> Reportable(Action<Diagnostic> report) => diagnostic =>
    {
        if (RazorGeneratedCode.IsReportable(diagnostic.Location))
        {
            report(diagnostic);
        }
    };

    // The contexts below are re-created only for Razor trees, to filter what a rule reports there; the obsolete
    // constructors are the public way to build them, and the rules use nothing they leave out (control-flow graphs).
#pragma warning disable CS0618
    private static Action<OperationAnalysisContext> Operation(Action<OperationAnalysisContext> action) => c =>
    {
        if (!c.IsGeneratedCode)
        {
            action(c);
            return;
        }

        var syntax = c.Operation.Syntax;
        if (RazorGeneratedCode.IsUserCodeInRazorTree(syntax.SyntaxTree, syntax.SpanStart))
        {
            action(new OperationAnalysisContext(c.Operation, c.ContainingSymbol, c.Compilation, c.Options, Reportable(c.ReportDiagnostic), _ => true, c.CancellationToken));
        }
    };

    private static Action<OperationBlockAnalysisContext> OperationBlock(Action<OperationBlockAnalysisContext> action) => c =>
    {
        if (!c.IsGeneratedCode)
        {
            action(c);
        }
        else if (RazorGeneratedCode.IsRazorTree(c.OperationBlocks.FirstOrDefault()?.Syntax.SyntaxTree))
        {
            action(new OperationBlockAnalysisContext(c.OperationBlocks, c.OwningSymbol, c.Compilation, c.Options, Reportable(c.ReportDiagnostic), _ => true, c.CancellationToken));
        }
    };

    private static Action<OperationBlockStartAnalysisContext> OperationBlockStart(Action<OperationBlockStartAnalysisContext> action) => c =>
    {
        if (!c.IsGeneratedCode)
        {
            action(c);
        }
        else if (RazorGeneratedCode.IsRazorTree(c.OperationBlocks.FirstOrDefault()?.Syntax.SyntaxTree))
        {
            action(new FilteredOperationBlockStartContext(c));
        }
    };

    private static Action<SymbolAnalysisContext> Symbol(Action<SymbolAnalysisContext> action) => c =>
    {
        if (!c.IsGeneratedCode)
        {
            action(c);
        }
        else if (c.Symbol.DeclaringSyntaxReferences.Any(r => RazorGeneratedCode.IsRazorTree(r.SyntaxTree)))
        {
            action(new SymbolAnalysisContext(c.Symbol, c.Compilation, c.Options, Reportable(c.ReportDiagnostic), _ => true, c.CancellationToken));
        }
    };

    private static Action<SymbolStartAnalysisContext> SymbolStart(Action<SymbolStartAnalysisContext> action) => c =>
    {
        if (!c.IsGeneratedCode)
        {
            action(new FilteredSymbolStartContext(c));
        }
        else if (c.Symbol.DeclaringSyntaxReferences.Any(r => RazorGeneratedCode.IsRazorTree(r.SyntaxTree)))
        {
            action(new FilteredSymbolStartContext(c));
        }
    };

    private static Action<CompilationAnalysisContext> Compilation(Action<CompilationAnalysisContext> action) => c =>
        action(new CompilationAnalysisContext(c.Compilation, c.Options, Reportable(c.ReportDiagnostic), _ => true, c.CancellationToken));
#pragma warning restore CS0618

    private static NotSupportedException Unfiltered(string registration) =>
        new(registration + " is not filtered for Razor yet: add it to RazorAnalysis before a rule uses it.");

    private sealed class FilteredAnalysisContext : AnalysisContext
    {
        private readonly AnalysisContext _inner;

        public FilteredAnalysisContext(AnalysisContext inner) => _inner = inner;

        public override void EnableConcurrentExecution() => _inner.EnableConcurrentExecution();

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) =>
            throw new InvalidOperationException("RazorAnalysis decides which generated code is analysed.");

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) =>
            _inner.RegisterCompilationStartAction(c => action(new FilteredCompilationStartContext(c)));

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationAction(Compilation(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            _inner.RegisterSymbolAction(Symbol(action), symbolKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _inner.RegisterOperationAction(Operation(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(OperationBlock(action));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            _inner.RegisterOperationBlockStartAction(OperationBlockStart(action));

        // Additional files are not syntax trees: nothing generated to filter.
        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unfiltered(nameof(RegisterSemanticModelAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw Unfiltered(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unfiltered(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unfiltered(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            throw Unfiltered(nameof(RegisterSyntaxNodeAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => throw Unfiltered(nameof(RegisterSymbolStartAction));
    }

    // RS1012: these contexts forward registrations to the context Roslyn passed in; they register nothing themselves.
#pragma warning disable RS1012
    private sealed class FilteredCompilationStartContext : CompilationStartAnalysisContext
    {
        private readonly CompilationStartAnalysisContext _inner;

        public FilteredCompilationStartContext(CompilationStartAnalysisContext inner)
            : base(inner.Compilation, inner.Options, inner.CancellationToken) => _inner = inner;

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => _inner.RegisterCompilationEndAction(Compilation(action));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) =>
            _inner.RegisterSymbolAction(Symbol(action), symbolKinds);

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _inner.RegisterOperationAction(Operation(action), operationKinds);

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(OperationBlock(action));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            _inner.RegisterOperationBlockStartAction(OperationBlockStart(action));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => _inner.RegisterAdditionalFileAction(action);

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => throw Unfiltered(nameof(RegisterSemanticModelAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw Unfiltered(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unfiltered(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => throw Unfiltered(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            throw Unfiltered(nameof(RegisterSyntaxNodeAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) =>
            _inner.RegisterSymbolStartAction(SymbolStart(action), symbolKind);
    }

    /// <summary>A block in a Razor tree: its operations and end action see only what the user wrote.</summary>
    private sealed class FilteredOperationBlockStartContext : OperationBlockStartAnalysisContext
    {
        private readonly OperationBlockStartAnalysisContext _inner;

#pragma warning disable CS0618
        public FilteredOperationBlockStartContext(OperationBlockStartAnalysisContext inner)
            : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken) => _inner = inner;
#pragma warning restore CS0618

        public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action) =>
            _inner.RegisterOperationBlockEndAction(OperationBlock(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _inner.RegisterOperationAction(Operation(action), operationKinds);
    }

    /// <summary>
    /// A type (or other symbol) declared in user code or a Razor tree: its blocks and operations are filtered like the
    /// compilation-wide ones, and its end action reports only what is reportable.
    /// </summary>
#pragma warning disable CS0618
    private sealed class FilteredSymbolStartContext : SymbolStartAnalysisContext
    {
        private readonly SymbolStartAnalysisContext _inner;

        public FilteredSymbolStartContext(SymbolStartAnalysisContext inner)
            : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken) => _inner = inner;

        public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action) =>
            _inner.RegisterSymbolEndAction(c => action(new SymbolAnalysisContext(c.Symbol, c.Compilation, c.Options, Reportable(c.ReportDiagnostic), _ => true, c.CancellationToken)));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => _inner.RegisterOperationBlockAction(OperationBlock(action));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) =>
            _inner.RegisterOperationBlockStartAction(OperationBlockStart(action));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) =>
            _inner.RegisterOperationAction(Operation(action), operationKinds);

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) =>
            throw Unfiltered(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => throw Unfiltered(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            throw Unfiltered(nameof(RegisterSyntaxNodeAction));
    }
#pragma warning restore CS0618
#pragma warning restore RS1012
}
