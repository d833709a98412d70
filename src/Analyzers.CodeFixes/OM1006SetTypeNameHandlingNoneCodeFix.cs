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

/// <summary>OM1006 on Newtonsoft settings: TypeNameHandling.X becomes TypeNameHandling.None.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM1006SetTypeNameHandlingNoneCodeFix))]
[Shared]
public sealed class OM1006SetTypeNameHandlingNoneCodeFix : CodeFixProvider
{
    private const string Title = "Use TypeNameHandling.None";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.InsecureSerializer);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var assignment = root?.FindNode(context.Span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<AssignmentExpressionSyntax>().FirstOrDefault();
        if (root is null || assignment?.Right is not MemberAccessExpressionSyntax member || member.Name.Identifier.ValueText == "None")
        {
            return;
        }

        var fixedValue = member.WithName(SyntaxFactory.IdentifierName("None")).WithTriviaFrom(member);
        context.RegisterCodeFix(CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(member, fixedValue))), Title), context.Diagnostics);
    }
}
