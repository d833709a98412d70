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

    /// <summary>
    /// The name of the tool a model called is one of the names the application declared, not text the model wrote:
    /// logging which tool ran is not logging model output. Its arguments are the model's words.
    /// </summary>
    [Fact]
    public Task OM1018_tool_names_are_declared_names_and_tool_arguments_are_model_output() => Verify<Rules.Security.TaintRulesAnalyzer>.AnalyzerAsync("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Logging;
        using OpenAI.Chat;
        class Agent
        {
            void Run(ChatCompletion completion, FunctionCallContent call, ILogger logger)
            {
                var toolCall = completion.ToolCalls[0];
                logger.LogInformation($"ToolCall: {toolCall.FunctionName}");
                logger.LogInformation("Tool {Name} called", call.Name);
                {|OM1018:logger.LogInformation($"{toolCall.FunctionName}({toolCall.FunctionArguments})")|};
                {|OM1018:logger.LogInformation("Tool {Name} after {Text}", call.Name, completion.Content[0].Text)|};
            }
        }
        """);
}
