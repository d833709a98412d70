using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Catalog;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// The declarative tables of the flow engine: which types and members produce untrusted data, and which methods
/// clean it. Users add their own through .editorconfig: <c>openmodel_taint_sources</c> and
/// <c>openmodel_taint_sanitizers</c>, each a comma-separated list of <c>Namespace.Type.Member</c>.
/// </summary>
internal sealed class TaintTables
{
    public const string SourcesOption = "openmodel_taint_sources";
    public const string SanitizersOption = "openmodel_taint_sanitizers";

    // Values of these types are what a model said: reading anything from them yields LLM output.
    private static readonly HashSet<string> LlmOutputTypes = new(StringComparer.Ordinal)
    {
        "OpenAI.Chat.ChatCompletion", "OpenAI.Chat.StreamingChatCompletionUpdate", "OpenAI.Chat.ChatMessageContent",
        "OpenAI.Chat.ChatMessageContentPart", "OpenAI.Chat.ChatToolCall", "OpenAI.Chat.StreamingChatToolCallUpdate",
        "OpenAI.Responses.OpenAIResponse", "OpenAI.Responses.ResponseItem",
        "Microsoft.Extensions.AI.ChatResponse", "Microsoft.Extensions.AI.ChatResponse`1", "Microsoft.Extensions.AI.ChatResponseUpdate",
        "Microsoft.Extensions.AI.FunctionCallContent", "Microsoft.Extensions.AI.TextContent",
        "Microsoft.SemanticKernel.FunctionResult", "Microsoft.SemanticKernel.ChatMessageContent",
        "Microsoft.SemanticKernel.StreamingChatMessageContent", "Microsoft.SemanticKernel.KernelArguments",
    };

    // Everything an HTTP request carries.
    private static readonly HashSet<string> HttpTypes = new(StringComparer.Ordinal)
    {
        "Microsoft.AspNetCore.Http.HttpRequest", "Microsoft.AspNetCore.Http.IFormFile", "Microsoft.AspNetCore.Http.IFormFileCollection",
        "Microsoft.AspNetCore.Http.IFormCollection", "Microsoft.AspNetCore.Http.IQueryCollection", "Microsoft.AspNetCore.Http.IHeaderDictionary",
        "Microsoft.AspNetCore.Http.IRequestCookieCollection",
    };

    private static readonly HashSet<string> Sanitizers = new(StringComparer.Ordinal)
    {
        "System.IO.Path.GetFileName", "System.IO.Path.GetFileNameWithoutExtension", "System.IO.Path.GetExtension",
        "System.Text.Encodings.Web.HtmlEncoder.Encode", "System.Text.Encodings.Web.JavaScriptEncoder.Encode",
        "System.Text.Encodings.Web.UrlEncoder.Encode", "System.Text.Encodings.Web.TextEncoder.Encode",
        "System.Net.WebUtility.HtmlEncode", "System.Net.WebUtility.UrlEncode", "System.Web.HttpUtility.HtmlEncode",
        "System.Web.HttpUtility.UrlEncode", "System.Web.HttpUtility.JavaScriptStringEncode", "System.Uri.EscapeDataString",
    };

