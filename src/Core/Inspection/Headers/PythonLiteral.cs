using System.Globalization;
using System.Text;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// The subset of Python that <c>ast.literal_eval</c> accepts and NumPy headers use: dicts, lists, tuples, strings (any
/// quoting, prefixes, escapes, implicit concatenation), integers, True/False/None. Anything else is a parse failure, as
/// it is for numpy, so a header is judged by what numpy would see, never by one spelling of it.
/// </summary>
internal sealed class PythonLiteral
{
    private const int MaxDepth = 64;

    private readonly string _text;
    private int _position;

    private PythonLiteral(string text) => _text = text;

    /// <summary>A parsed literal: string, long, bool, null (None), List&lt;object?&gt; (list), <see cref="Tuple"/>, Dictionary.</summary>
    public static bool TryParse(string text, out object? value, out string? error)
    {
        var parser = new PythonLiteral(text);
        try
        {
            value = parser.Value(0);
            parser.SkipSpace();
            if (parser._position < text.Length)
            {
                throw parser.Fail("unexpected text after the literal");
            }

            error = null;
            return true;
        }
        catch (FormatException e)
        {
            value = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>A Python tuple, kept apart from a list because numpy gives them different meanings in a dtype.</summary>
    public sealed record Tuple(IReadOnlyList<object?> Items);

    private sealed record OtherKey(object? Key);

    private object? Value(int depth)
    {
        if (depth > MaxDepth)
        {
            throw Fail("nested too deeply");
        }

        SkipSpace();
        if (_position >= _text.Length)
        {
            throw Fail("the literal ends early");
        }

        var c = _text[_position];
        switch (c)
        {
            case '{':
                return Dict(depth);
            case '[':
                _position++;
                return Sequence(']', depth);
            case '(':
                return Parenthesised(depth);
            case '-' or '+':
                _position++;
                SkipSpace();
                return Value(depth + 1) is long number ? (c == '-' ? -number : number) : throw Fail("a sign before something that is not a number");
            case >= '0' and <= '9':
                return Number();
        }

        if (IsStringStart())
        {
            var builder = new StringBuilder();
            do
            {
                builder.Append(StringLiteral());
                SkipSpace();
            }
            while (_position < _text.Length && IsStringStart());
            return builder.ToString();
        }

        var word = Word();
        return word switch
        {
            "True" => true,
            "False" => false,
            "None" => null,
            _ => throw Fail($"'{word}' is not a literal"),
        };
    }

    private Dictionary<object, object?> Dict(int depth)
    {
        _position++;
        var result = new Dictionary<object, object?>();
        while (true)
        {
            SkipSpace();
            if (Take('}'))
            {
                return result;
            }

            var key = Value(depth + 1);
            if (key is List<object?> or Dictionary<object, object?>)
            {
                throw Fail("an unhashable dict key");
            }

            SkipSpace();
            Expect(':');

            // As in Python, a repeated key keeps its last value. Keys that are not strings never match a numpy key.
            result[key as string ?? (object)new OtherKey(key)] = Value(depth + 1);
            SkipSpace();
            if (!Take(','))
            {
                SkipSpace();
                Expect('}');
                return result;
            }
        }
    }

    private object? Parenthesised(int depth)
    {
        _position++;
        SkipSpace();
        if (Take(')'))
        {
            return new Tuple([]);
        }

        var first = Value(depth + 1);
        SkipSpace();
        if (Take(')'))
        {
            return first;
        }

        Expect(',');
        var items = new List<object?> { first };
        items.AddRange(Sequence(')', depth));
        return new Tuple(items);
    }

    private List<object?> Sequence(char close, int depth)
    {
        var items = new List<object?>();
        while (true)
        {
            SkipSpace();
            if (Take(close))
            {
                return items;
            }

            items.Add(Value(depth + 1));
            SkipSpace();
            if (!Take(','))
            {
                SkipSpace();
                Expect(close);
                return items;
            }
        }
    }

    private long Number()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        var digits = _text[start.._position].Replace("_", string.Empty, StringComparison.Ordinal);

        // Python 2 wrote longs as 2L; numpy's _filter_header drops the suffix for format versions 1 and 2.
        if (_position < _text.Length && _text[_position] is 'L' or 'l')
        {
            _position++;
        }

        if (_position < _text.Length && (char.IsAsciiLetter(_text[_position]) || _text[_position] == '.'))
        {
            throw Fail("a number numpy would not accept in a header");
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw Fail("an integer out of range");
    }

    private bool IsStringStart()
    {
        var i = _position;
        while (i < _text.Length && i - _position < 2 && _text[i] is 'u' or 'U' or 'r' or 'R' or 'b' or 'B')
        {
            i++;
        }

        return i < _text.Length && _text[i] is '\'' or '"';
    }

    private string StringLiteral()
    {
        var raw = false;
        while (_text[_position] is not ('\'' or '"'))
        {
            raw |= _text[_position] is 'r' or 'R';
            _position++;
        }

        var quote = _text[_position];
        var triple = _position + 2 < _text.Length && _text[_position + 1] == quote && _text[_position + 2] == quote;
        _position += triple ? 3 : 1;
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Fail("an unterminated string");
            }

            var c = _text[_position];
            if (c == quote && (!triple || (_position + 2 < _text.Length && _text[_position + 1] == quote && _text[_position + 2] == quote)))
            {
                _position += triple ? 3 : 1;
                return builder.ToString();
            }

            if (c == '\n' && !triple)
            {
                throw Fail("a line break inside a string");
            }

            _position++;
            if (c != '\\' || _position >= _text.Length)
            {
                builder.Append(c);
                continue;
            }

            var e = _text[_position++];
            if (raw)
            {
                builder.Append('\\').Append(e);
                continue;
            }

            switch (e)
            {
                case '\n': break;
                case 'n': builder.Append('\n'); break;
                case 't': builder.Append('\t'); break;
                case 'r': builder.Append('\r'); break;
                case '0' or '1' or '2' or '3' or '4' or '5' or '6' or '7':
                    var octal = e - '0';
                    for (var k = 0; k < 2 && _position < _text.Length && _text[_position] is >= '0' and <= '7'; k++)
                    {
                        octal = (octal * 8) + (_text[_position++] - '0');
                    }

                    builder.Append((char)octal);
                    break;
                case 'x': builder.Append((char)Hex(2)); break;
                case 'u': builder.Append((char)Hex(4)); break;
                case 'U': builder.Append(char.ConvertFromUtf32(Hex(8))); break;
                case 'a': builder.Append('\a'); break;
                case 'b': builder.Append('\b'); break;
                case 'f': builder.Append('\f'); break;
                case 'v': builder.Append('\v'); break;
                case '\\' or '\'' or '"': builder.Append(e); break;
                default: builder.Append('\\').Append(e); break;
            }
        }
    }

    private int Hex(int digits)
    {
        if (_position + digits > _text.Length || !int.TryParse(_text.AsSpan(_position, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) || value > 0x10FFFF)
        {
            throw Fail("a malformed escape");
        }

        _position += digits;
        return value;
    }

    private string Word()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] == '_'))
        {
            _position++;
        }

        return start == _position ? _text[_position].ToString() : _text[start.._position];
    }

    private void SkipSpace()
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\n' or '\r' or '\f')
            {
                _position++;
            }
            else if (c == '\\' && _position + 1 < _text.Length && _text[_position + 1] == '\n')
            {
                _position += 2;
            }
            else if (c == '#')
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private bool Take(char c)
    {
        if (_position < _text.Length && _text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!Take(c))
        {
            throw Fail($"expected '{c}'");
        }
    }

    private FormatException Fail(string message) => new($"{message} at character {_position}");
}
