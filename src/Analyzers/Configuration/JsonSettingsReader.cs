using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace OpenModel.Analyzers.Configuration;

/// <summary>
/// Flattens an appsettings-style JSON document into configuration keys ("Models:Sentiment:Path"),
/// accepting the comments and trailing commas that Microsoft.Extensions.Configuration.Json accepts.
/// </summary>
/// <remarks>
/// Analyzer assemblies may depend on nothing but Roslyn, and System.Text.Json is not guaranteed to be
/// loadable inside every compiler host, so this small reader stands in for it.
/// </remarks>
internal sealed class JsonSettingsReader
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);
    private int _position;

    private JsonSettingsReader(string text) => _text = text;

    /// <exception cref="JsonSettingsException">The text is not valid JSON.</exception>
    public static Dictionary<string, string> Read(string text)
    {
        var reader = new JsonSettingsReader(text);
        reader.SkipTrivia();
        if (reader._position < text.Length)
        {
            reader.ReadValue(prefix: string.Empty, depth: 0);
        }

        reader.SkipTrivia();
        if (reader._position < text.Length)
        {
            throw reader.Error("unexpected content after the root value");
        }

        return reader._values;
    }

    private void ReadValue(string prefix, int depth)
    {
        if (depth > MaxDepth)
        {
            throw Error("nesting is too deep");
        }

        SkipTrivia();
        if (_position >= _text.Length)
        {
            throw Error("unexpected end of file");
        }

        switch (_text[_position])
        {
            case '{':
                ReadObject(prefix, depth);
                break;
            case '[':
                ReadArray(prefix, depth);
                break;
            case '"':
                Store(prefix, ReadString());
                break;
            default:
                Store(prefix, ReadLiteral());
                break;
        }
    }

    private void ReadObject(string prefix, int depth)
    {
        _position++;
        while (true)
        {
            SkipTrivia();
            if (TryConsume('}'))
            {
                return;
            }

            if (Peek() != '"')
            {
                throw Error("expected a property name");
            }

            var name = ReadString();
            SkipTrivia();
            if (!TryConsume(':'))
            {
                throw Error("expected ':' after a property name");
            }

            ReadValue(Combine(prefix, name), depth + 1);
            SkipTrivia();
            if (TryConsume(','))
            {
                continue;
            }

            if (!TryConsume('}'))
            {
                throw Error("expected ',' or '}'");
            }

            return;
        }
    }

    private void ReadArray(string prefix, int depth)
    {
        _position++;
        var index = 0;
        while (true)
        {
            SkipTrivia();
            if (TryConsume(']'))
            {
                return;
            }

            ReadValue(Combine(prefix, index.ToString(CultureInfo.InvariantCulture)), depth + 1);
            index++;
            SkipTrivia();
            if (TryConsume(','))
            {
                continue;
            }

            if (!TryConsume(']'))
            {
                throw Error("expected ',' or ']'");
            }

            return;
        }
    }

    private string ReadString()
    {
        _position++;
        var builder = new StringBuilder();
        while (_position < _text.Length)
        {
            var c = _text[_position++];
            if (c == '"')
            {
                return builder.ToString();
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (_position >= _text.Length)
            {
                break;
            }

            var escaped = _text[_position++];
            switch (escaped)
            {
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'u':
                    if (_position + 4 > _text.Length
                        || !int.TryParse(_text.Substring(_position, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error("invalid \\u escape");
                    }

                    builder.Append((char)code);
                    _position += 4;
                    break;
                default: builder.Append(escaped); break;
            }
        }

        throw Error("unterminated string");
    }

    private string? ReadLiteral()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsLetterOrDigit(_text[_position]) || _text[_position] is '-' or '+' or '.'))
        {
            _position++;
        }

        var literal = _text.Substring(start, _position - start);
        if (literal == "null")
        {
            return null;
        }

        if (literal is "true" or "false" || double.TryParse(literal, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return literal;
        }

        _position = start;
        throw Error(literal.Length == 0 ? $"unexpected character '{_text[start]}'" : $"invalid value '{literal}'");
    }

    private void Store(string key, string? value)
    {
        if (key.Length > 0 && value is not null)
        {
            _values[key] = value;
        }
    }

    private void SkipTrivia()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (char.IsWhiteSpace(c) || c == '\uFEFF')
            {
                _position++;
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else if (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '*')
            {
                var end = _text.IndexOf("*/", _position + 2, StringComparison.Ordinal);
                if (end < 0)
                {
                    throw Error("unterminated comment");
                }

                _position = end + 2;
            }
            else
            {
                return;
            }
        }
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    private bool TryConsume(char expected)
    {
        if (Peek() != expected)
        {
            return false;
        }

        _position++;
        return true;
    }

    private static string Combine(string prefix, string name) => prefix.Length == 0 ? name : prefix + ":" + name;

    private JsonSettingsException Error(string message) => new(message, Math.Min(_position, _text.Length));
}

internal sealed class JsonSettingsException : Exception
{
    public JsonSettingsException(string message, int position)
        : base(message) => Position = position;

    public int Position { get; }
}
