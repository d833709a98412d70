using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>
/// Every analyzer runs concurrently and sees generated code only through RazorAnalysis, which keeps Razor output and
/// skips everything else generated, so build-time cost stays small.
/// </summary>
public class AnalyzerConventionsTests
{
    public static TheoryData<Type> Analyzers() => new(
        typeof(RuleDescriptor).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null));

    [Theory]
    [MemberData(nameof(Analyzers))]
    public void Analyzer_enables_concurrent_execution_and_filters_generated_code_through_RazorAnalysis(Type analyzerType)
    {
        var context = new RecordingAnalysisContext();

        ((DiagnosticAnalyzer)Activator.CreateInstance(analyzerType)!).Initialize(context);

        Assert.True(context.ConcurrentExecutionEnabled);
        Assert.Equal(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics, context.GeneratedCodeFlags);
        Assert.NotEmpty(context.Registered);
        Assert.All(context.Registered, action => Assert.True(IsRazorFilter(action.Method.DeclaringType), $"{analyzerType.Name} registers {action.Method} without RazorAnalysis."));
    }

    private static bool IsRazorFilter(Type? type)
    {
        for (; type is not null; type = type.DeclaringType)
        {
            if (type == typeof(RazorAnalysis))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        public bool ConcurrentExecutionEnabled { get; private set; }

        public GeneratedCodeAnalysisFlags? GeneratedCodeFlags { get; private set; }

        /// <summary>Actions on syntax and symbols; additional files are not generated code and need no filter.</summary>
        public List<Delegate> Registered { get; } = new();

        public override void EnableConcurrentExecution() => ConcurrentExecutionEnabled = true;

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode) => GeneratedCodeFlags = analysisMode;

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => Registered.Add(action);
        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Registered.Add(action);
        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Registered.Add(action);
        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Registered.Add(action);
        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Registered.Add(action);
        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Registered.Add(action);
        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Registered.Add(action);
        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Registered.Add(action);
        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Registered.Add(action);
        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Registered.Add(action);
        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Registered.Add(action);
        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) { }
    }
}
