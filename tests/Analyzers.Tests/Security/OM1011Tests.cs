using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1011 LLM output runs as an OS command: the analyzer.</summary>
public class OM1011Tests
{
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
}
