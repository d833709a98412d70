using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1018 Secret or personal data sent to a prompt or log: the analyzer.</summary>
public class OM1018Tests
{
    [Fact]
    public Task OM1018_secrets_into_prompts_and_LLM_output_logged_at_information() => Verify<Rules.Security.TaintRulesAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        using OpenAI.Chat;
        class Support
        {
            async System.Threading.Tasks.Task Run(IConfiguration config, ChatClient chat, IChatClient client, ILogger logger)
            {
                var connection = config.GetConnectionString("Orders");
                var prompt = {|OM1018:new UserChatMessage($"Diagnose this connection: {connection}")|};
                var key = config["OpenAI:ApiKey"];
                var reply = await {|OM1018:client.GetResponseAsync("Is this key valid? " + key)|};
                {|OM1018:logger.LogInformation("Model said {Reply}", reply.Text)|};
                logger.LogDebug("Model said {Reply}", reply.Text);
                var model = config["OpenAI:Model"];
                var ok = new UserChatMessage($"Use model {model}");
            }
        }
        """);
}
