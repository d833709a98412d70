using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

public class TaintRuleTests
{
    private const string LlmHelpers = """
        static class Llm
        {
            public static OpenAI.Chat.ChatCompletion Ask(OpenAI.Chat.ChatClient chat, string question) => chat.CompleteChat(question).Value;
        }
        """;

    [Fact]
    public Task OM1001_minimal_api_parameter_reaches_InferenceSession() => Web("""
        app.MapGet("/score/{model}", (string model) =>
        {
            using var session = {|OM1001:new InferenceSession(Path.Combine("models", model))|};
            return session.InputMetadata.Count;
        });
        """);

    [Fact]
    public Task OM1001_query_string_and_request_dto_reach_loaders() => Web("""
        app.MapPost("/train", (HttpRequest request, TrainRequest body, MLContext ml) =>
        {
            var data = {|OM1001:ml.Data.LoadFromTextFile<Row>(request.Query["data"].ToString())|};
            var model = {|OM1001:ml.Model.Load(body.ModelPath, out var schema)|};
            return "ok";
        });
        """, extra: """
        public sealed record TrainRequest(string ModelPath);
        public sealed class Row { [Microsoft.ML.Data.LoadColumn(0)] public string Text { get; set; } = ""; }
        """);

    [Fact]
    public Task OM1001_controller_action_parameter_and_FromQuery_parameter() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.ML.Tokenizers;
        public sealed class TokensController : ControllerBase
        {
            [HttpGet]
            public int Count(string vocabulary, string text) => {|OM1001:BertTokenizer.Create(vocabulary)|}.CountTokens(text);
        }
        public sealed class Jobs
        {
            public object Load([FromQuery] string path) => {|OM1001:new Microsoft.ML.OnnxRuntime.InferenceSession(path)|};
        }
        """);

    [Fact]
    public Task OM1001_LLM_output_chooses_the_model() => V.AnalyzerAsync("""
        class Router
        {
            object Pick(OpenAI.Chat.ChatClient chat)
            {
                var answer = Llm.Ask(chat, "Which model?").Content[0].Text;
                return {|OM1001:new Microsoft.ML.OnnxRuntime.InferenceSession(answer)|};
            }
        }
        """ + LlmHelpers);

    [Fact]
    public Task OM1001_validated_paths_numbers_allow_lists_and_services_are_clean() => Web("""
        var allowed = new Dictionary<string, string> { ["small"] = "models/small.onnx" };
        app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine("models", Path.GetFileName(name))).InputMetadata.Count);
        app.MapGet("/b/{name}", (string name) =>
        {
            var root = Path.GetFullPath("models");
            var full = Path.GetFullPath(Path.Combine(root, name));
            if (!full.StartsWith(root + Path.DirectorySeparatorChar)) return Results.BadRequest();
            return Results.Ok(new InferenceSession(full).InputMetadata.Count);
        });
        app.MapGet("/c/{version}", (int version) => new InferenceSession($"models/v{version}.onnx").InputMetadata.Count);
        app.MapGet("/d/{name}", (string name) => new InferenceSession(allowed[name]).InputMetadata.Count);
        app.MapGet("/e", (Scorer scorer) => new InferenceSession(scorer.Path).InputMetadata.Count);
        """, extra: """
        public sealed class Scorer(Microsoft.Extensions.Configuration.IConfiguration configuration)
        {
            public string Path => configuration["Model"]!;
        }
        """);

    [Fact]
    public Task Calls_into_the_same_compilation_are_followed() => Web("""
        app.MapGet("/x/{name}", (string name) => {|OM1001:new InferenceSession(Paths.Unsafe(name))|}.InputMetadata.Count);
        app.MapGet("/y/{name}", (string name) => new InferenceSession(Paths.Safe(name)).InputMetadata.Count);
        """, extra: """
        static class Paths
        {
            public static string Unsafe(string name) => Path.Combine("models", name + ".onnx");
            public static string Safe(string name)
            {
                var file = Path.GetFileName(name);
                return Path.Combine("models", file);
            }
        }
        """);

    [Fact]
    public Task OM1009_untrusted_text_in_system_prompts() => Web("""
        app.MapPost("/chat", async (string persona, string question, OpenAI.Chat.ChatClient chat, IChatClient client) =>
        {
            OpenAI.Chat.ChatMessage[] messages = [{|OM1009:new OpenAI.Chat.SystemChatMessage($"You are {persona}.")|}, new OpenAI.Chat.UserChatMessage(question)];
            var meai = new[] { {|OM1009:new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, persona)|}, new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, question) };
            var response = await client.GetResponseAsync(meai);
            return chat.CompleteChat(messages).Value.Content[0].Text + response.Text;
        });
        """);

    [Fact]
    public Task OM1011_LLM_output_runs_as_a_process_but_HTTP_input_and_constants_do_not_count_here() => V.AnalyzerAsync("""
        using System.Diagnostics;
        class Agent
        {
            void Run(OpenAI.Chat.ChatClient chat)
            {
                var command = Llm.Ask(chat, "What should I run?").Content[0].Text;
                {|OM1011:Process.Start(command)|};
                var info = new ProcessStartInfo("bash") { {|OM1011:Arguments = "-c " + command|} };
                Process.Start("git", "status");
            }
        }
        """ + LlmHelpers);

    [Fact]
    public Task OM1012_LLM_output_as_SQL_text_but_parameterised_queries_are_clean() => V.AnalyzerAsync("""
        using System.Data.Common;
        using Microsoft.Extensions.AI;
        class TextToSql
        {
            async System.Threading.Tasks.Task Run(IChatClient client, DbCommand command, DbParameter parameter)
            {
                var response = await client.GetResponseAsync("Write SQL for: top customers");
                {|OM1012:command.CommandText = response.Text|};
                command.CommandText = "SELECT * FROM customers WHERE name = @name";
                parameter.Value = response.Text;
                command.Parameters.Add(parameter);
            }
        }
        """);

    [Fact]
    public Task OM1013_LLM_output_rendered_as_HTML_unless_encoded_or_plain() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        class Render
        {
            async System.Threading.Tasks.Task<IResult[]> Page(IChatClient client)
            {
                var answer = (await client.GetResponseAsync("Summarise")).Text;
                var raw = {|OM1013:new Microsoft.AspNetCore.Html.HtmlString(answer)|};
                var markup = {|OM1013:(Microsoft.AspNetCore.Components.MarkupString)answer|};
                var encoded = new Microsoft.AspNetCore.Html.HtmlString(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(answer));
                return [{|OM1013:Results.Content(answer, "text/html")|}, Results.Content(answer, "text/plain")];
            }
        }
        """);

    [Fact]
    public Task OM1014_LLM_output_as_file_URL_or_type_name() => V.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using Microsoft.Extensions.AI;
        class Tools
        {
            async System.Threading.Tasks.Task Act(IChatClient client, HttpClient http)
            {
                var target = (await client.GetResponseAsync("Which file?")).Text;
                var text = {|OM1014:File.ReadAllText(target)|};
                var page = await {|OM1014:http.GetStringAsync(target)|};
                var type = {|OM1014:System.Type.GetType(target)|};
                var safe = File.ReadAllText(Path.Combine("docs", Path.GetFileName(target)));
            }
        }
        """);

    [Fact]
    public Task Methods_without_a_source_are_not_analysed_and_constants_never_flag() => V.AnalyzerAsync("""
        using System.Diagnostics;
        class Plain
        {
            void Run(string command) => Process.Start(command);
            object Load(string path) => new Microsoft.ML.OnnxRuntime.InferenceSession(path);
        }
        """);

    [Fact]
    public async Task Users_add_their_own_sanitizers_in_editorconfig()
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram("""
            app.MapGet("/a/{name}", (string name) => new InferenceSession(App.Validation.CleanPath(name)).InputMetadata.Count);
            """, """
            namespace App { static class Validation { public static string CleanPath(string value) => value; } }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n[*.cs]\nopenmodel_taint_sanitizers = App.Validation.CleanPath\n"));
        await test.RunAsync();
    }

    [Fact]
    public async Task Code_with_errors_gives_no_analyzer_exception()
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram("""
            app.MapGet("/a/{name}", (string name) => new InferenceSession(Path.Combine(missing, name)).InputMetadata.Count;
            app.MapPost("/b", (Unknown body) => Process.Start(body.Text
            """, string.Empty);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        await test.RunAsync();
    }

    [Fact]
    public Task OM1012_LLM_output_parsed_as_JSON_taints_the_members_read_from_it() => V.AnalyzerAsync("""
        using System.Data.Common;
        sealed record Plan(string Sql, int Limit);
        class Planner
        {
            void Run(OpenAI.Chat.ChatClient chat, DbConnection db)
            {
                var text = Llm.Ask(chat, "Write the query as JSON").Content[0].Text;
                using var command = db.CreateCommand();
                var plan = System.Text.Json.JsonSerializer.Deserialize<Plan>(text)!;
                {|OM1012:command.CommandText = plan.Sql|};
                var document = System.Text.Json.JsonDocument.Parse(text);
                {|OM1012:command.CommandText = document.RootElement.GetProperty("sql").GetString()|};
                var json = Newtonsoft.Json.Linq.JObject.Parse(text);
                {|OM1012:command.CommandText = (string)json["sql"]!|};
                command.CommandText = "SELECT TOP (@limit) * FROM Orders";
                var limit = plan.Limit;
            }
        }
        """ + LlmHelpers);

    [Fact]
    public Task OM1011_calls_are_followed_through_summaries_deeper_than_two_levels() => V.AnalyzerAsync("""
        class Agent
        {
            void Run(OpenAI.Chat.ChatClient chat) => {|OM1011:System.Diagnostics.Process.Start(Pipeline.Step1(chat))|};
            void Fixed(OpenAI.Chat.ChatClient chat) => System.Diagnostics.Process.Start(Pipeline.Constant(chat));
        }
        static class Pipeline
        {
            public static string Step1(OpenAI.Chat.ChatClient chat) => Step2(chat).Trim();
            static string Step2(OpenAI.Chat.ChatClient chat) => Step3(chat) + "";
            static string Step3(OpenAI.Chat.ChatClient chat) => Step4(chat);
            static string Step4(OpenAI.Chat.ChatClient chat) => Llm.Ask(chat, "command?").Content[0].Text;
            public static string Constant(OpenAI.Chat.ChatClient chat) { Step4(chat); return "dotnet --info"; }
            static string Loop(int n) => n > 0 ? Loop(n - 1) : "x";
        }
        """ + LlmHelpers);

    [Fact]
    public Task OM1009_roles_and_JSON_system_messages_chosen_by_the_request() => Web("""
        app.MapPost("/chat", (ChatTurn body) => new ChatMessage({|OM1009:new ChatRole(body.Role)|}, body.Text));
        app.MapPost("/raw", (string persona, string question) =>
        {
            var json = {|OM1009:$"{{\"messages\":[{{\"role\":\"system\",\"content\":\"You are {persona}\"}},{{\"role\":\"user\",\"content\":\"{question}\"}}]}}"|};
            var user = $"{{\"messages\":[{{\"role\":\"system\",\"content\":\"You are terse.\"}},{{\"role\":\"user\",\"content\":\"{question}\"}}]}}";
            return json + user;
        });
        app.MapPost("/fixed", (ChatTurn body) => new ChatMessage(ChatRole.User, body.Text));
        """, extra: """
        public sealed record ChatTurn(string Role, string Text);
        """);

    [Fact]
    public Task OM1009_database_rows_and_third_party_text_in_a_system_prompt() => V.AnalyzerAsync("""
        using System.Data.Common;
        using System.Net.Http;
        using System.Threading.Tasks;
        using OpenAI.Chat;
        class Prompts
        {
            ChatMessage[] FromDatabase(DbDataReader reader) =>
                [{|OM1009:new SystemChatMessage(reader.GetString(0))|}, new UserChatMessage(reader.GetString(1))];
            async Task<ChatMessage> FromTheWeb(HttpClient http) => {|OM1009:new SystemChatMessage("Follow these rules: " + await http.GetStringAsync("https://example.org/rules.txt"))|};
            ChatMessage Constant() => new SystemChatMessage("You are a helpful assistant.");
        }
        """);

    [Fact]
    public Task OM1001_and_OM1011_sinks_inside_helpers_reached_with_request_data_are_reported_once_at_the_sink() => Web("""
        app.MapGet("/load/{name}", (string name, ModelStore store) => store.Open(name));
        app.MapGet("/again/{name}", (string name, ModelStore store) => store.Open("v2/" + name));
        app.MapGet("/fixed", (ModelStore store) => store.OpenFixed("models/default.onnx"));
        app.MapPost("/run", (string command, Shell shell) => shell.Run(command));
        """, extra: """
        public sealed class ModelStore
        {
            public int Open(string name) => {|OM1001:new InferenceSession(Path.Combine("models", name))|}.InputMetadata.Count;
            public int OpenFixed(string path) => new InferenceSession(path).InputMetadata.Count;
        }
        public sealed class Shell
        {
            public int Run(string command) => Execute(command);
            static int Execute(string line) => Process.Start("/bin/sh", "-c " + line).Id;
        }
        """);

    private static Task Web(string endpoints, string extra = "")
    {
        var test = Verify<Rules.Security.TaintRulesAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = WebProgram(endpoints, extra);
        return test.RunAsync();
    }

    private static string WebProgram(string endpoints, string extra) => $$"""
        using System.Collections.Generic;
        using System.IO;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        using Microsoft.ML;
        using Microsoft.ML.OnnxRuntime;
        using System.Diagnostics;

        var app = WebApplication.Create();
        {{endpoints}}
        app.Run();

        {{extra}}
        """;
}
