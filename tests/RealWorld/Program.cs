using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OpenModel.RealWorld;

internal static class Program
{
    private const string Usage = """
        usage: dotnet run -c Release --project tests/RealWorld -- [options]
          --analyzers PATH   OpenModel.Analyzers.dll to measure (default: src/Analyzers/bin/Release/netstandard2.0/ of this repo)
          --repo NAME        only this corpus repository (repeatable)
          --mirrors DIR      where the fetched mirrors are (default /work/.mirror; <DIR>/<mirror>/repo is a bare git dir)
          --work DIR         where snapshots are extracted and built (default $TMPDIR/openmodel-realworld)
          --out FILE         JSON results (default tests/RealWorld/results/<analyzers-folder-hash>.json)
          --no-restore       skip `dotnet restore` (snapshots restored by an earlier run)
          --sample N         unlabelled diagnostics to sample for judging (default 50), --seed S (default 10)
        """;

    public static async Task<int> Main(string[] args)
    {
        // Must run before any MSBuild or workspace type is touched, hence the separate, non-inlined method below.
        MSBuildLocator.RegisterDefaults();
        try
        {
            return await RunAsync(Options.Parse(args));
        }
        catch (OptionsException e)
        {
            Console.Error.WriteLine(e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (FormatException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<int> RunAsync(Options options)
    {
        var corpus = Tsv.ReadCorpus(options.Corpus).ToDictionary(r => r.Name, StringComparer.Ordinal);
        var labels = Tsv.ReadLabels(options.Labels, corpus);
        var analyzers = LoadAnalyzers(options.Analyzers);
        Console.WriteLine($"analyzers: {options.Analyzers} ({analyzers.Length} analyzers)");
        Console.WriteLine($"labels: {labels.Count} in {options.Labels}");

        var stubs = new Stubs(Path.Combine(options.Root, "Stubs"));
        var selected = corpus.Values.Where(r => options.Repos.Count == 0 || options.Repos.Contains(r.Name)).ToList();
        var results = new Dictionary<string, RepoResult>(StringComparer.Ordinal);
        var unavailable = new List<string>();
        foreach (var repo in selected)
        {
            var tree = Snapshot.Extract(options.Mirrors, options.Work, repo, out var message);
            Console.WriteLine(message);
            if (tree is null)
            {
                unavailable.Add(message);
                continue;
            }

            var started = DateTime.UtcNow;
            var result = await new RepoAnalysis(analyzers, stubs, options.Restore, options.Runs).RunAsync(repo, tree);
            results[repo.Name] = result;
            foreach (var line in result.Log)
            {
                Console.WriteLine("  " + line);
            }

            foreach (var p in result.Projects)
            {
                Console.WriteLine($"  {p.Project}: {p.Documents} docs, {p.CompileErrors} errors, compile {p.CompileSeconds:F1}s, OpenModel analyzers {p.AnalyzerSeconds:F2}s" +
                                  (p.Stubs.Count > 0 ? $", stubs {string.Join(",", p.Stubs)}" : string.Empty) +
                                  (p.FirstErrors.Count > 0 ? $"\n      {string.Join("\n      ", p.FirstErrors)}" : string.Empty));
            }

            Console.WriteLine($"  {repo.Name}: {result.Projects.Count} projects, {result.Findings.Count} findings, {result.Crashes.Count} analyzer exceptions, {(DateTime.UtcNow - started).TotalSeconds:F0}s");
        }

        var report = Report.Build(labels.Where(l => results.ContainsKey(l.Repo) || selected.Any(r => r.Name == l.Repo)).ToList(), results, options);
        Report.Print(report);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
        File.WriteAllText(options.Out, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"results written to {options.Out}");
        if (unavailable.Count > 0)
        {
            Console.WriteLine($"{unavailable.Count} corpus repositories were not available; their labels count as not compiled.");
        }

        return 0;
    }

    private static ImmutableArray<DiagnosticAnalyzer> LoadAnalyzers(string path)
    {
        if (!File.Exists(path))
        {
            throw new OptionsException($"error: no analyzer assembly at {path}; build it (dotnet build src/Analyzers -c Release) or pass --analyzers");
        }

        var reference = new AnalyzerFileReference(Path.GetFullPath(path), new LoadFromLoader());
        var analyzers = reference.GetAnalyzers(LanguageNames.CSharp);
        if (analyzers.IsEmpty)
        {
            throw new OptionsException($"error: {path} holds no C# analyzers");
        }

        return analyzers;
    }

    /// <summary>Loads the measured analyzer assembly into this process; one analyzer build per run.</summary>
    private sealed class LoadFromLoader : IAnalyzerAssemblyLoader
    {
        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
