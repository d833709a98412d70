using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compiles .razor/.cshtml files the way the SDK does: the real Razor source generator from the installed SDK runs
/// over them as additional files with the global options the SDK writes to obj/*.GeneratedMSBuildEditorConfig.editorconfig,
/// then the analyzers run over the compilation it produced. Expected findings are marked in the Razor text with
/// <c>{|OM1013:…|}</c>; each must be reported at exactly that .razor/.cshtml span, and nothing else may be reported.
/// </summary>
internal sealed class RazorProject
{
    public const string ProjectDir = "/src/App/";

    private static readonly Lazy<ISourceGenerator> Generator = new(LoadGenerator);
    private static readonly Regex Marker = new(@"\{\|(?<id>OM\d{4}):|\|\}", RegexOptions.Compiled);

    private readonly List<(string RelativePath, string Text, List<Expected> Expected)> _razorFiles = new();
    private readonly List<string> _csharp = new();
    private readonly List<(string Path, string Text)> _additionalFiles = new();

    /// <summary>Starts with the _Imports.razor of the Blazor Web App template, which brings in @onclick and @bind.</summary>
    public RazorProject() => Razor("_Imports.razor", """
        @using System.Net.Http
        @using Microsoft.AspNetCore.Components.Forms
        @using Microsoft.AspNetCore.Components.Routing
        @using Microsoft.AspNetCore.Components.Web
        @using static Microsoft.AspNetCore.Components.Web.RenderMode
        @using Microsoft.JSInterop
        """);

    public RazorProject Razor(string relativePath, string markedText)
    {
        var (text, expected) = Parse(ProjectDir + relativePath, markedText);
        _razorFiles.Add((relativePath, text, expected));
        return this;
    }

    public RazorProject CSharp(string source)
    {
        _csharp.Add(source);
        return this;
    }

    public RazorProject Declarations(Declared declarations)
    {
        _additionalFiles.Add((Verify<Rules.Transparency.UndeclaredLoadAnalyzer>.DeclarationsPath, declarations.ToString()));
        return this;
    }

    /// <summary>Runs the generator and the analyzers; asserts the generated project compiles and every marked finding is reported where it is marked.</summary>
    public async Task VerifyAsync(params DiagnosticAnalyzer[] analyzers)
    {
        var diagnostics = await AnalyzeAsync(analyzers);
        var expected = _razorFiles.SelectMany(f => f.Expected).OrderBy(e => e.ToString(), StringComparer.Ordinal).ToList();
        var actual = diagnostics
            .Where(d => d.Id != "OM2000")
            .Select(d => Expected.From(d.Id, d.Location.GetMappedLineSpan()))
            .OrderBy(e => e.ToString(), StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected.Select(e => e.ToString()), actual.Select(e => e.ToString()));
    }

    public async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(params DiagnosticAnalyzer[] analyzers)
    {
        var (compilation, options) = Generate();
        var diagnostics = await compilation.WithAnalyzers(analyzers.ToImmutableArray(), options).GetAllDiagnosticsAsync();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("OM", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, "The generated project does not compile:\n" + string.Join("\n", errors));
        var analyzerFailures = diagnostics.Where(d => d.Id is "AD0001" or "AD0002").ToList();
        Assert.True(analyzerFailures.Count == 0, string.Join("\n", analyzerFailures));
        return diagnostics.Where(d => d.Id.StartsWith("OM", StringComparison.Ordinal)).ToImmutableArray();
    }

    /// <summary>The compilation after the Razor generator ran, as csc sees it, and the analyzer options of the project.</summary>
    public (Compilation Compilation, AnalyzerOptions Options) Generate()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = _csharp.Select((source, i) => CSharpSyntaxTree.ParseText(source, parseOptions, path: ProjectDir + "Code" + i + ".cs"));
        var compilation = CSharpCompilation.Create(
            "App",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var razorTexts = _razorFiles.Select(f => (AdditionalText)new AnalyzerRunner.InMemoryAdditionalText(ProjectDir + f.RelativePath, f.Text)).ToImmutableArray();
        var optionsProvider = new SdkOptionsProvider(_razorFiles.Select(f => f.RelativePath));
        var driver = CSharpGeneratorDriver.Create(new[] { Generator.Value }, razorTexts, parseOptions, optionsProvider);
        driver.RunGeneratorsAndUpdateCompilation(compilation, out var generated, out var generatorDiagnostics);
        Assert.True(generatorDiagnostics.IsEmpty, "The Razor generator reported:\n" + string.Join("\n", generatorDiagnostics));
        var razorTrees = generated.SyntaxTrees.Count(t => t.FilePath.EndsWith("_razor.g.cs", StringComparison.Ordinal) || t.FilePath.EndsWith("_cshtml.g.cs", StringComparison.Ordinal));
        Assert.True(razorTrees == _razorFiles.Count, $"The Razor generator wrote {razorTrees} files for {_razorFiles.Count} inputs.");

        var additional = razorTexts.AddRange(_additionalFiles.Select(f => (AdditionalText)new AnalyzerRunner.InMemoryAdditionalText(f.Path, f.Text)));
        return (generated, new AnalyzerOptions(additional, optionsProvider));
    }

