using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using OpenModel.Analyzers.Configuration;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>
/// OM1008: AI provider keys written into code or appsettings*.json — recognised by a provider's key shape anywhere, or
/// by looking like a key (length, charset, entropy) while sitting in a credential position: ApiKeyCredential /
/// AzureKeyCredential, an apiKey-like parameter, property or constant, an Authorization / api-key header value.
/// A parameter named <c>key</c> elsewhere (dictionaries, caches, configuration, keyed services, headers) is a lookup
/// key, and a header name is never a value.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1008HardCodedCredential : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.HardCodedCredential,
        "Hard-coded AI provider credential",
        "{0} is written into the {1}; read it from configuration, user secrets or the environment",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Keys in source or in committed configuration leak through repositories, packages and logs, and are billed to you (CWE-798, OWASP LLM02).");

    private static readonly Regex KeyShapes = new(
        @"(?<![A-Za-z0-9_-])(sk-ant-[A-Za-z0-9_-]{20,}|sk-proj-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{20,}|hf_[A-Za-z]{34}|gsk_[A-Za-z0-9]{40,}|AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant);

    private static readonly Regex AzureKey = new("^[0-9a-f]{32}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Names that make a "…Key" member an AI provider key (OpenAIKey, AzureOpenAiKey, GeminiKey).</summary>
    private static readonly string[] ProviderNames =
        ["openai", "azure", "anthropic", "claude", "gemini", "mistral", "cohere", "groq", "huggingface", "deepseek", "llm", "pinecone", "qdrant", "ollama", "subscription"];

    private static readonly string[] PlaceholderMarkers =
        ["xxx", "XXX", "...", "<", ">", "{", "}", "your", "YOUR", "Your", "example", "EXAMPLE", "placeholder", "PLACEHOLDER", "replace", "REPLACE", "changeme", "dummy", "fake", "***"];

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
        context.RegisterAdditionalFileAction(AnalyzeSettings);
    }

    private static void AnalyzeLiteral(OperationAnalysisContext context)
    {
        if (context.Operation.ConstantValue is not { HasValue: true, Value: string text } || text.Length < 16)
        {
            return;
        }

        var shaped = MayHaveKeyShape(text) ? KeyShapes.Match(text) : Match.Empty;
        if (shaped.Success && !IsPlaceholder(shaped.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), Describe(shaped.Value), "source code"));
            return;
        }

        if (InCredentialPosition(context.Operation) && !IsPlaceholder(text) && LooksLikeKey(text))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), "A credential literal", "source code"));
        }
    }

    /// <summary>
    /// Every key shape starts with one of these prefixes ("sk-" covers "sk-ant-" and "sk-proj-"): an ordinal search for
    /// them rejects the long prompts and descriptions of a library before the regex tries each of their positions.
    /// </summary>
    internal static bool MayHaveKeyShape(string text) =>
        text.IndexOf("sk-", StringComparison.Ordinal) >= 0 || text.IndexOf("hf_", StringComparison.Ordinal) >= 0
        || text.IndexOf("gsk_", StringComparison.Ordinal) >= 0 || text.IndexOf("AIza", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// The length, charset and entropy of a real key or token (an optional "Bearer " scheme aside): no spaces, letters
    /// and digits mixed, ~3 bits of entropy per character or more. Words, names, routes and sentences are not keys.
    /// </summary>
    internal static bool LooksLikeKey(string text)
    {
        var token = text.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? text.Substring(7) : text;
        if (token.Length < 20 || token.Length > 512 || token.IndexOf("://", StringComparison.Ordinal) >= 0)
        {
            return false;
        }

        var letters = 0;
        var digits = 0;
        foreach (var c in token)
        {
            if (char.IsWhiteSpace(c) || (!char.IsLetterOrDigit(c) && "-_+/=.:~".IndexOf(c) < 0))
            {
                return false;
            }

            letters += char.IsLetter(c) ? 1 : 0;
            digits += char.IsDigit(c) ? 1 : 0;
        }

        // A key is one long random run; identifiers, dates and ids ("azure-openai-gpt4o-2024-08-06") are short words.
        var run = token.Split('-', '_', '+', '/', '=', '.', ':', '~').OrderByDescending(r => r.Length).First();
        return letters > 0 && digits > 0 && run.Length >= 16 && run.Any(char.IsDigit) && run.Any(char.IsLetter)
            && (AzureKey.IsMatch(run) || Entropy(run) >= 3.5);
    }

    private static double Entropy(string text)
    {
        var entropy = 0.0;
        foreach (var group in text.GroupBy(c => c))
        {
            var p = group.Count() / (double)text.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    private static void AnalyzeSettings(AdditionalFileAnalysisContext context)
    {
        var file = context.AdditionalFile;
        if (!AppSettings.IsSettingsFile(file.Path) || file.GetText(context.CancellationToken) is not { } text)
        {
            return;
        }

        foreach (Match match in KeyShapes.Matches(text.ToString()))
        {
            if (!IsPlaceholder(match.Value))
            {
                var span = new TextSpan(match.Index, match.Length);
                context.ReportDiagnostic(Diagnostic.Create(Descriptor, Location.Create(file.Path, span, text.Lines.GetLinePositionSpan(span)), Describe(match.Value), Path.GetFileName(file.Path)));
            }
        }
    }

    /// <summary>
    /// Where a literal is used as a credential: an ApiKeyCredential / AzureKeyCredential / KeyCredential argument, an
    /// argument, property or constant named like an API key or secret, an Authorization / api-key header's value.
    /// </summary>
    private static bool InCredentialPosition(IOperation literal)
    {
        var value = literal.Parent is IConversionOperation conversion ? conversion : literal;
        if (value.Parent is IBinaryOperation { Parent: IArgumentOperation or IInterpolatedStringOperation or IFieldInitializerOperation or ISimpleAssignmentOperation } concatenation)
        {
            value = concatenation;
        }

        switch (value.Parent)
        {
            case IFieldInitializerOperation initializer:
                return initializer.InitializedFields.Any(f => IsCredentialName(f.Name));
            case IPropertyInitializerOperation initializer:
                return initializer.InitializedProperties.Any(p => IsCredentialName(p.Name));
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return IsCredentialName(declarator.Symbol.Name);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation or IFieldReferenceOperation } assignment when assignment.Value == value:
                return IsCredentialName(((IMemberReferenceOperation)assignment.Target).Member.Name);
            case IArgumentOperation { Parameter: { } parameter } argument:
                return IsCredentialArgument(argument, parameter);
            default:
                return false;
        }
    }

    private static bool IsCredentialArgument(IArgumentOperation argument, IParameterSymbol parameter)
    {
        var owner = parameter.ContainingSymbol as IMethodSymbol;
        var typeName = owner?.ContainingType?.Name ?? string.Empty;

        // The credential types take the key as "key"; everywhere else a "key" is a lookup key.
        if (typeName is "ApiKeyCredential" or "AzureKeyCredential" or "KeyCredential" && owner?.MethodKind == MethodKind.Constructor)
        {
            return true;
        }

        if (IsCredentialName(parameter.Name))
        {
            return true;
        }

        // headers.Add("Authorization", "Bearer …") / ("api-key", "…") / new AuthenticationHeaderValue("Bearer", "…"): the value, never the name.
        if (parameter.Name is "name" or "headerName" or "scheme")
        {
            return false;
        }

        var siblings = argument.Parent switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        return siblings.Any(a => a != argument && a.Value.ConstantValue is { HasValue: true, Value: string name }
            && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("api-key", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase) || name.Equals("Ocp-Apim-Subscription-Key", StringComparison.OrdinalIgnoreCase)
                || (typeName == "AuthenticationHeaderValue" && name == "Bearer")));
    }

    /// <summary>apiKey, ApiKey, OPENAI_API_KEY, openAiSecret, accessToken, subscriptionKey…; not key, tokenizer or MaxTokens.</summary>
    private static bool IsCredentialName(string name)
    {
        var normalized = name.Replace("_", string.Empty).ToLowerInvariant();
        return normalized.EndsWith("apikey", StringComparison.Ordinal) || normalized.EndsWith("apitoken", StringComparison.Ordinal)
            || normalized.EndsWith("accesstoken", StringComparison.Ordinal) || normalized.EndsWith("authtoken", StringComparison.Ordinal)
            || normalized.EndsWith("bearertoken", StringComparison.Ordinal) || normalized.EndsWith("subscriptionkey", StringComparison.Ordinal)
            || normalized.EndsWith("secretkey", StringComparison.Ordinal) || normalized.EndsWith("accesskey", StringComparison.Ordinal)
            || normalized.EndsWith("clientsecret", StringComparison.Ordinal) || normalized is "secret" or "token" or "password"
            || (normalized.EndsWith("key", StringComparison.Ordinal) && ProviderNames.Any(p => normalized.IndexOf(p, StringComparison.Ordinal) >= 0));
    }

    private static bool IsPlaceholder(string text) =>
        PlaceholderMarkers.Any(m => text.IndexOf(m, StringComparison.Ordinal) >= 0) || text.Distinct().Count() < 8;

    private static string Describe(string key) =>
        key.StartsWith("sk-ant-", StringComparison.Ordinal) ? "An Anthropic API key"
        : key.StartsWith("hf_", StringComparison.Ordinal) ? "A Hugging Face token"
        : "An OpenAI API key";
}
