using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>One project of a test solution: its sources and the projects it references.</summary>
internal sealed record TestProject(string Name, OutputKind Kind, IReadOnlyList<(string Path, string Text)> Sources, params string[] References);

/// <summary>What every OpenModel analyzer reported over one project, and every exception an analyzer threw there.</summary>
internal sealed record ProjectAnalysis(string Project, ImmutableArray<Diagnostic> Diagnostics, IReadOnlyList<string> Exceptions);

/// <summary>
/// Analyses a multi-project solution project by project, the way a host does: an IDE passes referenced projects as
/// compilation references (their syntax trees are not the analysed compilation's), the command-line build passes
/// their built assemblies as metadata references.
/// </summary>
internal static class SolutionRunner
{
    public static readonly ImmutableArray<DiagnosticAnalyzer> AllAnalyzers = typeof(RuleDescriptor).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not null)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    /// <summary>Projects as an IDE loads them: an <see cref="AdhocWorkspace"/> solution with project references.</summary>
    public static async Task<IReadOnlyList<ProjectAnalysis>> AsIdeAsync(params TestProject[] projects)
    {
        using var workspace = new AdhocWorkspace();
        var solution = workspace.CurrentSolution;
        var ids = projects.ToDictionary(p => p.Name, p => ProjectId.CreateNewId(p.Name));
        foreach (var project in projects)
        {
            var id = ids[project.Name];
            solution = solution.AddProject(ProjectInfo.Create(
                id, VersionStamp.Default, project.Name, project.Name, LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(project.Kind),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: TestReferences.All,
                projectReferences: project.References.Select(r => new ProjectReference(ids[r]))));
            foreach (var (path, text) in project.Sources)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(id), Path.GetFileName(path), SourceText.From(text), filePath: path);
            }
        }

        var results = new List<ProjectAnalysis>();
        foreach (var project in projects)
        {
            var compilation = (await solution.GetProject(ids[project.Name])!.GetCompilationAsync())!;
            results.Add(await AnalyzeAsync(project.Name, compilation));
        }

        return results;
    }

    /// <summary>Projects as the command-line build sees them: each referenced project as its built assembly.</summary>
    public static async Task<IReadOnlyList<ProjectAnalysis>> AsBuildAsync(params TestProject[] projects)
    {
        var images = new Dictionary<string, MetadataReference?>();
        var results = new List<ProjectAnalysis>();
        foreach (var project in projects)
        {
            var compilation = CSharpCompilation.Create(
                project.Name,
                project.Sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.Latest), s.Path)),
                TestReferences.All.AddRange(project.References.Select(r => images[r]).OfType<MetadataReference>()),
                new CSharpCompilationOptions(project.Kind));
            using var image = new MemoryStream();

            // A project that does not compile has no assembly; its dependents then see its types as missing.
            images[project.Name] = compilation.Emit(image).Success ? MetadataReference.CreateFromImage(image.ToArray()) : null;
            results.Add(await AnalyzeAsync(project.Name, compilation));
        }

        return results;
    }

    private static async Task<ProjectAnalysis> AnalyzeAsync(string name, Compilation compilation)
    {
        var exceptions = new ConcurrentBag<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{name}: {analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers, options).GetAnalyzerDiagnosticsAsync();
        return new ProjectAnalysis(name, diagnostics, exceptions.ToList());
    }
}