    // Rows read from a database and text fetched from third-party sites: trusted by nobody as instructions.
    private static readonly MemberSet ExternalSources = new(
        "System.Data.Common.DbDataReader.GetString", "System.Data.Common.DbDataReader.GetValue", "System.Data.Common.DbDataReader.GetFieldValue",
        "System.Data.Common.DbDataReader.GetFieldValueAsync", "System.Data.Common.DbDataReader.this[]", "System.Data.IDataRecord.GetString",
        "System.Data.IDataRecord.GetValue", "System.Data.IDataRecord.this[]", "System.Data.Common.DbCommand.ExecuteScalar",
        "System.Data.Common.DbCommand.ExecuteScalarAsync", "System.Data.IDbCommand.ExecuteScalar",
        "Dapper.SqlMapper.Query", "Dapper.SqlMapper.QueryAsync", "Dapper.SqlMapper.QueryFirst", "Dapper.SqlMapper.QueryFirstAsync",
        "Dapper.SqlMapper.QueryFirstOrDefault", "Dapper.SqlMapper.QueryFirstOrDefaultAsync", "Dapper.SqlMapper.QuerySingle",
        "Dapper.SqlMapper.QuerySingleAsync", "Dapper.SqlMapper.QuerySingleOrDefault", "Dapper.SqlMapper.QuerySingleOrDefaultAsync",
        "Dapper.SqlMapper.ExecuteScalar", "Dapper.SqlMapper.ExecuteScalarAsync",
        "System.Net.Http.HttpClient.GetStringAsync", "System.Net.Http.HttpContent.ReadAsStringAsync", "System.Net.WebClient.DownloadString",
        "System.Net.WebClient.DownloadStringTaskAsync");

    // What agent frameworks with types of their own hand over as the model's words: tool-call arguments and
    // completions (BotSharp), chain predictions (LangChain .NET). Interface members match their implementations' calls.
    private static readonly MemberSet LlmOutputMembers = new(
        "BotSharp.Abstraction.Conversations.Models.RoleDialogModel.FunctionArgs",
        "BotSharp.Abstraction.MLTasks.IChatCompletion.GetChatCompletions",
        "BotSharp.Abstraction.MLTasks.IChatCompletion.GetChatCompletionsStreamingAsync",
        "LangChain.Chains.LLM.LlmChain.PredictAsync", "LangChain.Chains.LLM.ILlmChain.PredictAsync");

    // The name of the tool a model called: one of the names the application declared for its tools, which the caller
    // dispatches on, not text the model wrote. Reading it from a model's reply yields nothing untrusted.
    private static readonly MemberSet DeclaredNameMembers = new(
        "OpenAI.Chat.ChatToolCall.FunctionName", "OpenAI.Chat.StreamingChatToolCallUpdate.FunctionName",
        "OpenAI.Responses.FunctionCallResponseItem.FunctionName", "Microsoft.Extensions.AI.FunctionCallContent.Name");

    private readonly HashSet<string> _userSources;
    private readonly HashSet<string> _userSanitizers;

    private TaintTables(HashSet<string> userSources, HashSet<string> userSanitizers)
    {
        _userSources = userSources;
        _userSanitizers = userSanitizers;
    }

    public static TaintTables From(AnalyzerOptions options, SyntaxTree tree)
    {
        var config = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
        return new TaintTables(List(config, SourcesOption), List(config, SanitizersOption));
    }

    // Simple names of every type above and of the wrappers they arrive in: a cheap first test for the common miss.
    private static readonly HashSet<string> CandidateNames = new(
        LlmOutputTypes.Concat(HttpTypes).Select(t => t.Substring(t.LastIndexOf('.') + 1).Split('`')[0])
            .Concat(new[] { "ClientResult", "Task", "ValueTask", "IAsyncEnumerable", "CollectionResult", "AsyncCollectionResult", "IEnumerable", "IReadOnlyList", "IList", "List", "Nullable" }),
        StringComparer.Ordinal);

    // Simple names of the types above alone (outer types and arity dropped): a wrapper (Task, List…) needs no metadata name.
    private static readonly HashSet<string> TypeNames = new(
        LlmOutputTypes.Concat(HttpTypes).Select(t => t.Substring(t.LastIndexOfAny(new[] { '.', '+' }) + 1).Split('`')[0]),
        StringComparer.Ordinal);

    /// <summary>Untrusted data a value of this type carries, if any.</summary>
    public TaintKind OfType(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || !CandidateNames.Contains(named.Name))
        {
            return TaintKind.None;
        }

