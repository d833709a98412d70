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
/// OM1008: AI provider keys written into code or appsettings*.json — recognised by their shape anywhere, and any
/// non-placeholder literal in a credential position (ApiKeyCredential, AzureKeyCredential, apiKey parameters, auth headers).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1008HardCodedCredential : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        "OM1008",
        "Hard-coded AI provider credential",
        "{0} is written into the {1}; read it from configuration, user secrets or the environment",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Keys in source or in committed configuration leak through repositories, packages and logs, and are billed to you (CWE-798, OWASP LLM02).");

    private static readonly Regex KeyShapes = new(
        @"(?<![A-Za-z0-9_-])(sk-ant-[A-Za-z0-9_-]{20,}|sk-proj-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9]{20,}|hf_[A-Za-z]{34})(?![A-Za-z0-9_-])",
        RegexOptions.CultureInvariant);

    private static readonly Regex AzureKey = new("^[0-9a-f]{32}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

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

        var shaped = KeyShapes.Match(text);
        if (shaped.Success && !IsPlaceholder(shaped.Value))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), Describe(shaped.Value), "source code"));
            return;
        }

        if (InCredentialPosition(context.Operation) && !IsPlaceholder(text) && (AzureKey.IsMatch(text) || text.Length >= 20))
        {
            context.ReportDiagnostic(Diagnostic.Create(Descriptor, context.Operation.Syntax.GetLocation(), "A credential literal", "source code"));
        }
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

    /// <summary>ApiKeyCredential/AzureKeyCredential/NetworkCredential arguments, apiKey parameters, and Authorization or api-key header values.</summary>
    private static bool InCredentialPosition(IOperation literal)
    {
        var value = literal.Parent is IConversionOperation conversion ? conversion : literal;
        if (value.Parent is IBinaryOperation { Parent: IArgumentOperation or IInterpolatedStringOperation } concatenation)
        {
            value = concatenation;
        }

        if (value.Parent is not IArgumentOperation { Parameter: { } parameter } argument)
        {
            return false;
        }

        var owner = parameter.ContainingSymbol as IMethodSymbol;
        var typeName = owner?.ContainingType?.Name;
        if (typeName is "ApiKeyCredential" or "AzureKeyCredential" || parameter.Name is "apiKey" or "key" && owner?.ContainingNamespace?.ToDisplayString().StartsWith("System", StringComparison.Ordinal) == false)
        {
            return true;
        }

        // headers.Add("Authorization", "Bearer …") / ("api-key", "…") / new AuthenticationHeaderValue("Bearer", "…")
        var call = argument.Parent;
        var siblings = call switch
        {
            IInvocationOperation invocation => invocation.Arguments,
            IObjectCreationOperation creation => creation.Arguments,
            _ => ImmutableArray<IArgumentOperation>.Empty,
        };
        return siblings.Any(a => a != argument && a.Value.ConstantValue is { HasValue: true, Value: string name }
            && (name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("api-key", StringComparison.OrdinalIgnoreCase)
                || name.Equals("x-api-key", StringComparison.OrdinalIgnoreCase) || (typeName == "AuthenticationHeaderValue" && name == "Bearer")));
    }

    private static bool IsPlaceholder(string text) =>
        PlaceholderMarkers.Any(m => text.IndexOf(m, StringComparison.Ordinal) >= 0) || text.Distinct().Count() < 8;

    private static string Describe(string key) =>
        key.StartsWith("sk-ant-", StringComparison.Ordinal) ? "An Anthropic API key"
        : key.StartsWith("hf_", StringComparison.Ordinal) ? "A Hugging Face token"
        : "An OpenAI API key";
}
