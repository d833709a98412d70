using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;

namespace OpenModel.Analyzers.CodeFixes;

/// <summary>
/// OM1001: keeps only the file name of the untrusted part of a model path (inside Path.Combine, its last segment), so
/// the load stays in its folder whatever the request says.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM1001KeepOnlyFileNameCodeFix))]
[Shared]
public sealed class OM1001KeepOnlyFileNameCodeFix : CodeFixProvider
{
    private const string Title = "Keep only the file name (Path.GetFileName)";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UntrustedModelPath);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        if (root is null || model is null || node is null || model.GetOperation(node, context.CancellationToken) is not { } operation)
        {
            return;
        }

        var (method, arguments) = LoadSiteFinder.CalledMethod(operation);
        if (method is null || LoaderCatalog.Find(method) is not { } entry || LoadSiteFinder.SelectArgument(entry, arguments) is not { } argument
            || argument.Value.Type?.SpecialType != SpecialType.System_String || argument.Syntax is not ArgumentSyntax { Expression: var path })
        {
            return;
        }

        // Inside Path.Combine only the last segment comes from outside; elsewhere the whole value does.
        var target = path is InvocationExpressionSyntax { ArgumentList.Arguments.Count: > 1 } combine
            && model.GetSymbolInfo(combine, context.CancellationToken).Symbol is IMethodSymbol { Name: "Combine" or "Join", ContainingType.Name: "Path" }
                ? combine.ArgumentList.Arguments.Last().Expression
                : path;
        var wrapped = SyntaxFactory.ParseExpression($"System.IO.Path.GetFileName({target.WithoutTrivia()})").WithTriviaFrom(target);
        context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target, wrapped))), Title), context.Diagnostics);
    }
}
