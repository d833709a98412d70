using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1017 Model endpoint without authorization or rate limiting: the analyzer.</summary>
public class OM1017Tests
{
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
}
