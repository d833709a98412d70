using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1002 Native code loaded from a non-constant path: the analyzer.</summary>
public class OM1002Tests
{
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
}
