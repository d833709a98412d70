using System.Text;

namespace OpenModel.Benchmarks;

/// <summary>
/// Writes a realistic large project: ordinary service code (≈100 lines a file) with one file in twenty loading a
/// model, tokenizer, dataset or model service in one of the forms real code uses, and another one in twenty holding a
/// taint source (request parameter or LLM output) on its way to a sink.
/// </summary>
public static class LargeProjectGenerator
{
    private static readonly Func<int, string>[] LoadForms =
    {
        i => $"using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(\"models/model{i % 7}.onnx\");",
        i => $"using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(System.IO.Path.Combine(System.AppContext.BaseDirectory, \"models\", \"model{i % 7}.onnx\"));",
        i => "using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(_configuration[\"Models:Primary\"]!);",
        i => $"var transformer = new Microsoft.ML.MLContext().Model.Load(\"models/pipeline{i % 3}.zip\", out var schema);",
        i => $"var data = new Microsoft.ML.MLContext().Data.LoadFromTextFile<Row>(\"data/train{i % 4}.csv\", hasHeader: true);",
        i => $"var module = TorchSharp.torch.jit.load(\"models/traced{i % 2}.pt\");",
        i => "var tokenizer = Microsoft.ML.Tokenizers.BertTokenizer.Create(\"models/bert/vocab.txt\");",
        i => $"var chat = new OpenAI.Chat.ChatClient(\"gpt-4o-mini\", _configuration[\"OpenAI:Key\"]!);",
        i => $"var weights = System.IO.File.ReadAllBytes(\"models/encoder{i % 5}.safetensors\");",
        i => $"var folder = System.IO.Path.Combine(System.AppContext.BaseDirectory, \"models\"); var path = System.IO.Path.Combine(folder, \"local{i % 4}.onnx\"); using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path);",
    };

    // Untrusted data reaching sinks, in the shapes the security rules look for.
    private static readonly Func<int, string>[] TaintForms =
    {
        i => $"public int Score{i}([Microsoft.AspNetCore.Mvc.FromQuery] string model) => new Microsoft.ML.OnnxRuntime.InferenceSession(System.IO.Path.Combine(\"models\", model)).InputMetadata.Count;",
        i => $"public void Agent{i}(OpenAI.Chat.ChatClient chat) {{ var text = chat.CompleteChat(\"plan\").Value.Content[0].Text; System.Diagnostics.Process.Start(text); }}",
        i => $"public static void Map{i}(Microsoft.AspNetCore.Builder.WebApplication app) => Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, \"/f{i}/{{n}}\", (string n) => System.IO.File.ReadAllText(System.IO.Path.GetFileName(n)));",
        i => $"public string Safe{i}([Microsoft.AspNetCore.Mvc.FromQuery] int id) => System.IO.Path.Combine(\"models\", $\"m{{id}}.onnx\");",
    };

