using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1014LlmOutputAsPathUrlOrCode
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LlmOutputAsPathUrlOrCode,
        "LLM output used as a path, URL or code",
        "{0} reaches {1}: model output chooses a file, a URL or code to run; map it to an allow-list first",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Model output that names files, URLs or types lets a prompt injection read files, reach internal services (SSRF, CWE-918) or load code (CWE-94).");

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "ReadAllText", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "ReadAllBytes", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "ReadAllLines", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "WriteAllText", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "WriteAllBytes", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "Delete", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "OpenRead", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "Open", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.File", "Copy", "sourceFileName", "destFileName"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.Directory", "Delete", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.Directory", "GetFiles", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.IO.FileStream", ".ctor", "path"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpClient", "GetAsync", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpClient", "GetStringAsync", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpClient", "GetByteArrayAsync", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpClient", "GetStreamAsync", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpClient", "PostAsync", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpRequestMessage", ".ctor", "requestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Net.Http.HttpRequestMessage", "RequestUri"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Reflection.Assembly", "Load"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Reflection.Assembly", "LoadFrom"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Reflection.Assembly", "LoadFile"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Type", "GetType", "typeName"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Activator", "CreateInstance", "assemblyName", "typeName"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "EvaluateAsync", "code"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "RunAsync", "code"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript", "Create", "code"),

        // Python.NET: the embedded interpreter runs the text.
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Python.Runtime.PythonEngine", "Exec", "code"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Python.Runtime.PythonEngine", "Eval", "code"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Python.Runtime.PythonEngine", "RunSimpleString", "code"));
}