    /// <summary>The generator the installed SDK runs: sdk/&lt;newest&gt;/Sdks/Microsoft.NET.Sdk.Razor/source-generators.</summary>
    public static string GeneratorFolder()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        return Directory.GetDirectories(Path.Combine(dotnetRoot, "sdk"))
            .Select(sdk => Path.Combine(sdk, "Sdks", "Microsoft.NET.Sdk.Razor", "source-generators"))
            .Where(Directory.Exists)
            .OrderByDescending(folder => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(folder)))), out var v) ? v : new Version(0, 0))
            .First();
    }

    private static ISourceGenerator LoadGenerator()
    {
        var folder = GeneratorFolder();
        var reference = new AnalyzerFileReference(Path.Combine(folder, "Microsoft.CodeAnalysis.Razor.Compiler.dll"), new FolderLoader(folder));
        return Assert.Single(reference.GetGenerators(LanguageNames.CSharp), g => g.GetGeneratorType().Name == "RazorSourceGenerator");
    }

    private static (string Text, List<Expected> Expected) Parse(string path, string marked)
    {
        var text = new StringBuilder();
        var expected = new List<Expected>();
        var open = new Stack<(string Id, int Start)>();
        var last = 0;
        foreach (Match match in Marker.Matches(marked))
        {
            text.Append(marked, last, match.Index - last);
            last = match.Index + match.Length;
            if (match.Groups["id"].Success)
            {
                open.Push((match.Groups["id"].Value, text.Length));
            }
            else
            {
                var (id, start) = open.Pop();
                var source = SourceText.From(text.ToString());
                expected.Add(new Expected(id, path, source.Lines.GetLinePosition(start), source.Lines.GetLinePosition(text.Length)));
            }
        }

        text.Append(marked, last, marked.Length - last);
        Assert.Empty(open);
        return (text.ToString(), expected);
    }

    private sealed record Expected(string Id, string Path, LinePosition Start, LinePosition End)
    {
        public static Expected From(string id, FileLinePositionSpan span) => new(id, span.Path, span.StartLinePosition, span.EndLinePosition);

        // One-based, as the compiler prints them.
        public override string ToString() => $"{Id} {Path}({Start.Line + 1},{Start.Character + 1})-({End.Line + 1},{End.Character + 1})";
    }

    /// <summary>Loads the generator and its sibling assemblies from the SDK folder; Roslyn itself is the one the tests run.</summary>
    private sealed class FolderLoader(string folder) : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath)
        {
            // The generator references Microsoft.AspNetCore.Razor.Utilities.Shared beside it.
            foreach (var sibling in Directory.GetFiles(folder, "*.dll").Where(f => !string.Equals(f, fullPath, StringComparison.Ordinal)))
            {
                Assembly.LoadFrom(sibling);
            }

            return Assembly.LoadFrom(fullPath);
        }
    }

    /// <summary>What the Razor SDK passes the generator (see Microsoft.NET.Sdk.Razor.SourceGenerators.targets).</summary>
    private sealed class SdkOptionsProvider(IEnumerable<string> razorFiles) : AnalyzerConfigOptionsProvider
    {
        private readonly Dictionary<string, Options> _files = razorFiles.ToDictionary(
            f => ProjectDir + f,
            f => new Options(new Dictionary<string, string>
            {
                ["build_metadata.AdditionalFiles.TargetPath"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(f)),
                ["build_metadata.AdditionalFiles.CssScope"] = string.Empty,
            }),
            StringComparer.Ordinal);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(new Dictionary<string, string>
        {
            ["build_property.RazorLangVersion"] = "10.0",
            ["build_property.RootNamespace"] = "App",
            ["build_property.ProjectDir"] = ProjectDir,
            ["build_property.MSBuildProjectDirectory"] = ProjectDir.TrimEnd('/'),
            ["build_property.TargetFramework"] = "net10.0",
            ["build_property.UsingMicrosoftNETSdkWeb"] = "true",
        });

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _files.TryGetValue(textFile.Path, out var options) ? options : Options.Empty;
    }

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly Options Empty = new(new Dictionary<string, string>());

        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
