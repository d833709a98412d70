namespace OpenModel.Core.Licensing;

/// <summary>
/// LicenseRefs for model and data licences that have no SPDX identifier. A project adds its own through the
/// <c>AIKnownLicenseRefs</c> property; anything else is reported as unknown (OM3004).
/// </summary>
public static class KnownLicenseRefs
{
    public static readonly IReadOnlySet<string> BuiltIn = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "LicenseRef-Proprietary",
        "LicenseRef-OpenAI-Terms",
        "LicenseRef-Anthropic-Terms",
        "LicenseRef-Azure-OpenAI-Terms",
        "LicenseRef-Llama-2-Community",
        "LicenseRef-Llama-3-Community",
        "LicenseRef-Llama-3.1-Community",
        "LicenseRef-Llama-3.2-Community",
        "LicenseRef-Llama-3.3-Community",
        "LicenseRef-Gemma",
        "LicenseRef-Mistral-Research",
        "LicenseRef-OpenRAIL",
        "LicenseRef-OpenRAIL-M",
        "LicenseRef-CreativeML-OpenRAIL-M",
        "LicenseRef-BigScience-OpenRAIL-M",
        "LicenseRef-BigScience-BLOOM-RAIL-1.0",
        "LicenseRef-Falcon-LLM",
        "LicenseRef-Qwen",
        "LicenseRef-DeepSeek",
        "LicenseRef-IMDB",
    };
}
