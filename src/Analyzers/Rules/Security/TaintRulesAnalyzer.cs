using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>
/// Runs the flow engine once per method that holds a source and reports every sink untrusted data reaches.
/// The rules only contribute their descriptors and sink tables.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TaintRulesAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<TaintSink> AllSinks = OM1009UntrustedSystemPrompt.Sinks
        .AddRange(OM1011LlmOutputAsCommand.Sinks)
        .AddRange(OM1012LlmOutputAsSql.Sinks)
        .AddRange(OM1013LlmOutputAsHtml.Sinks)
        .AddRange(OM1014LlmOutputAsPathUrlOrCode.Sinks)
        .AddRange(OM1018SecretsInPromptsOrLogs.Sinks);

    private static readonly Dictionary<string, TaintSink[]> ByMember = AllSinks
        .GroupBy(s => s.Member, System.StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.ToArray(), System.StringComparer.Ordinal);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        OM1001UntrustedModelPath.Descriptor,
        OM1009UntrustedSystemPrompt.Descriptor,
        OM1011LlmOutputAsCommand.Descriptor,
        OM1012LlmOutputAsSql.Descriptor,
        OM1013LlmOutputAsHtml.Descriptor,
        OM1014LlmOutputAsPathUrlOrCode.Descriptor,
        OM1018SecretsInPromptsOrLogs.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            // A sink inside a helper is reached from every caller that passes it untrusted data: one finding per site.
            var reported = new ConcurrentDictionary<(SyntaxTree Tree, int Start, string Rule), bool>();

            // The user's source and sanitizer lists come from the tree's .editorconfig options: read once per tree, not per block.
            var tablesByTree = new ConcurrentDictionary<SyntaxTree, TaintTables>();
            start.RegisterOperationBlockAction(block => AnalyzeBlock(block, reported, tablesByTree));

            // A Razor component's members: fields written by a handler, read by the markup or another handler.
            start.RegisterSymbolStartAction(type => Razor.RazorComponentFlow.Register(type, MaySink, (analysis, report) => ReportAll(report, start.Compilation, analysis, reported)), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeBlock(OperationBlockAnalysisContext context, ConcurrentDictionary<(SyntaxTree, int, string), bool> reported, ConcurrentDictionary<SyntaxTree, TaintTables> tablesByTree)
    {
        // A Razor component's members get their one taint pass, with the component's state, from RazorComponentFlow.
        if (Razor.RazorComponentFlow.Covers(context.OwningSymbol))
        {
            return;
        }

        TaintTables? tables = null;
        foreach (var root in context.OperationBlocks)
        {
            if (tables is null && !tablesByTree.TryGetValue(root.Syntax.SyntaxTree, out tables))
            {
                tables = tablesByTree.GetOrAdd(root.Syntax.SyntaxTree, TaintTables.From(context.Options, root.Syntax.SyntaxTree));
            }

            if (!TaintAnalysis.MayContainSource(root, tables, context.Compilation, context.CancellationToken))
            {
                continue;
            }

            var analysis = new TaintAnalysis(root, tables, context.Compilation, context.CancellationToken);
            analysis.FollowTaintedCalls();
            ReportAll(context.ReportDiagnostic, context.Compilation, analysis, reported);
        }
    }

    private static void ReportAll(System.Action<Diagnostic> report, Compilation compilation, TaintAnalysis analysis, ConcurrentDictionary<(SyntaxTree, int, string), bool> reported)
    {
        var root = analysis.Root;
        Report(report, analysis, root, reported, through: null);

        // Untrusted arguments passed to a method of the source reach the sinks inside it: reported there when it
        // belongs to this compilation, else at the call here (a referenced project's tree is not this compilation's).
        // Checking a callee's sinks can summarise further callees: the list may grow (within the budget) while read.
        for (var i = 0; i < analysis.TaintedCallees.Count; i++)
        {
            var callee = analysis.TaintedCallees[i];
            var inThisCompilation = compilation.ContainsSyntaxTree(callee.Root.Syntax.SyntaxTree);
            Report(report, callee, callee.Root, reported, through: inThisCompilation ? null : root);
        }
    }

    private static void Report(System.Action<Diagnostic> report, TaintAnalysis analysis, IOperation root, ConcurrentDictionary<(SyntaxTree, int, string), bool> reported, IOperation? through)
    {
        List<string>? rules = null;
        foreach (var operation in root.DescendantsAndSelf())
        {
            // The rest of the block costs a kind test, not an iterator.
            if (!TaintSink.MayBeAt(operation))
            {
                continue;
            }

            // A member can match several table rows (DbCommand and IDbCommand): one finding per rule and site, the first.
            rules?.Clear();
            foreach (var hit in Hits(operation, analysis))
            {
                rules ??= new List<string>();
                if (rules.Contains(hit.Sink.Rule.Id))
                {
                    continue;
                }

                rules.Add(hit.Sink.Rule.Id);
                var location = through is null ? CallLocation.Of(operation) : CallSite(through, root) ?? through.Syntax.GetLocation();
                if (location.SourceTree is { } tree && reported.TryAdd((tree, location.SourceSpan.Start, hit.Sink.Rule.Id), true))
                {
                    report(Diagnostic.Create(hit.Sink.Rule, location, hit.Taint.Describe(), hit.Sink.DisplayName));
                }
            }
        }
    }

    /// <summary>The call in <paramref name="caller"/> that leads into <paramref name="callee"/>'s method, if it is a direct one.</summary>
    private static Location? CallSite(IOperation caller, IOperation callee)
    {
        var method = callee.SemanticModel?.GetDeclaredSymbol(callee.Syntax) as IMethodSymbol;
        var call = caller.Descendants().OfType<IInvocationOperation>().FirstOrDefault(c => method is not null && c.TargetMethod.OriginalDefinition.GetDocumentationCommentId() == method.GetDocumentationCommentId());
        return call is null ? null : CallLocation.Of(call);
    }

    private static IEnumerable<(TaintSink Sink, TaintKind Taint)> Hits(IOperation operation, TaintAnalysis analysis)
    {
        switch (operation)
        {
            case IInvocationOperation or IObjectCreationOperation:
                var (method, arguments) = LoadSiteFinder.CalledMethod(operation);
                if (method is null)
                {
                    yield break;
                }

                var member = method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name;
                var loader = OM1001UntrustedModelPath.SinkFor(method);
                foreach (var sink in loader is null ? Matching(member, method) : Matching(member, method).Append(loader))
                {
                    if (sink.When?.Invoke(arguments) == false)
                    {
                        continue;
                    }

                    var taint = arguments.Where(a => Checked(sink, a)).Aggregate(TaintKind.None, (k, a) => k | analysis.TaintOf(a.Value)) & sink.Untrusted;
                    if (taint != TaintKind.None)
                    {
                        yield return (sink, taint);
                    }
                }

                break;
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment:
                foreach (var sink in Matching(property.Property.Name, property.Property))
                {
                    var taint = analysis.TaintOf(assignment.Value) & sink.Untrusted;
                    if (taint != TaintKind.None)
                    {
                        yield return (sink, taint);
                    }
                }

                break;
            case IInterpolatedStringOperation interpolated:
                var system = OM1009UntrustedSystemPrompt.SystemHoles(interpolated).Aggregate(TaintKind.None, (k, hole) => k | analysis.TaintOf(hole))
                    & OM1009UntrustedSystemPrompt.JsonSystemMessage.Untrusted;
                if (system != TaintKind.None)
                {
                    yield return (OM1009UntrustedSystemPrompt.JsonSystemMessage, system);
                }

                break;
            case IConversionOperation { IsImplicit: false } conversion when conversion.Type is INamedTypeSymbol target
                && LoaderCatalog.MetadataName(target) == OM1013LlmOutputAsHtml.MarkupStringType:
                var markup = analysis.TaintOf(conversion.Operand) & OM1013LlmOutputAsHtml.HtmlUntrusted;
                if (markup != TaintKind.None)
                {
                    yield return (OM1013LlmOutputAsHtml.Sinks.First(s => s.TypeMetadataName == OM1013LlmOutputAsHtml.MarkupStringType), markup);
                }

                break;
        }
    }

    /// <summary>Whether <see cref="Hits"/> could find a sink at this operation, whatever reaches it.</summary>
    private static bool MaySink(IOperation operation)
    {
        switch (operation)
        {
            case IInvocationOperation or IObjectCreationOperation:
                var (method, _) = LoadSiteFinder.CalledMethod(operation);
                return method is not null
                    && (Matching(method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name, method).Any() || OM1001UntrustedModelPath.SinkFor(method) is not null);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property }:
                return Matching(property.Property.Name, property.Property).Any();
            case IInterpolatedStringOperation interpolated:
                return OM1009UntrustedSystemPrompt.SystemHoles(interpolated).Any();
            case IConversionOperation { IsImplicit: false, Type: INamedTypeSymbol target }:
                return LoaderCatalog.MetadataName(target) == OM1013LlmOutputAsHtml.MarkupStringType;
            default:
                return false;
        }
    }

    /// <summary>Sinks for this member declared on its type, a base type, or an interface it implements.</summary>
    private static IEnumerable<TaintSink> Matching(string member, ISymbol symbol)
    {
        if (!ByMember.TryGetValue(member, out var candidates))
        {
            return Enumerable.Empty<TaintSink>();
        }

        var type = symbol.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return Enumerable.Empty<TaintSink>();
        }

        // Asked for every call and construction a component or handler makes (".ctor" always has candidates): the
        // simple metadata name rules a type out before its full name is built, and nothing is allocated on a miss.
        List<TaintSink>? matched = null;
        foreach (var candidate in candidates)
        {
            if (DeclaredOnOrInherited(type, candidate))
            {
                (matched ??= new List<TaintSink>()).Add(candidate);
            }
        }

        return matched ?? Enumerable.Empty<TaintSink>();
    }

    /// <summary>Whether the sink's type is <paramref name="type"/>, a base type of it, or an interface it implements.</summary>
    private static bool DeclaredOnOrInherited(INamedTypeSymbol type, TaintSink sink)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current.OriginalDefinition, sink))
            {
                return true;
            }
        }

        foreach (var @interface in type.AllInterfaces)
        {
            if (Is(@interface.OriginalDefinition, sink))
            {
                return true;
            }
        }

        return false;

        static bool Is(INamedTypeSymbol candidate, TaintSink sink) =>
            candidate.MetadataName == sink.TypeSimpleMetadataName && LoaderCatalog.MetadataName(candidate) == sink.TypeMetadataName;
    }

    private static bool Checked(TaintSink sink, IArgumentOperation argument) =>
        argument.Parameter is { } parameter
        && argument.ArgumentKind != ArgumentKind.DefaultValue
        && (sink.Parameters.IsEmpty
            ? parameter.Type.SpecialType is SpecialType.System_String or SpecialType.System_Object || parameter.Type is IArrayTypeSymbol
            : sink.Parameters.Contains(parameter.Name));
}
