using System.Text;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// The code of a TorchScript archive (<c>torch.jit.save</c>): <c>torch.jit.load</c> compiles every <c>code/</c> member
/// and runs it — a module's <c>__setstate__</c> while loading, <c>forward</c> on every call. TorchScript cannot import
/// Python: it reaches the machine only through the operators libtorch registers. Two of them touch the file system
/// (<c>aten::save</c> writes any path, <c>aten::from_file</c> reads any path into a tensor), RPC reaches the network, and
/// operators or classes outside libtorch's own namespaces run native code that is not in the archive. The code is
/// tokenised the way the TorchScript lexer reads it (strings and comments skipped, whitespace between a name and its
/// dots ignored), so a spelling trick does not hide a call. docs/rules/OM4006.md lists the operators and why.
/// </summary>
internal static class TorchScriptCode
{
    /// <summary>TorchScript sources are a few hundred kilobytes; far larger is not a model's code.</summary>
    internal const long MaxCodeBytes = 16 << 20;

    /// <summary>Operators that reach the file system, by their last name segment under torch. or ops.aten.</summary>
    private static readonly Dictionary<string, string> FileOperators = new(StringComparer.Ordinal)
    {
        ["save"] = "aten::save writes a pickle to any path the code names",
        ["from_file"] = "aten::from_file reads any file (a key, a token) into a tensor the model can return",
    };

    /// <summary>Operator namespaces libtorch itself registers (ops.aten.add, ops.prim.NumToTensor, ops.quantized.linear…).</summary>
    private static readonly HashSet<string> LibtorchNamespaces = new(StringComparer.Ordinal)
    {
        "aten", "prim", "quantized", "_quantized", "quantized_decomposed", "prepacked", "mkldnn", "mkldnn_prepacked", "xnnpack",
    };

    /// <summary>TorchBind classes libtorch itself registers (torch.classes.quantized.LinearPackedParamsBase…).</summary>
    private static readonly HashSet<string> LibtorchClassNamespaces = new(StringComparer.Ordinal) { "quantized", "xnnpack", "mkldnn" };

    private enum Token
    {
        Name,
        Dot,
        String,
        Other,
        LineEnd,
    }

    /// <summary>
    /// Judges one code member and returns the TorchScript classes it defines (<c>__torch__.a.b.Net</c> for
    /// <c>code/__torch__/a/b.py</c>), which the archive's pickles may name.
    /// </summary>
    public static IReadOnlyList<string> Inspect(Stream content, string member, string codeRoot, InspectionWork work)
    {
        var classes = new List<string>();
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxCodeBytes)
            {
                work.Add(BuildRules.UnscannableContainer, $"the TorchScript code is larger than {MaxCodeBytes >> 20} MiB, the most this scan reads, so it cannot be judged", member);
                return classes;
            }

