namespace OpenModel.Analyzers;

/// <summary>
/// The analyzers' diagnostic IDs, one constant per rule, named like the rule's file (OM1001UntrustedModelPath.cs is
/// <see cref="UntrustedModelPath"/>). Descriptors, code fixes and Core's SARIF reader name a rule from here, never an ID
/// literal (the build's own IDs are in src/Core/Diagnostics/BuildRules.cs). Compiled into OpenModel.Core as well, which
/// reads these IDs back from the compiler's SARIF log. Adding a rule: see CONTRIBUTING.md.
/// </summary>
internal static class RuleIdentifiers
{
    /// <summary>The page of any rule, analyzer or build: docs/rules/&lt;ID&gt;.md.</summary>
    public static string HelpLink(string id) => "https://github.com/openmodel-sdk/openmodel-sdk/blob/main/docs/rules/" + id + ".md";

    // OM1xxx — insecure patterns in model-serving code
    public const string UntrustedModelPath = "OM1001";
    public const string NativeCodeFromVariablePath = "OM1002";
    public const string CleartextModelDownload = "OM1003";
    public const string DownloadWithoutIntegrityCheck = "OM1004";
    public const string PickleCheckpointLoaded = "OM1005";
    public const string InsecureSerializer = "OM1006";
    public const string TlsValidationDisabled = "OM1007";
    public const string HardCodedCredential = "OM1008";
    public const string UntrustedSystemPrompt = "OM1009";
    public const string PromptEncodingDisabled = "OM1010";
    public const string LlmOutputAsCommand = "OM1011";
    public const string LlmOutputAsSql = "OM1012";
    public const string LlmOutputAsHtml = "OM1013";
    public const string LlmOutputAsPathUrlOrCode = "OM1014";
    public const string DangerousToolAutoInvoked = "OM1015";
    public const string UnboundedGeneration = "OM1016";
    public const string UnprotectedModelEndpoint = "OM1017";
    public const string SecretsInPromptsOrLogs = "OM1018";

    // OM2xxx — undocumented model and data loading
    public const string LoadSitesRecorded = "OM2000";
    public const string ModelNotDeclared = "OM2001";
    public const string DatasetNotDeclared = "OM2002";
    public const string RemoteModelNotDeclared = "OM2003";
    public const string PathNotVerifiable = "OM2004";
    public const string DeclaredNeverLoaded = "OM2005";

    /// <summary>A build rule (BuildRules.MalformedInput) the analyzers also report, for appsettings*.json and the declarations file.</summary>
    public const string MalformedInput = "OM3008";
}
