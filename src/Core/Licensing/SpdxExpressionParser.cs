using System.Text.RegularExpressions;

namespace OpenModel.Core.Licensing;

/// <summary>Recursive-descent parser: OR binds loosest, then AND, then WITH; parentheses group.</summary>
internal sealed partial class SpdxExpressionParser
{
    private readonly string _text;
    private readonly List<string> _tokens;
    private int _position;

    public SpdxExpressionParser(string text)
    {
        _text = text;
        _tokens = Token().Matches(text).Select(m => m.Value).ToList();
        var consumed = string.Concat(_tokens).Length;
        if (consumed != Whitespace().Replace(text, string.Empty).Length)
        {
            throw new FormatException($"'{text}' contains characters that are not allowed in an SPDX expression");
        }
    }

    public SpdxExpression ParseWhole()
    {
        if (_tokens.Count == 0)
        {
            throw new FormatException("the licence expression is empty");
        }

        var expression = ParseOr();
        if (_position < _tokens.Count)
        {
            throw new FormatException($"unexpected '{_tokens[_position]}' in '{_text}'");
        }

        return expression;
    }

    private SpdxExpression ParseOr()
    {
        var terms = new List<SpdxExpression> { ParseAnd() };
        while (IsOperator("OR"))
        {
            _position++;
            terms.Add(ParseAnd());
        }

        return terms.Count == 1 ? terms[0] : new SpdxDisjunction(terms);
    }

    private SpdxExpression ParseAnd()
    {
        var terms = new List<SpdxExpression> { ParseTerm() };
        while (IsOperator("AND"))
        {
            _position++;
            terms.Add(ParseTerm());
        }

        return terms.Count == 1 ? terms[0] : new SpdxConjunction(terms);
    }

    private SpdxExpression ParseTerm()
    {
        var token = Next("a licence");
        if (token == "(")
        {
            var inner = ParseOr();
            if (Next("')'") != ")")
            {
                throw new FormatException($"missing ')' in '{_text}'");
            }

            return inner;
        }

        if (token is ")" or "+" || IsOperatorToken(token))
        {
            throw new FormatException($"expected a licence but found '{token}' in '{_text}'");
        }

        var orLater = false;
        if (_position < _tokens.Count && _tokens[_position] == "+")
        {
            orLater = true;
            _position++;
        }

        string? exception = null;
        if (IsOperator("WITH"))
        {
            _position++;
            exception = Next("an exception");
            if (exception is "(" or ")" or "+" || IsOperatorToken(exception))
            {
                throw new FormatException($"expected an exception after WITH in '{_text}'");
            }
        }

        return new SpdxLicense(token, orLater, exception);
    }

    private string Next(string expected) =>
        _position < _tokens.Count ? _tokens[_position++] : throw new FormatException($"expected {expected} at the end of '{_text}'");

    private bool IsOperator(string name) => _position < _tokens.Count && string.Equals(_tokens[_position], name, StringComparison.OrdinalIgnoreCase);

    private static bool IsOperatorToken(string token) => token.ToUpperInvariant() is "AND" or "OR" or "WITH";

    [GeneratedRegex(@"\(|\)|\+|[A-Za-z0-9.\-:]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
