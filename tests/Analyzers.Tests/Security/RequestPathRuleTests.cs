using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

public class RequestPathRuleTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        """;

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
    public async Task OM1017_open_inference_endpoints_but_not_protected_ones()
    {
        var test = Verify<OM1017UnprotectedModelEndpoint>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            var app = WebApplication.Create();
            {|#0:app.MapPost("/ask", (string q, ChatClient chat) => chat.CompleteChat(q).Value.Content[0].Text)|};
            {|#1:app.MapPost("/score", (string text, Scorer scorer) => scorer.Score(text))|};
            app.MapPost("/secure", (string q, ChatClient chat) => chat.CompleteChat(q).Value.Content[0].Text).RequireAuthorization();
            app.MapPost("/limited", (string q, ChatClient chat) => chat.CompleteChat(q).Value.Content[0].Text).WithName("limited").RequireRateLimiting("per-user");
            var api = app.MapGroup("/api").RequireAuthorization();
            api.MapPost("/ask", (string q, ChatClient chat) => chat.CompleteChat(q).Value.Content[0].Text);
            app.MapGet("/health", () => "ok");
            app.Run();

            public sealed class Scorer(Microsoft.ML.OnnxRuntime.InferenceSession session)
            {
                public int Score(string text) => session.Run(new System.Collections.Generic.List<Microsoft.ML.OnnxRuntime.NamedOnnxValue>()).Count;
            }
            """;
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1017", DiagnosticSeverity.Info).WithLocation(0).WithArguments("MapPost(\"/ask\")"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1017", DiagnosticSeverity.Info).WithLocation(1).WithArguments("MapPost(\"/score\")"));
        await test.RunAsync();
    }

    [Fact]
    public async Task OM1017_a_fallback_policy_protects_every_endpoint()
    {
        var test = Verify<OM1017UnprotectedModelEndpoint>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + """
            var builder = WebApplication.CreateBuilder();
            Microsoft.Extensions.DependencyInjection.PolicyServiceCollectionExtensions.AddAuthorization(builder.Services, o => o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
            var app = builder.Build();
            app.MapPost("/ask", (string q, ChatClient chat) => chat.CompleteChat(q).Value.Content[0].Text);
            app.Run();
            """;
        await test.RunAsync();
    }

    [Fact]
    public Task OM1002_native_code_from_variable_and_untrusted_paths() => Program<OM1002NativeCodeFromVariablePath>("""
        using System.Reflection;
        using System.Runtime.InteropServices;
        var app = WebApplication.Create();
        app.MapPost("/plugin", (string name) => {|#0:Assembly.LoadFrom(name)|}.FullName);
        app.Run();

        static class Ops
        {
            public static void Register(Microsoft.ML.OnnxRuntime.SessionOptions options, string folder) => {|#1:options.RegisterCustomOpLibrary(System.IO.Path.Combine(folder, "ops.so"))|};
            public static void Fixed(Microsoft.ML.OnnxRuntime.SessionOptions options) => options.RegisterCustomOpLibrary("native/ops.so");
            public static System.IntPtr Native() => NativeLibrary.Load("libonnxruntime.so");
        }
        """,
        new DiagnosticResult("OM1002", DiagnosticSeverity.Error).WithLocation(0).WithArguments("Assembly.LoadFrom", "HTTP input"),
        new DiagnosticResult("OM1002", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("SessionOptions.RegisterCustomOpLibrary", "a path computed at run time"));

    [Fact]
    public Task OM1005_pickle_readers() => Verify<OM1005PickleCheckpointLoaded>.AnalyzerAsync("""
        namespace TorchSharp.PyBridge { public static class PyBridgeModuleExtensions { public static T load_py<T>(this T module, string location) => module; } }
        namespace Razorvine.Pickle { public class Unpickler { public object load(System.IO.Stream stream) => new(); } }
        class Loader
        {
            void Load(System.IO.Stream stream)
            {
                var model = {|OM1005:TorchSharp.PyBridge.PyBridgeModuleExtensions.load_py(new object(), "model.pt")|};
                var data = {|OM1005:new Razorvine.Pickle.Unpickler().load(stream)|};
                var weights = System.IO.File.ReadAllBytes("model.safetensors");
            }
        }
        """);

    [Fact]
    public Task OM1010_prompt_encoding_disabled() => Verify<OM1010PromptEncodingDisabled>.AnalyzerAsync("""
        namespace Microsoft.SemanticKernel
        {
            public class PromptTemplateConfig { public bool AllowDangerouslySetContent { get; set; } }
            public class InputVariable { public bool AllowDangerouslySetContent { get; set; } }
        }
        class Prompts
        {
            object[] Configure() =>
            [
                new Microsoft.SemanticKernel.PromptTemplateConfig { {|OM1010:AllowDangerouslySetContent = true|} },
                new Microsoft.SemanticKernel.InputVariable { {|OM1010:AllowDangerouslySetContent = true|} },
                new Microsoft.SemanticKernel.PromptTemplateConfig { AllowDangerouslySetContent = false },
            ];
        }
        """);

    private static Task Program<TAnalyzer>(string source, params DiagnosticResult[] expected)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
    {
        var test = Verify<TAnalyzer>.Create(null);
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.TestCode = Usings + source;
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
