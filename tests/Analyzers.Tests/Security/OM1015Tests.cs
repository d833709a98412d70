using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1015 Dangerous tool auto-invoked without approval: the analyzer.</summary>
public class OM1015Tests
{
    [Fact]
    public async Task OM1015_dangerous_tools_with_automatic_invocation_and_no_approval()
    {
        var test = Verify<OM1015DangerousToolAutoInvoked>.Create(null);
        test.TestCode = """
            using System.ComponentModel;
            using System.Diagnostics;
            using Microsoft.Extensions.AI;
            namespace Microsoft.SemanticKernel { [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { } }
            class Tools
            {
                [Microsoft.SemanticKernel.KernelFunction]
                public string {|#0:RunShell|}(string command) => Process.Start("bash", command)!.Id.ToString();

                [Microsoft.SemanticKernel.KernelFunction]
                public string Weather(string city) => "sunny in " + city;

                public static void Cleanup(string path) => System.IO.File.Delete(path);
            }
            class Setup
            {
                IChatClient Build(IChatClient inner)
                {
                    var cleanup = AIFunctionFactory.Create({|#1:Tools.Cleanup|});
                    return new ChatClientBuilder(inner).UseFunctionInvocation().Build();
                }
            }
            """;
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1015", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("RunShell", "start processes"));
        test.ExpectedDiagnostics.Add(new DiagnosticResult("OM1015", DiagnosticSeverity.Warning).WithLocation(1).WithArguments("Cleanup", "delete files"));
        await test.RunAsync();
    }

    [Fact]
    public Task OM1015_an_invocation_filter_is_the_approval_step() => Verify<OM1015DangerousToolAutoInvoked>.AnalyzerAsync("""
        using System.Diagnostics;
        using Microsoft.Extensions.AI;
        namespace Microsoft.SemanticKernel
        {
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class KernelFunctionAttribute : System.Attribute { }
            public interface IAutoFunctionInvocationFilter { }
        }
        class Tools
        {
            [Microsoft.SemanticKernel.KernelFunction]
            public int RunShell(string command) => Process.Start("bash", command)!.Id;
        }
        class Approval : Microsoft.SemanticKernel.IAutoFunctionInvocationFilter { }
        class Setup
        {
            IChatClient Build(IChatClient inner) => new ChatClientBuilder(inner).UseFunctionInvocation().Build();
        }
        """);
}
