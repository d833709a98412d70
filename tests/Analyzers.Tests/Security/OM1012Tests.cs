using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1012 LLM output runs as SQL: the analyzer.</summary>
public class OM1012Tests
{
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
}
