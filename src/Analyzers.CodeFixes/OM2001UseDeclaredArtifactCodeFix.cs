using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using OpenModel.Analyzers.Declarations;

namespace OpenModel.Analyzers.CodeFixes;

/// <summary>
/// OM2001/OM2002/OM2003 on a literal that is a near miss of a declared artefact (a typo in a path or model id):
/// offers to load the declared one instead. One fix for three rules is named by the first of them.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(OM2001UseDeclaredArtifactCodeFix))]
[Shared]
public sealed class OM2001UseDeclaredArtifactCodeFix : CodeFixProvider
{
    private const int MaxSuggestions = 3;

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIdentifiers.ModelNotDeclared, RuleIdentifiers.DatasetNotDeclared, RuleIdentifiers.RemoteModelNotDeclared);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var declarations = DeclarationSet.From(context.Document.Project.AnalyzerOptions.AdditionalFiles, context.CancellationToken);
        if (root is null || declarations.Artifacts.IsEmpty)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue("Include", out var undeclared) || undeclared is null)
            {
                continue;
            }

            var remote = diagnostic.Id == RuleIdentifiers.RemoteModelNotDeclared;
            var itemType = diagnostic.Id == RuleIdentifiers.DatasetNotDeclared ? ArtifactItemType.AIDataset : ArtifactItemType.AIModel;
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var literal = FindLiteral(node, undeclared, remote);
            if (literal is null)
            {
                continue;
            }

            foreach (var replacement in Suggestions(declarations, itemType, remote, undeclared, literal.Token.ValueText))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use declared {itemType} '{replacement.Declared}'",
                        token => ReplaceAsync(context.Document, literal, replacement.Text, token),
                        equivalenceKey: "UseDeclared:" + replacement.Declared),
                    diagnostic);
            }
        }
    }

    /// <summary>The literal that spells the whole undeclared value, or (inside Path.Combine) its file name.</summary>
    private static LiteralExpressionSyntax? FindLiteral(SyntaxNode node, string undeclared, bool remote) =>
        node.DescendantNodesAndSelf()
            .OfType<LiteralExpressionSyntax>()
            .Where(l => l.IsKind(SyntaxKind.StringLiteralExpression))
            .FirstOrDefault(l =>
                remote
                    ? string.Equals(l.Token.ValueText, undeclared, StringComparison.Ordinal)
                    : ArtifactPath.Equal(ArtifactPath.Normalize(l.Token.ValueText), undeclared)
                      || ArtifactPath.Equal(l.Token.ValueText, ArtifactPath.FileName(undeclared)));

    private static ImmutableArray<(string Declared, string Text)> Suggestions(DeclarationSet declarations, ArtifactItemType itemType, bool remote, string undeclared, string literalText)
    {
        var wholePath = remote || ArtifactPath.Equal(ArtifactPath.Normalize(literalText), undeclared);
        return declarations.Artifacts
            .Where(a => a.ItemType == itemType && a.IsRemote == remote)
            .Select(a =>
            {
                var declared = remote ? a.RemoteModelId : a.NormalizedPath;
                var text = wholePath ? declared : a.FileName;
                var distance = EditDistance.Between(remote ? undeclared : ArtifactPath.FileName(undeclared), remote ? declared : a.FileName);
                return (Declared: remote ? a.Include : a.NormalizedPath, Text: text, Distance: distance, Length: text.Length);
            })
            .Where(s => s.Distance <= Math.Max(2, s.Length / 4))
            .OrderBy(s => s.Distance)
            .ThenBy(s => s.Declared, StringComparer.Ordinal)
            .Take(MaxSuggestions)
            .Select(s => (s.Declared, s.Text))
            .ToImmutableArray();
    }

    private static async Task<Document> ReplaceAsync(Document document, LiteralExpressionSyntax literal, string text, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var replacement = SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(text)).WithTriviaFrom(literal);
        return document.WithSyntaxRoot(root!.ReplaceNode(literal, replacement));
    }
}