        // Every awaited call's Task<T> comes through here: its metadata name is built only when the simple name can match.
        if (TypeNames.Contains(named.Name))
        {
            var name = LoaderCatalog.MetadataName(named.OriginalDefinition);
            if (LlmOutputTypes.Contains(name))
            {
                return TaintKind.LlmOutput;
            }

            if (HttpTypes.Contains(name))
            {
                return TaintKind.Http;
            }
        }

        // ClientResult<ChatCompletion>, Task<ChatResponse>, IAsyncEnumerable<StreamingChatCompletionUpdate>…
        var kind = TaintKind.None;
        foreach (var argument in named.TypeArguments)
        {
            kind |= OfType(argument);
        }

        return kind;
    }

    /// <summary>
    /// Untrusted data a member returns by what it is: database rows and third-party text (a call or indexer; overrides
    /// of DbDataReader count), and the model output of agent frameworks (a call or property, or the interface member a
    /// call implements).
    /// </summary>
    public static TaintKind MemberSourceOf(IOperation operation)
    {
        ISymbol? member = operation switch
        {
            Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation => invocation.TargetMethod,
            Microsoft.CodeAnalysis.Operations.IPropertyReferenceOperation reference => reference.Property,
            _ => null,
        };
        if (member is null)
        {
            return TaintKind.None;
        }

        if (LlmOutputMembers.Contains(member) || (member is IMethodSymbol method && ImplementsLlmOutputMember(method)))
        {
            return TaintKind.LlmOutput;
        }

        if (member is IPropertySymbol { IsIndexer: false })
        {
            return TaintKind.None;
        }

        for (; member is not null; member = member switch { IMethodSymbol m => m.OverriddenMethod, IPropertySymbol p => p.OverriddenProperty, _ => null })
        {
            if (ExternalSources.Contains(member))
            {
                return TaintKind.External;
            }
        }

        return TaintKind.None;
    }

    /// <summary>A call bound to a class that implements a catalogued interface member (OpenAiChatCompletionProvider.GetChatCompletions).</summary>
    private static bool ImplementsLlmOutputMember(IMethodSymbol method)
    {
        if (!LlmOutputMembers.ContainsName(method.Name) || method.ContainingType is not { TypeKind: TypeKind.Class } type)
        {
            return false;
        }

        foreach (var @interface in type.AllInterfaces)
        {
            foreach (var candidate in @interface.GetMembers(method.Name))
            {
                if (LlmOutputMembers.Contains(candidate)
                    && SymbolEqualityComparer.Default.Equals(type.FindImplementationForInterfaceMember(candidate), method.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public bool IsUserSource(ISymbol member) => (_userSources.Count > 0 && _userSources.Contains(Key(member))) || (member is IPropertySymbol property && Razor.RazorInputs.IsBoundFromRequest(property));

    /// <summary>A tool call's function name (<see cref="DeclaredNameMembers"/>): clean whatever reply it is read from.</summary>
    public static bool IsDeclaredName(IPropertySymbol property) => DeclaredNameMembers.ContainsName(property.Name) && DeclaredNameMembers.Contains(property);

    public bool IsSanitizer(IMethodSymbol method) =>
        (SanitizerNames.Contains(method.Name) && Sanitizers.Contains(Key(method))) || (_userSanitizers.Count > 0 && _userSanitizers.Contains(Key(method)));

    // The member names of Sanitizers: asked about every call the flow engine meets, so the name is tested before the key is built.
    private static readonly HashSet<string> SanitizerNames = new(Sanitizers.Select(s => s.Substring(s.LastIndexOf('.') + 1)), StringComparer.Ordinal);

    private static string Key(ISymbol member) =>
        member.ContainingType is null ? member.Name : member.ContainingType.ToDisplayString() + "." + member.Name;

    private static HashSet<string> List(AnalyzerConfigOptions options, string key) =>
        options.TryGetValue(key, out var value)
            ? new HashSet<string>(value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries).Select(v => v.Trim()), StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);
}
