using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.CodeFixVerify;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1016 Unbounded generation: the analyzer and its code fix.</summary>
public class OM1016Tests
{
    [Fact]
    public Task OM1016_generation_in_handlers_needs_an_output_limit() => Program<OM1016UnboundedGeneration>("""
        var app = WebApplication.Create();
        app.MapPost("/ask", (string q, ChatClient chat) => {|OM1016:chat.CompleteChat(q)|}.Value.Content[0].Text);
        app.MapPost("/ask2", async (string q, IChatClient client) => (await {|OM1016:client.GetResponseAsync(q)|}).Text);
        app.MapPost("/bounded", (string q, ChatClient chat) =>
        {
            var options = new ChatCompletionOptions { MaxOutputTokenCount = 512 };
            return chat.CompleteChat([new UserChatMessage(q)], options).Value.Content[0].Text;
        });
        app.MapPost("/bounded2", async (string q, IChatClient client) => (await client.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 256 })).Text);
        app.Run();

        static string Offline(ChatClient chat) => chat.CompleteChat("summarise the logs").Value.Content[0].Text;
        """);

    [Fact]
    public Task OM1016_controller_actions_are_request_paths() => Verify<OM1016UnboundedGeneration>.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        using OpenAI.Chat;
        public sealed class AskController(ChatClient chat) : ControllerBase
        {
            [HttpPost]
            public string Ask(string question) => {|OM1016:chat.CompleteChat(question)|}.Value.Content[0].Text;
        }
        """);

    [Fact]
    public Task OM1016_adds_an_output_limit_to_new_or_existing_options() => VerifyAsync<OM1016UnboundedGeneration, OM1016AddOutputTokenLimitCodeFix>("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/a", (string q, ChatClient chat) => {|OM1016:chat.CompleteChat(q)|}.Value.Content[0].Text);
                app.MapPost("/b", async (string q, IChatClient client) => (await {|OM1016:client.GetResponseAsync(q)|}).Text);
                app.MapPost("/c", async (string q, IChatClient client) => (await {|OM1016:client.GetResponseAsync(q, new ChatOptions { Temperature = 0 })|}).Text);
            }
        }
        """, """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;
        static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/a", (string q, ChatClient chat) => chat.CompleteChat([q], new global::OpenAI.Chat.ChatCompletionOptions { MaxOutputTokenCount = 1024 }).Value.Content[0].Text);
                app.MapPost("/b", async (string q, IChatClient client) => (await client.GetResponseAsync(q, options: new global::Microsoft.Extensions.AI.ChatOptions { MaxOutputTokens = 1024 })).Text);
                app.MapPost("/c", async (string q, IChatClient client) => (await client.GetResponseAsync(q, new ChatOptions { Temperature = 0, MaxOutputTokens = 1024 })).Text);
            }
        }
        """);
}
