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

    Any = Http | LlmOutput,
}

internal static class TaintKindText
{
    public static string Describe(this TaintKind kind) => kind switch
    {
        TaintKind.Http => "HTTP input",
        TaintKind.LlmOutput => "LLM output",
        _ => "HTTP input and LLM output",
    };
}
