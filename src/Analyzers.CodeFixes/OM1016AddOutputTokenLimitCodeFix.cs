using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace OpenModel.Analyzers.CodeFixes;

/// <summary>
/// OM1016: bounds the generation — sets the limit in an options object the call already creates, or passes a new
/// options argument (for OpenAI's params overload, the messages become a collection expression first).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM1016AddOutputTokenLimitCodeFix))]
[Shared]
public sealed class OM1016AddOutputTokenLimitCodeFix : CodeFixProvider
{
    public const int DefaultLimit = 1024;

    private const string Title = "Limit the output to 1024 tokens";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.UnboundedGeneration);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var diagnostic = context.Diagnostics[0];
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault() is not { } call
            || model?.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol method
            || !diagnostic.Properties.TryGetValue(Rules.Security.OM1016UnboundedGeneration.LimitProperty, out var limit) || limit is null)
        {
            return;
        }

        var optionsParameter = method.Parameters.FirstOrDefault(p => p.Type.Name is "ChatCompletionOptions" or "ChatOptions");
        var optionsType = optionsParameter?.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)
            ?? (method.ContainingType.ContainingNamespace.ToDisplayString() == "OpenAI.Chat" ? "global::OpenAI.Chat.ChatCompletionOptions" : null);
        if (optionsType is null)
        {
            return;
        }

        var assignment = $"{limit} = {DefaultLimit}";
        var existing = optionsParameter is null ? null : call.ArgumentList.Arguments
            .Select(a => a.Expression).OfType<BaseObjectCreationExpressionSyntax>()
            .FirstOrDefault(c => SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(c, context.CancellationToken).Type, optionsParameter.Type));

        SyntaxNode fixedCall;
        if (existing is not null)
        {
            var initializer = existing.Initializer ?? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression);
            fixedCall = call.ReplaceNode(existing, existing.WithInitializer(initializer.AddExpressions(SyntaxFactory.ParseExpression(assignment)).WithAdditionalAnnotations(Formatter.Annotation)));
        }
        else if (optionsParameter is not null)
        {
            fixedCall = call.AddArgumentListArguments(SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"new {optionsType} {{ {assignment} }}"))
                .WithNameColon(SyntaxFactory.NameColon(optionsParameter.Name)));
        }
        else
        {
            // CompleteChat(params ChatMessage[]): the overload with options takes the messages as one collection.
            var messages = SyntaxFactory.ParseExpression("[" + string.Join(", ", call.ArgumentList.Arguments.Select(a => a.ToString())) + "]");
            fixedCall = call.WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.Argument(messages),
                SyntaxFactory.Argument(SyntaxFactory.ParseExpression($"new {optionsType} {{ {assignment} }}")),
            })));
        }

        context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, fixedCall))), Title), diagnostic);
    }
}
