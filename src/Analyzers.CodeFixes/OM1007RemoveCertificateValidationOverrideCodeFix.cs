using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace OpenModel.Analyzers.CodeFixes;

/// <summary>OM1007: removes the assignment that switches certificate validation off, restoring the platform's validation.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM1007RemoveCertificateValidationOverrideCodeFix))]
[Shared]
public sealed class OM1007RemoveCertificateValidationOverrideCodeFix : CodeFixProvider
{
    private const string Title = "Remove the certificate validation override";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.TlsValidationDisabled);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        var assignment = node?.AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault();
        if (root is null || assignment is null || (assignment.Parent is not ExpressionStatementSyntax && assignment.Parent is not InitializerExpressionSyntax))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(Remove(root, assignment))), Title),
            context.Diagnostics);
    }

    private static SyntaxNode Remove(SyntaxNode root, AssignmentExpressionSyntax assignment)
    {
        if (assignment.Parent is ExpressionStatementSyntax statement)
        {
            return root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!;
        }

        var initializer = (InitializerExpressionSyntax)assignment.Parent!;
        var remaining = initializer.RemoveNode(assignment, SyntaxRemoveOptions.KeepNoTrivia)!.WithAdditionalAnnotations(Formatter.Annotation);
        return root.ReplaceNode(initializer, remaining);
    }
}