            buffer.Write(chunk, 0, read);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            work.Add(BuildRules.UnscannableContainer, "the TorchScript code is not UTF-8 text, so it cannot be judged", member);
            return classes;
        }

        if (Tokenize(text) is not { } tokens)
        {
            work.Add(BuildRules.UnscannableContainer, "the TorchScript code does not tokenise (an unterminated string, unbalanced brackets, or a character outside ASCII outside a string), so it cannot be judged", member);
            return classes;
        }

        var module = codeRoot.Length == 0 ? null : ModuleOf(member, codeRoot);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind != Token.Name || (i > 0 && tokens[i - 1].Kind == Token.Dot))
            {
                continue;
            }

            var (names, line) = (DottedName(tokens, i), tokens[i].Line);
            var statementStart = i == 0 || tokens[i - 1].Kind == Token.LineEnd;
            if (statementStart && names is ["class", ..] && i + 1 < tokens.Count && tokens[i + 1].Kind == Token.Name && module is not null)
            {
                classes.Add($"{module}.{tokens[i + 1].Text}");
            }

            if (statementStart && names is ["import" or "from", ..])
            {
                // torch.jit.save writes "import torch" and "from typing import …"; a name imported from torch is an alias.
                var statement = tokens.Skip(i).TakeWhile(t => t.Kind != Token.LineEnd).Where(t => t.Kind == Token.Name).Select(t => t.Text).ToList();
                if (statement.Contains("torch") && statement.FirstOrDefault(FileOperators.ContainsKey) is { } alias)
                {
                    Flag(work, reported, member, line, "torch." + alias, DiagnosticLevel.Error, $"imports torch's {alias}: {FileOperators[alias]}");
                }

                continue;
            }

            if (names is ["getattr"] && GetattrTarget(tokens, i + 1) is { } attribute && FileOperators.TryGetValue(attribute, out var reason))
            {
                // getattr(torch, "save") compiles to the same builtin as torch.save.
                Flag(work, reported, member, line, "torch." + attribute, DiagnosticLevel.Error, $"looks up '{attribute}' with getattr: {reason}");
            }

            Judge(names, line, member, work, reported);
        }

        return classes;
    }

    /// <summary>The qualified module of a code member: code/__torch__/a/b.py is __torch__.a.b, code/__torch__.py is __torch__.</summary>
    public static string? ModuleOf(string member, string codeRoot)
    {
        if (!member.StartsWith(codeRoot, StringComparison.Ordinal) || !member.EndsWith(".py", StringComparison.Ordinal))
        {
            return null;
        }

        return member[codeRoot.Length..^3].Replace('/', '.');
    }

    private static void Judge(List<string> names, int line, string member, InspectionWork work, HashSet<string> reported)
    {
        var dotted = string.Join('.', names);
        var ops = names is ["ops", ..] ? 1 : names is ["torch", "ops", ..] ? 2 : -1;
        if (names is ["torch", var op] && FileOperators.TryGetValue(op, out var why))
        {
            Flag(work, reported, member, line, dotted, DiagnosticLevel.Error, $"calls {dotted}: {why}");
        }
        else if (ops > 0 && names.Count > ops + 1)
        {
            var space = names[ops];
            if (space == "aten" && FileOperators.TryGetValue(names[ops + 1], out var because))
            {
                Flag(work, reported, member, line, dotted, DiagnosticLevel.Error, $"calls {dotted}: {because}");
            }
            else if (!LibtorchNamespaces.Contains(space))
            {
                Flag(work, reported, member, line, "ops." + space, DiagnosticLevel.Warning, $"calls {dotted}, an operator of the '{space}' namespace that a native library registers at run time (torch.ops.load_library): its code is not in the archive, so it cannot be judged");
            }
        }
        else if (ClassNamespace(names) is { } classes && !LibtorchClassNamespaces.Contains(classes))
        {
            Flag(work, reported, member, line, "classes." + classes, DiagnosticLevel.Warning, $"uses {dotted}, a TorchBind class of the '{classes}' namespace that a native library registers at run time: its code is not in the archive, so it cannot be judged");
        }
        else if (names is ["torch", "distributed", ..])
        {
            Flag(work, reported, member, line, "torch.distributed", DiagnosticLevel.Warning, $"uses {dotted}: distributed RPC and collectives send tensors to and run functions on other machines");
        }
    }

    private static string? ClassNamespace(List<string> names)
    {
        var start = names is ["__torch__", ..] ? 1 : 0;
        return names.Count > start + 2 && names[start] == "torch" && names[start + 1] == "classes" ? names[start + 2] : null;
    }

    private static void Flag(InspectionWork work, HashSet<string> reported, string member, int line, string key, DiagnosticLevel level, string message)
    {
        if (reported.Add(key))
        {
            work.Add(BuildRules.ExecutableContent, $"TorchScript code line {line} {message}", member, level: level);
        }
    }

    /// <summary>The attribute a getattr call names when its first argument is torch or ops: getattr(torch.ops.aten, "save") → save.</summary>
    private static string? GetattrTarget(List<(Token Kind, string Text, int Line)> tokens, int open)
    {
        if (open + 1 >= tokens.Count || tokens[open].Text != "(" || tokens[open + 1] is not { Kind: Token.Name, Text: "torch" or "ops" })
        {
            return null;
        }

        var i = open + 1;
        while (i < tokens.Count && tokens[i].Kind is Token.Name or Token.Dot)
        {
            i++;
        }

        return i + 1 < tokens.Count && tokens[i].Text == "," && tokens[i + 1].Kind == Token.String ? tokens[i + 1].Text.Split("::")[^1] : null;
    }

    private static List<string> DottedName(List<(Token Kind, string Text, int Line)> tokens, int start)
    {
        var names = new List<string> { tokens[start].Text };
        for (var i = start + 1; i + 1 < tokens.Count && tokens[i].Kind == Token.Dot && tokens[i + 1].Kind == Token.Name; i += 2)
        {
            names.Add(tokens[i + 1].Text);
        }

        return names;
    }

    /// <summary>
    /// Names, dots and statement ends, as the TorchScript lexer sees them: comments and string literals skipped, line
    /// breaks inside brackets or after a backslash joined. Null when the text cannot be lexed.
    /// </summary>
    private static List<(Token Kind, string Text, int Line)>? Tokenize(string text)
    {
        var tokens = new List<(Token, string, int)>();
        var depth = 0;
        var line = 1;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (c == '\n')
            {
                line++;
                if (depth == 0)
                {
                    tokens.Add((Token.LineEnd, "\n", line - 1));
                }

                i++;
            }
            else if (c == '\\' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                line++;
                i += 2;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c is '"' or '\'')
            {
                if (SkipString(text, i, ref line) is not { } end)
                {
                    return null;
                }

                tokens.Add((Token.String, Unescape(text, i, end), line));
                i = end;
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                // String prefixes (r"", b"", f"") belong to the literal that follows.
                if (i < text.Length && text[i] is '"' or '\'' && i - start <= 2 && text[start..i].All(p => "rRbBfFuU".Contains(p)))
                {
                    continue;
                }

                tokens.Add((Token.Name, text[start..i], line));
            }
            else if (c == '.' && !(i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]) && (tokens.Count == 0 || tokens[^1].Item1 != Token.Name)))
            {
                tokens.Add((Token.Dot, ".", line));
                i++;
            }
            else if (c > 0x7f || (char.IsControl(c) && c is not '\t' and not '\r' and not '\f'))
            {
                return null;
            }
            else
            {
                depth += c is '(' or '[' or '{' ? 1 : c is ')' or ']' or '}' ? -1 : 0;
                if (depth < 0)
                {
                    return null;
                }

                if (!char.IsWhiteSpace(c))
                {
                    tokens.Add((Token.Other, c.ToString(), line));
                }

                i++;
            }
        }

        return depth == 0 ? tokens : null;
    }

    /// <summary>A short literal's content with \x, \u and octal escapes decoded ("sa\x76e" is save); long literals are not needed.</summary>
    private static string Unescape(string text, int start, int end)
    {
        var quotes = end - start >= 6 && text[start + 1] == text[start] && text[start + 2] == text[start] ? 3 : 1;
        var body = text.AsSpan(start + quotes, Math.Max(0, end - start - (2 * quotes)));
        if (body.Length > 64)
        {
            return string.Empty;
        }

        var result = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\' || i + 1 >= body.Length)
            {
                result.Append(body[i]);
                continue;
            }

            var (digits, radix) = body[i + 1] switch { 'x' => (2, 16), 'u' => (4, 16), 'U' => (8, 16), >= '0' and <= '7' => (3, 8), _ => (0, 0) };
            var skip = radix == 16 ? 2 : 1;
            var length = 0;
            while (length < digits && i + skip + length < body.Length && Uri.IsHexDigit(body[i + skip + length]) && (radix == 16 || body[i + skip + length] <= '7'))
            {
                length++;
            }

            if (length == 0)
            {
                result.Append(body[i + 1]);
                i++;
                continue;
            }

            var code = Convert.ToInt32(body.Slice(i + skip, length).ToString(), radix);
            result.Append(code <= char.MaxValue ? ((char)code).ToString() : char.ConvertFromUtf32(Math.Min(code, 0x10FFFF)));
            i += skip + length - 1;
        }

        return result.ToString();
    }

    /// <summary>The index after the string literal starting at <paramref name="start"/>; null when it never ends.</summary>
    private static int? SkipString(string text, int start, ref int line)
    {
        var quote = text[start];
        var triple = start + 2 < text.Length && text[start + 1] == quote && text[start + 2] == quote;
        var i = start + (triple ? 3 : 1);
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                line += i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                i += 2;
                continue;
            }

            if (c == '\n')
            {
                if (!triple)
                {
                    return null;
                }

                line++;
            }

            if (c == quote && (!triple || (i + 2 < text.Length && text[i + 1] == quote && text[i + 2] == quote)))
            {
                return i + (triple ? 3 : 1);
            }

            i++;
        }

        return null;
    }
}
