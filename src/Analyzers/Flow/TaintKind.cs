using System;

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

    /// <summary>Untrusted input, as the injection rules mean it; secrets are tracked separately.</summary>
    Any = Http | LlmOutput,
}

internal static class TaintKindText
{
    public static string Describe(this TaintKind kind) => kind switch
    {
        TaintKind.Http => "HTTP input",
        TaintKind.LlmOutput => "LLM output",
        TaintKind.Secret => "A secret or personal value",
        _ => "HTTP input and LLM output",
    };
}
