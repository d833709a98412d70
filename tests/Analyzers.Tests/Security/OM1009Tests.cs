using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1009 Untrusted data in a system or developer prompt: the analyzer.</summary>
public class OM1009Tests
{
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
}