    public static void Write(string directory, int fileCount, string analyzerPath, string sdkBuildDirectory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "Generated"));
        File.WriteAllText(Path.Combine(directory, "Large.csproj"), Project(analyzerPath, sdkBuildDirectory));
        // Demote the error-severity security findings the taint forms produce so the build completes; NoWarn would
        // switch the analyzers off and flatter the measurement.
        File.WriteAllText(Path.Combine(directory, ".editorconfig"), "root = true\n[*.cs]\ndotnet_diagnostic.OM1001.severity = warning\ndotnet_diagnostic.OM1011.severity = warning\n");
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), """{ "Models": { "Primary": "models/model0.onnx" }, "OpenAI": { "Key": "" } }""");
        File.WriteAllText(Path.Combine(directory, "Generated", "Row.cs"), "namespace Large; public sealed class Row { [Microsoft.ML.Data.LoadColumn(0)] public string Text { get; set; } = \"\"; }\n");
        for (var i = 0; i < fileCount; i++)
        {
            File.WriteAllText(Path.Combine(directory, "Generated", $"Service{i:D4}.cs"), Source(i));
        }
    }

    private static string Project(string analyzerPath, string sdkBuildDirectory) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="{sdkBuildDirectory}OpenModel.Sdk.props" />
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);CS0168;CS0219;NU1603;NU1608</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
            <PackageReference Include="Microsoft.ML" Version="5.0.1" />
            <PackageReference Include="Microsoft.ML.Tokenizers" Version="2.0.1" />
            <PackageReference Include="TorchSharp" Version="0.107.0" />
            <PackageReference Include="OpenAI" Version="2.15.0" />
            <PackageReference Include="Microsoft.Extensions.Configuration.Abstractions" Version="10.0.15" />
            <FrameworkReference Include="Microsoft.AspNetCore.App" />
            <Analyzer Include="{analyzerPath}" />
            <AIModel Include="models/model0.onnx;models/model1.onnx;models/model2.onnx;models/pipeline0.zip;models/traced0.pt;models/bert" />
            <AIModel Include="openai:gpt-4o-mini" Access="Api" />
            <AIDataset Include="data/train0.csv;data/train1.csv" />
          </ItemGroup>
          <Import Project="{sdkBuildDirectory}OpenModel.Sdk.targets" />
        </Project>
        """;

    private static string Source(int index)
    {
        var builder = new StringBuilder();
        builder.AppendLine("using System.Text;");
        builder.AppendLine("using Microsoft.Extensions.Configuration;");
        builder.AppendLine("namespace Large.Services;");
        builder.AppendLine($"public sealed class Service{index:D4}(IConfiguration configuration)");
        builder.AppendLine("{");
        builder.AppendLine("    private readonly IConfiguration _configuration = configuration;");
        builder.AppendLine("    private readonly Dictionary<string, int> _counts = new(StringComparer.OrdinalIgnoreCase);");
        for (var method = 0; method < 6; method++)
        {
            builder.AppendLine($"    public string Describe{method}(IEnumerable<string> items, int limit)");
            builder.AppendLine("    {");
            builder.AppendLine("        var text = new StringBuilder();");
            builder.AppendLine("        foreach (var item in items.Where(i => !string.IsNullOrWhiteSpace(i)).Take(limit))");
            builder.AppendLine("        {");
            builder.AppendLine("            _counts[item] = _counts.TryGetValue(item, out var count) ? count + 1 : 1;");
            builder.AppendLine($"            text.Append(item.Trim().ToUpperInvariant()).Append(':').Append(_counts[item] * {method + 1}).Append(';');");
            builder.AppendLine("        }");
            builder.AppendLine("        var path = System.IO.Path.Combine(\"reports\", $\"{limit}.txt\");");
            builder.AppendLine("        return text.Length > 0 ? text.ToString() + path : string.Empty;");
            builder.AppendLine("    }");
            builder.AppendLine($"    public async Task<int> Count{method}Async(IReadOnlyList<int> values, CancellationToken token)");
            builder.AppendLine("    {");
            builder.AppendLine("        var total = 0;");
            builder.AppendLine("        for (var i = 0; i < values.Count; i++) { total += values[i] % 3 == 0 ? values[i] : -values[i]; }");
            builder.AppendLine("        await Task.Yield();");
            builder.AppendLine("        return values.Select(v => v * 2).Where(v => v > 10).OrderBy(v => v).Sum() + total;");
            builder.AppendLine("    }");
        }

        if (index % 20 == 0)
        {
            builder.AppendLine("    public void LoadModel()");
            builder.AppendLine("    {");
            builder.AppendLine("        " + LoadForms[(index / 20) % LoadForms.Length](index));
            builder.AppendLine("    }");
        }

        if (index % 20 == 10)
        {
            builder.AppendLine("    " + TaintForms[(index / 20) % TaintForms.Length](index));
        }

        builder.AppendLine("}");
        return builder.ToString();
    }
}
