using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenModel.Analyzers.Resolution;

/// <summary>Syntactic, name-based write detection: conservative (a same-named write elsewhere also counts) and cheap.</summary>
internal static class SyntaxWrites
{
    public static bool AssignsIdentifier(SyntaxNode scope, string name, SyntaxNode except)
    {
        foreach (var node in scope.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when Names(assignment.Left, name):
                    return true;
                case ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) && !argument.RefKindKeyword.IsKind(SyntaxKind.InKeyword) && Names(argument.Expression, name):
                    return true;
                case VariableDeclaratorSyntax declarator when declarator != except && declarator.Identifier.ValueText == name:
                    return true;
            }
        }

        return false;
    }

    public static bool AssignedInConstructor(SyntaxNode memberSyntax, string name)
    {
        var type = memberSyntax.FirstAncestorOrSelf<TypeDeclarationSyntax>();
        return type is not null
            && type.Members.OfType<ConstructorDeclarationSyntax>().Any(ctor => AssignsIdentifier(ctor, name, except: memberSyntax));
    }

    private static bool Names(ExpressionSyntax expression, string name) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText == name,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText == name,
        _ => false,
    };
}
