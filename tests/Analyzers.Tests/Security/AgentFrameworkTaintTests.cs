using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>
/// Model output as agent frameworks hand it to application code (issue 10, real-world recall): tool-call arguments
/// (BotSharp's <c>RoleDialogModel.FunctionArgs</c>, the parameters of Semantic Kernel and attribute-described tools),
/// chain predictions (LangChain .NET's <c>LlmChain.PredictAsync</c>) and the SQL runners those frameworks ship.
/// Look-alike types stand in for packages this machine's NuGet mirror does not serve.
/// </summary>
public class AgentFrameworkTaintTests
{
    private const string BotSharp = """
        namespace BotSharp.Abstraction.Conversations.Models
        {
            public class RoleDialogModel
            {
                public string? FunctionArgs { get; set; }
                public string? FunctionName { get; set; }
                public string Content { get; set; } = "";
            }
        }
        namespace BotSharp.Abstraction.MLTasks
        {
            public interface IChatCompletion
            {
                System.Threading.Tasks.Task<BotSharp.Abstraction.Conversations.Models.RoleDialogModel> GetChatCompletions(string agent, string prompt);
            }
        }
        namespace Dapper
        {
            public static class SqlMapper
            {
                public static System.Collections.Generic.IEnumerable<dynamic> Query(this System.Data.IDbConnection cnn, string sql, object? param = null) => [];
                public static System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<dynamic>> QueryAsync(this System.Data.IDbConnection cnn, string sql, object? param = null) => null!;
            }
        }
        public sealed class SqlStatement
        {
            public string Statement { get; set; } = "";
            public string Table { get; set; } = "";
        }
        """;

    [Fact]
    public Task OM1012_tool_call_arguments_deserialized_into_SQL_reach_Dapper_in_helpers_and_services() => V.AnalyzerAsync("""
        using System.Data;
        using System.Text.Json;
        using System.Threading.Tasks;
        using BotSharp.Abstraction.Conversations.Models;
        using Dapper;
        public sealed class SqlSelect
        {
            private readonly SqlRunner _runner = new();
            public async Task<bool> Execute(RoleDialogModel message, IDbConnection connection, string dbType)
            {
                var args = JsonSerializer.Deserialize<SqlStatement>(message.FunctionArgs!)!;
                var rows = dbType switch
                {
                    "mysql" => RunQuery(connection, args),
                    _ => RunQueries(connection, [args.Statement]),
                };
                await _runner.Run(connection, args.Statement);
                return rows is not null;
            }

            private static object RunQuery(IDbConnection connection, SqlStatement args) => {|OM1012:connection.Query(args.Statement)|};

            private static object RunQueries(IDbConnection connection, string[] sqlTexts) => {|OM1012:connection.Query(sqlTexts[0])|};
        }
        public sealed class SqlRunner
        {
            public async Task<int> Run(IDbConnection connection, string sqlText)
            {
                var rows = await {|OM1012:connection.QueryAsync(sqlText)|};
                return 1;
            }
        }
        """ + BotSharp);

    [Fact]
    public Task OM1012_a_completion_of_the_agent_framework_parsed_as_JSON_reaches_Dapper() => V.AnalyzerAsync("""
        using System.Data;
        using System.Text.Json;
        using System.Threading.Tasks;
        using BotSharp.Abstraction.MLTasks;
        using Dapper;
        public sealed class Lookup
        {
            public async Task<object> Run(IChatCompletion completion, IDbConnection connection)
            {
                var response = await completion.GetChatCompletions("sql", "Write the lookup query");
                var args = JsonSerializer.Deserialize<SqlStatement>(response.Content)!;
                return {|OM1012:connection.Query(args.Statement)|};
            }
        }
        """ + BotSharp);

    [Fact]
    public Task OM1012_tool_arguments_as_query_parameters_and_the_tool_name_are_clean() => V.AnalyzerAsync("""
        using System.Data;
        using System.Text.Json;
        using BotSharp.Abstraction.Conversations.Models;
        using Dapper;
        public sealed class SafeSelect
        {
            public object Execute(RoleDialogModel message, IDbConnection connection)
            {
                var args = JsonSerializer.Deserialize<SqlStatement>(message.FunctionArgs!)!;
                var audit = connection.Query("insert into audit(tool) values ('" + message.FunctionName + "')");
                return connection.Query("select * from customers where segment = @Table", args);
            }
        }
        """ + BotSharp);

    private const string LangChain = """
        namespace LangChain.Chains.LLM
        {
            public class LlmChain
            {
                public System.Threading.Tasks.Task<object> PredictAsync(object values, System.Threading.CancellationToken cancellationToken = default) => System.Threading.Tasks.Task.FromResult<object>("");
            }
        }
        namespace LangChain.Utilities.Sql
        {
            public abstract class SqlDatabase
            {
                public System.Threading.Tasks.Task<string> RunAsync(string command) => System.Threading.Tasks.Task.FromResult(command);
                public string Dialect => "sqlite";
            }
        }
        """;

