using System;
using System.Linq;

namespace OpenModel.Analyzers.Flow;

/// <summary>Where untrusted data came from; a value can carry several.</summary>
[Flags]
internal enum TaintKind
{
    None = 0,

    /// <summary>HTTP input: handler and action parameters, HttpRequest members, uploaded files.</summary>
    Http = 1,

    /// <summary>Text a language model produced, including tool-call arguments.</summary>
    LlmOutput = 2,

    /// <summary>Secrets and personal data: connection strings, secret-named settings, [PersonalData] members.</summary>
    Secret = 4,

    /// <summary>Text the application did not write and the user did not type: database rows, third-party web content.</summary>
    External = 8,

    /// <summary>Untrusted input, as the injection rules mean it; secrets and external text are tracked separately.</summary>
    Any = Http | LlmOutput,
}

internal static class TaintKindText
{
    public static string Describe(this TaintKind kind) => kind switch
    {
        TaintKind.Http => "HTTP input",
        TaintKind.LlmOutput => "LLM output",
        TaintKind.Secret => "A secret or personal value",
        TaintKind.External => "Database or third-party text",
        TaintKind.Any => "HTTP input and LLM output",
        _ => string.Join(" and ", new[] { (TaintKind.Http, "HTTP input"), (TaintKind.LlmOutput, "LLM output"), (TaintKind.External, "database or third-party text"), (TaintKind.Secret, "a secret") }
            .Where(p => (kind & p.Item1) != 0).Select(p => p.Item2)) is var text && text.Length > 0 ? char.ToUpperInvariant(text[0]) + text.Substring(1) : "Untrusted data",
    };
}
