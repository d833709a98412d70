using System.Diagnostics;
using System.Text;
using OpenModel.Contract;
using OpenModel.Core.AIBom;
using OpenModel.Core.Artifacts;
using OpenModel.Core.Facts;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Contract;

/// <summary>
/// Items in a project → the declarations file as the SDK's targets write it → the analyzers, run by the real C# compiler
/// → the compiler's SARIF log → the AI-BOM. Each hop is the product's own: the shared contract is the only thing the
/// two ends have in common, so a column, a property name or an ID range that drifts breaks this test.
/// </summary>
public sealed class RoundTripTests : IDisposable
{
    private readonly TestProject _test = new();

    [Fact]
    public void Load_sites_found_by_the_analyzers_reach_the_BOM_through_the_compilers_SARIF_log()
    {
        _test.WriteOnnx("models/sentiment.onnx");
        _test.WriteOnnx("models/other.onnx");
        _test.Write("data/reviews.csv", "text,label\ngood,1\n");
        ArtifactDeclaration[] items =
        [
            _test.Model("models/sentiment.onnx", ("Name", "sentiment"), ("LicenseExpression", "MIT")),
            _test.Dataset("data/reviews.csv", ("Name", "reviews"), ("LicenseExpression", "CC0-1.0")),
            _test.Model("ollama:llama3:8b", ("Access", "Api")),
        ];
        var program = _test.Write("Program.cs", """
            using System.IO;
            namespace OllamaSharp { public class OllamaApiClient { public OllamaApiClient(System.Uri uri, string defaultModel = "") { } } }
            static class App
            {
                static void Main()
                {
                    var weights = File.ReadAllBytes("models/sentiment.onnx");
                    var reviews = File.ReadAllLines("data/reviews.csv");
                    var chat = new OllamaSharp.OllamaApiClient(new System.Uri("http://localhost:11434"), "llama3:8b");
                    var undeclared = File.ReadAllBytes("models/other.onnx");
                }
            }
            """);

        var sarif = Compile(program, DeclarationsFile(items));
        var result = AIBomBuilder.Build(new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _test.Directory, LicenseExpression = "MIT" },
            Artifacts = items,
            SarifPath = sarif,
        }, _test.ProjectFile);

        var bom = result.Bom;
        Assert.Equal([("Program.cs", (int?)7)], bom.Components!.Single(c => c.Name == "sentiment").Evidence!.Occurrences!.Select(o => (o.Location, o.Line)));
        Assert.Equal([("Program.cs", (int?)8)], bom.Components!.Single(c => c.Name == "reviews").Evidence!.Occurrences!.Select(o => (o.Location, o.Line)));
        Assert.Equal(["Program.cs:9"], bom.Services!.Single().Properties!.Where(p => p.Name == "openmodel:occurrence").Select(p => p.Value));
        Assert.Equal("incomplete", bom.Compositions!.Single().Aggregate);
        Assert.Equal(["OM2001 Program.cs:10"], bom.Metadata.Properties!.Where(p => p.Name == "openmodel:unmatched-load").Select(p => p.Value));
    }

    /// <summary>The declarations file exactly as OpenModelWriteDeclarations writes it (ContractTests checks the targets against the same columns).</summary>
    private string DeclarationsFile(IEnumerable<ArtifactDeclaration> items)
    {
        var text = new StringBuilder(OpenModel.Contract.DeclarationsFile.HeaderPrefix).Append(_test.ProjectFile).Append('\n');
        foreach (var item in items)
        {
            var fields = OpenModel.Contract.DeclarationsFile.Columns.Select(c => c.Metadata switch
            {
                null => item.ItemType,
                "Identity" => item.Include,
                "DefiningProjectFullPath" => _test.ProjectFile,
                var name => item.Metadata.GetValueOrDefault(name) ?? string.Empty,
            });
            text.Append(string.Join(OpenModel.Contract.DeclarationsFile.Separator, fields)).Append('\n');
        }

        return _test.Write("obj/" + OpenModel.Contract.DeclarationsFile.FileName, text.ToString());
    }

    /// <summary>Runs the SDK's own C# compiler with the OpenModel analyzers, as a build does, and returns its SARIF 2.1 log.</summary>
    private string Compile(string source, string declarations)
    {
        var analyzer = Path.Combine(Repository.Root, "src", "Analyzers", "bin", Configuration, "netstandard2.0", "OpenModel.Analyzers.dll");
        Assert.True(File.Exists(analyzer), $"{analyzer} is not built");
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var dotnetRoot = Path.GetFullPath(Path.Combine(framework, "..", "..", ".."));
        var csc = Directory.EnumerateDirectories(Path.Combine(dotnetRoot, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Roslyn", "bincore", "csc.dll"))
            .Where(File.Exists)
            .OrderBy(p => p, StringComparer.Ordinal)
            .LastOrDefault();
        Assert.True(csc is not null, $"no csc.dll under {dotnetRoot}/sdk");

        var sarif = Path.Combine(_test.Directory, "obj", "App.openmodel.sarif");
        var arguments = new List<string> { "exec", csc!, "/nologo", "/noconfig", "/nostdlib+", "/target:exe", "/out:" + Path.Combine(_test.Directory, "obj", "App.dll"), $"/errorlog:{sarif},version=2.1", "/analyzer:" + analyzer, "/additionalfile:" + declarations };
        arguments.AddRange(Directory.EnumerateFiles(framework, "*.dll").Where(IsManaged).Select(r => "/reference:" + r));
        arguments.Add(source);
        var start = new ProcessStartInfo(Path.Combine(dotnetRoot, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _test.Directory };
        arguments.ForEach(start.ArgumentList.Add);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), "the compiler did not finish");
        Assert.True(process.ExitCode == 0, $"csc failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        Assert.True(File.Exists(sarif), "the compiler wrote no SARIF log:\n" + output.Result);
        return sarif;
    }

    private static string Configuration => AppContext.BaseDirectory.Replace('\\', '/').Contains("/bin/Release/", StringComparison.Ordinal) ? "Release" : "Debug";

    private static bool IsManaged(string path)
    {
        try
        {
            System.Reflection.AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    public void Dispose() => _test.Dispose();
}