    [Fact]
    public Task OM1012_a_chain_prediction_runs_on_the_SQL_database_and_a_fixed_query_does_not() => V.AnalyzerAsync("""
        using System.Threading.Tasks;
        using LangChain.Chains.LLM;
        using LangChain.Utilities.Sql;
        public sealed class SqlChain(LlmChain chain, SqlDatabase database)
        {
            public async Task<string> Ask(string question)
            {
                var sqlCmdRaw = await chain.PredictAsync(question).ConfigureAwait(false);
                var sqlCmd = ((string)sqlCmdRaw).Trim();
                var tables = await database.RunAsync("select name from sqlite_master where dialect = '" + database.Dialect + "'");
                return tables + await {|OM1012:database.RunAsync(sqlCmd)|}.ConfigureAwait(false);
            }
        }
        """ + LangChain);

    [Fact]
    public Task OM1014_and_OM1011_parameters_of_model_invoked_tools_are_model_output() => V.AnalyzerAsync("""
        using System.ComponentModel;
        using System.Diagnostics;
        using System.IO;
        namespace Microsoft.SemanticKernel { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { } }
        public static class CodingTools
        {
            [Description("Use this tool to read files already written")]
            public static string ReadFileTool([Description("file path of the file you wish to read.")] string filePath) => FileIO.ReadFile(filePath);

            [Microsoft.SemanticKernel.KernelFunction]
            public static int Run(string script) => {|OM1011:Process.Start("python", "-c " + script)|}!.Id;
        }
        public static class FileIO
        {
            public static string Root { get; set; } = "work";

            public static string ReadFile(string filePath)
            {
                var fixedPath = Path.Combine(Root, filePath.Trim());
                return {|OM1014:File.ReadAllText(fixedPath)|};
            }
        }
        """);

    [Fact]
    public Task OM1014_described_members_that_are_not_tools_and_sanitised_tool_paths_are_clean() => V.AnalyzerAsync("""
        using System.ComponentModel;
        using System.IO;
        namespace Microsoft.SemanticKernel { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { } }
        public static class Settings
        {
            [Description("Loads the settings file the user picked")]
            public static string Load(string settingsPath) => File.ReadAllText(settingsPath);

            [Microsoft.SemanticKernel.KernelFunction]
            public static string ReadNote([Description("note name")] string name) => File.ReadAllText(Path.Combine("notes", Path.GetFileName(name)));

            [Microsoft.SemanticKernel.KernelFunction]
            public static string Count(int lines) => File.ReadAllText("notes/" + lines + ".txt");
        }
        """);

    private const string CodeProcessor = """
        namespace BotSharp.Abstraction.Coding
        {
            public interface ICodeProcessor { string Run(string codeScript, object? options = null); }
        }
        namespace Python.Runtime { public static class PythonEngine { public static void Exec(string code, object? globals = null, object? locals = null) { } } }
        """;

    [Fact]
    public Task OM1011_and_OM1014_code_an_agent_hands_to_its_code_interpreter_runs_as_a_process_argument_or_in_an_embedded_interpreter() => V.AnalyzerAsync("""
        using System.Diagnostics;
        public sealed class PyInterpreter : BotSharp.Abstraction.Coding.ICodeProcessor
        {
            public string Run(string codeScript, object? options = null) => options is null ? InProcess(codeScript) : InProcess2(codeScript);

            private static string InProcess(string codeScript)
            {
                var psi = new ProcessStartInfo { FileName = "python", UseShellExecute = false };
                psi.ArgumentList.Add("-c");
                {|OM1011:psi.ArgumentList.Add(codeScript)|};
                using var process = Process.Start(psi)!;
                return process.StandardOutput.ReadToEnd();
            }

            private static string InProcess2(string codeScript)
            {
                {|OM1014:Python.Runtime.PythonEngine.Exec(codeScript)|};
                return "";
            }
        }
        """ + CodeProcessor);

    [Fact]
    public Task OM1011_a_method_named_like_the_interpreter_that_implements_nothing_and_fixed_arguments_are_clean() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Diagnostics;
        public sealed class Runner
        {
            public string Run(string codeScript, object? options = null)
            {
                var psi = new ProcessStartInfo("python");
                psi.ArgumentList.Add("--version");
                var list = new List<string>();
                list.Add(codeScript);
                Python.Runtime.PythonEngine.Exec(codeScript);
                return Process.Start(psi)!.StandardOutput.ReadToEnd();
            }
        }
        """ + CodeProcessor);
}
