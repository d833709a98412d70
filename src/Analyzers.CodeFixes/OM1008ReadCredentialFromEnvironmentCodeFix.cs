using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenModel.Analyzers.CodeFixes;

/// <summary>OM1008: replaces the key literal with a read of the provider's conventional environment variable.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM1008ReadCredentialFromEnvironmentCodeFix))]
[Shared]
public sealed class OM1008ReadCredentialFromEnvironmentCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.HardCodedCredential);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal || !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return;
        }

        var variable = VariableFor(literal.Token.ValueText);
        var title = $"Read the key from the {variable} environment variable";
        context.RegisterCodeFix(CodeAction.Create(title, _ => Task.FromResult(context.Document.WithSyntaxRoot(Replace(root, literal, variable))), "ReadFromEnvironment"), context.Diagnostics);
    }

    public static string VariableFor(string key) =>
        key.StartsWith("sk-ant-", System.StringComparison.Ordinal) ? "ANTHROPIC_API_KEY"
        : key.StartsWith("hf_", System.StringComparison.Ordinal) ? "HF_TOKEN"
        : key.Length == 32 && key.All(System.Uri.IsHexDigit) ? "AZURE_OPENAI_API_KEY"
        : "OPENAI_API_KEY";

    private static SyntaxNode Replace(SyntaxNode root, LiteralExpressionSyntax literal, string variable)
    {
        var read = SyntaxFactory.ParseExpression(
                $"System.Environment.GetEnvironmentVariable(\"{variable}\") ?? throw new System.InvalidOperationException(\"Set the {variable} environment variable.\")")
            .WithTriviaFrom(literal);

        // A constant cannot hold a value read at run time: const fields become static readonly, const locals plain locals.
        var field = literal.FirstAncestorOrSelf<FieldDeclarationSyntax>();
        if (field is not null && field.Modifiers.Any(SyntaxKind.ConstKeyword))
        {
            var constKeyword = field.Modifiers.First(m => m.IsKind(SyntaxKind.ConstKeyword));
            var modifiers = field.Modifiers.Replace(constKeyword, SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTriviaFrom(constKeyword))
                .Insert(field.Modifiers.IndexOf(constKeyword) + 1, SyntaxFactory.Token(SyntaxKind.ReadOnlyKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            var updated = field.ReplaceNode(literal, read).WithModifiers(modifiers);
            return root.ReplaceNode(field, updated);
        }

        var local = literal.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>();
        if (local is not null && local.IsConst)
        {
            return root.ReplaceNode(local, local.ReplaceNode(literal, read).WithModifiers(default).WithLeadingTrivia(local.GetLeadingTrivia()));
        }

        return root.ReplaceNode(literal, read);
    }
}
