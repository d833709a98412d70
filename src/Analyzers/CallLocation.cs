using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace OpenModel.Analyzers;

/// <summary>Where a finding on a call is reported.</summary>
internal static class CallLocation
{
    /// <summary>
    /// The call itself; for a fluent chain split over lines (<c>services.AddPredictionEnginePool&lt;A, B&gt;()\n.FromFile(path)</c>)
    /// the span starts at the member name, so the line reported is the line of the call, not of the chain's start.
    /// </summary>
    public static Location Of(IOperation operation)
    {
        var syntax = operation.Syntax;
        if (syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } invocation
            && syntax.SyntaxTree is { } tree
            && tree.GetLineSpan(access.Name.Span).StartLinePosition.Line != tree.GetLineSpan(invocation.Span).StartLinePosition.Line)
        {
            return Location.Create(tree, TextSpan.FromBounds(access.Name.SpanStart, invocation.Span.End));
        }

        return syntax.GetLocation();
    }
}
