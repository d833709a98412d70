using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace OpenModel.RealWorld;

/// <summary>An OpenModel diagnostic (or an OM2000 evidence location), mapped to a repository-relative path and 1-based line.</summary>
/// <remarks><see cref="CrossProject"/>: the diagnostic sits on a call or creation whose target is declared in the source of
/// another project (a project reference seen as a compilation reference): a finding made across a project boundary (issue 13).</remarks>
internal sealed record Finding(string Repo, string Path, int Line, string Id, string Message, string Project, bool CrossProject = false);

internal sealed record AnalyzerCrash(string Repo, string Project, string Analyzer, string Exception, string Message);

internal sealed record ProjectResult(
    string Repo, string Project, int Documents, int CompileErrors, double CompileSeconds, double AnalyzerSeconds, double AnalysisWallSeconds,
    IReadOnlyList<string> Stubs, IReadOnlyList<string> FirstErrors, IReadOnlyDictionary<string, double> AnalyzerSecondsByType);

internal sealed class RepoResult(string repo)
{
    public string Repo { get; } = repo;
    public List<string> Log { get; } = [];
    public List<ProjectResult> Projects { get; } = [];
    public List<Finding> Findings { get; } = [];
    public List<AnalyzerCrash> Crashes { get; } = [];
    /// <summary>Repository-relative files that belong to an analysed compilation, with their compile error count.</summary>
    public Dictionary<string, int> CompiledFiles { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// Restores a repository's entry projects or solutions with the .NET SDK, loads them through MSBuildWorkspace (package
/// references, SDK implicit usings, linked Compile items, source generators and project references exactly as the
/// project's own design-time build resolves them; referenced projects become compilation references, as in an IDE),
/// then runs the given analyzers over every C# project with CompilationWithAnalyzers.
/// </summary>
internal sealed class RepoAnalysis(ImmutableArray<DiagnosticAnalyzer> analyzers, Stubs stubs, bool restore, int runs)
{
    private static readonly Regex WindowsTargetFramework = new(@"net\d+(\.\d+)?-windows", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private bool windowsTargeting;

    public async Task<RepoResult> RunAsync(CorpusRepo repo, string tree)
    {
        var result = new RepoResult(repo.Name);
        DisableGlobalJson(tree, result.Log);
        // Windows-targeting projects (WinUI, WPF) restore and load on Linux only with EnableWindowsTargeting; their XAML
        // code-behind then lacks the XAML compiler's generated half, which shows as compile errors in those files. The
        // property is set only for such repositories: elsewhere it makes restore ask for Windows targeting packs of older
        // frameworks that this machine's NuGet mirror does not serve. Only a target framework (net8.0-windows) counts: a
        // package name such as TorchSharp-cuda-windows is no Windows target (dotnet/ai-samples' LLaMA sample).
        windowsTargeting = Directory.EnumerateFiles(tree, "*.*proj", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(tree, "Directory.Build.props", SearchOption.AllDirectories))
            .Any(f => WindowsTargetFramework.IsMatch(File.ReadAllText(f)));
        var entries = repo.Entries.Select(e => Path.Combine(tree, e)).ToList();
        foreach (var missing in entries.Where(e => !File.Exists(e)))
        {
            result.Log.Add($"entry {Path.GetRelativePath(tree, missing)} is not in the snapshot");
        }

        entries = entries.Where(File.Exists).ToList();
        if (restore)
        {
            DropUnreachableFeeds(tree, result.Log);
            foreach (var entry in entries)
            {
                var failed = Restore(tree, entry, result.Log);
                // One project that cannot restore (a missing workload, say) makes a solution's restore stop for all of
                // them; restore the solution's projects one by one so the others still get their packages.
                if (failed && IsSolution(entry))
                {
                    var (_, listing, _) = Snapshot.Run("dotnet", $"sln \"{entry}\" list", tree, TimeSpan.FromMinutes(2));
                    foreach (var project in listing.Split('\n').Select(l => l.Trim()).Where(l => l.EndsWith("proj", StringComparison.OrdinalIgnoreCase)))
                    {
                        var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(entry)!, project.Replace('\\', '/')));
                        if (File.Exists(path))
                        {
                            Restore(tree, path, result.Log);
                        }
                    }
                }
            }
        }

        // One workspace per entry: a workspace holds one solution. A project that an earlier entry already analysed
        // (a library shared by several solutions) is not analysed again.
        var analysed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            using var workspace = MSBuildWorkspace.Create(BuildProperties());
            var workspaceProblems = new ConcurrentBag<string>();
            workspace.RegisterWorkspaceFailedHandler(e => workspaceProblems.Add($"{e.Diagnostic.Kind}: {e.Diagnostic.Message}"));
            // A design-time build that never answers (seen with a WinUI project) must not stall the whole run.
            using var loadTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
            try
            {
                var load = IsSolution(entry)
                    ? workspace.OpenSolutionAsync(entry, cancellationToken: loadTimeout.Token)
                    : (Task)workspace.OpenProjectAsync(entry, cancellationToken: loadTimeout.Token);
                await load.WaitAsync(TimeSpan.FromMinutes(11));
            }
            catch (Exception e)
            {
                result.Log.Add($"load {Path.GetRelativePath(tree, entry)} failed: {e.GetType().Name}: {Shorten(e.Message, 300)}");
                if (e is TimeoutException or OperationCanceledException)
                {
                    continue;
                }
            }

            foreach (var problem in workspaceProblems.Where(p => p.StartsWith("Failure", StringComparison.Ordinal)).Distinct().Take(10))
            {
                result.Log.Add("workspace " + Shorten(problem.Replace(tree, "."), 300));
            }

            var solution = workspace.CurrentSolution;
            var chosen = ChooseOneTargetFramework(solution.Projects.Where(p => p.Language == LanguageNames.CSharp && !analysed.Contains(p.FilePath ?? p.Name)));
            foreach (var id in chosen)
            {
                var stubLog = new List<string>();
                solution = stubs.AddTo(solution, id, stubLog);
                result.Log.AddRange(stubLog);
                solution = EnableOpenModelRules(solution, id, tree);
            }

            var order = solution.GetProjectDependencyGraph().GetTopologicallySortedProjects().Where(chosen.Contains).ToList();
            foreach (var id in order)
            {
                var project = solution.GetProject(id)!;
                analysed.Add(project.FilePath ?? project.Name);
                await AnalyzeProjectAsync(project, tree, result);
            }
        }

        return result;
    }

    private async Task AnalyzeProjectAsync(Project project, string tree, RepoResult result)
    {
        var clock = Stopwatch.StartNew();
        var compilation = await project.GetCompilationAsync();
        if (compilation is null)
        {
            result.Log.Add($"{project.Name}: no compilation");
            return;
        }

        // The time is what the Csc task spends on the project: bind every body and write the assembly. A build's
        // ReportAnalyzer share divides by that (emit included); GetDiagnostics alone would overstate the analyzers' share.
        // The errors counted are still GetDiagnostics' (Emit adds its own, e.g. for unresolved references), untimed:
        // binding is not cached between the two, so timing both would count it twice.
        using (var assembly = new MemoryStream())
        {
            compilation.Emit(assembly);
        }

        var compileSeconds = clock.Elapsed.TotalSeconds;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();

        foreach (var tree_ in compilation.SyntaxTrees)
        {
            var relative = Relative(tree, tree_.FilePath);
            if (relative is not null)
            {
                result.CompiledFiles.TryAdd(relative, 0);
            }
        }

        foreach (var document in project.AdditionalDocuments.Where(d => d.FilePath?.EndsWith(".razor", StringComparison.OrdinalIgnoreCase) == true))
        {
            var relative = Relative(tree, document.FilePath);
            if (relative is not null)
            {
                result.CompiledFiles.TryAdd(relative, 0);
            }
        }

        foreach (var error in errors)
        {
            var relative = error.Location.IsInSource ? Relative(tree, error.Location.GetMappedLineSpan().Path) : null;
            if (relative is not null && result.CompiledFiles.ContainsKey(relative))
            {
                result.CompiledFiles[relative]++;
            }
        }

        // Each run is a fresh CompilationWithAnalyzers (nothing cached from the last); the median run's times are reported,
        // the first run's findings and analyzer exceptions.
        var crashes = new ConcurrentBag<AnalyzerCrash>();
        var diagnostics = ImmutableArray<Diagnostic>.Empty;
        var timedRuns = new List<(double Wall, double Total, Dictionary<string, double> ByType)>();
        for (var run = 0; run < runs; run++)
        {
            var runCrashes = run == 0 ? crashes : new ConcurrentBag<AnalyzerCrash>();
            var options = new CompilationWithAnalyzersOptions(
                project.AnalyzerOptions,
                onAnalyzerException: (e, analyzer, _) => runCrashes.Add(new AnalyzerCrash(result.Repo, project.Name, analyzer.GetType().Name, e.GetType().Name, Shorten(e.Message, 200))),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
            clock.Restart();
            var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
            var runWall = clock.Elapsed.TotalSeconds;
            var total = 0.0;
            var byType = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var analyzer in analyzers)
            {
                var seconds = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime.TotalSeconds;
                total += seconds;
                byType[analyzer.GetType().Name] = seconds;
            }

            if (run == 0)
            {
                diagnostics = found;
            }
            else if (found.Length != diagnostics.Length)
            {
                result.Log.Add($"{project.Name}: run {run + 1} raised {found.Length} diagnostics, run 1 {diagnostics.Length} (the analyzers are not deterministic here)");
            }

            timedRuns.Add((runWall, total, byType));
        }

        var median = timedRuns.OrderBy(r => r.Total).ElementAt(timedRuns.Count / 2);
        var (wall, analyzerSeconds, secondsByType) = (median.Wall, median.Total, median.ByType);

        result.Crashes.AddRange(crashes);
        var ownTrees = compilation.SyntaxTrees.ToHashSet();
        foreach (var diagnostic in diagnostics)
        {
            var crossProject = diagnostic.Id != "OM2000" && TargetsAnotherProject(compilation, ownTrees, diagnostic.Location);
            if (diagnostic.Id == "AD0001" && crashes.IsEmpty)
            {
                result.Crashes.Add(new AnalyzerCrash(result.Repo, project.Name, "?", "AD0001", Shorten(diagnostic.GetMessage(), 200)));
            }

            var locations = diagnostic.Id == "OM2000" ? diagnostic.AdditionalLocations : [diagnostic.Location];
            foreach (var location in locations.Where(l => l.IsInSource && !Stubs.IsStub(l.SourceTree?.FilePath)))
            {
                var span = location.GetMappedLineSpan();
                var relative = Relative(tree, span.Path) ?? span.Path;
                result.Findings.Add(new Finding(result.Repo, relative, span.StartLinePosition.Line + 1, diagnostic.Id, diagnostic.GetMessage(), project.Name, crossProject));
            }
        }

        var stubsUsed = compilation.SyntaxTrees.Where(t => Stubs.IsStub(t.FilePath)).Select(t => Path.GetFileNameWithoutExtension(t.FilePath)["OpenModelRealWorldStub.".Length..]).ToList();
        result.Projects.Add(new ProjectResult(
            result.Repo, project.Name, project.DocumentIds.Count, errors.Count, compileSeconds, analyzerSeconds, wall, stubsUsed,
            errors.GroupBy(e => e.Id).OrderByDescending(g => g.Count()).Take(3).Select(g => $"{g.Key} x{g.Count()}: {Shorten(g.First().GetMessage(), 120)}").ToList(),
            secondsByType));
    }

    private Dictionary<string, string> BuildProperties()
    {
        var properties = new Dictionary<string, string> { ["RunAnalyzers"] = "false", ["TreatWarningsAsErrors"] = "false" };
        if (windowsTargeting)
        {
            properties["EnableWindowsTargeting"] = "true";
        }

        return properties;
    }

    /// <summary>
    /// A reviewer adopting the analyzers turns their rules on: a repository's bulk setting that silences every analyzer
    /// (kernel-memory's KM v1 has <c>dotnet_analyzer_diagnostic.severity = none</c>) must not hide them. A global config
    /// names each rule at its default severity; a rule the repository names itself keeps the repository's setting.
    /// </summary>
    private Solution EnableOpenModelRules(Solution solution, ProjectId id, string tree)
    {
        var lines = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().Order()
            .Select(rule => $"dotnet_diagnostic.{rule}.severity = {Severity(analyzers.SelectMany(a => a.SupportedDiagnostics).First(d => d.Id == rule).DefaultSeverity)}");
        var text = "is_global = true\n" + string.Join("\n", lines) + "\n";
        return solution.AddAnalyzerConfigDocument(
            DocumentId.CreateNewId(id), "openmodel-realworld.globalconfig", Microsoft.CodeAnalysis.Text.SourceText.From(text),
            filePath: Path.Combine(tree, ".openmodel-realworld", id.Id.ToString("N"), "openmodel-realworld.globalconfig"));

        static string Severity(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "suggestion",
            _ => "silent",
        };
    }

    private static bool IsSolution(string path) =>
        path.EndsWith(".sln", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".slnx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Runs <c>dotnet restore</c>; returns whether it failed. Errors are logged (missing packages are expected here).</summary>
    private bool Restore(string tree, string entry, List<string> log)
    {
        var windows = windowsTargeting ? " -p:EnableWindowsTargeting=true" : string.Empty;
        // As in the workspace (BuildProperties): a repository that treats warnings as errors (dotnet/ai-samples) would
        // otherwise fail restore on NU1603 whenever this machine's mirror serves a newer version than the one pinned.
        // A private feed this machine cannot reach (ai-dev-gallery's ORT feed) must not fail the whole restore: the
        // packages nuget.org serves are still restored, and those only the feed has are reported missing (NU1101).
        var (code, output, error) = Snapshot.Run("dotnet", $"restore \"{entry}\"{windows} -p:TreatWarningsAsErrors=false --ignore-failed-sources -nologo -v:q", tree, TimeSpan.FromMinutes(20));
        var problems = (output + error).Split('\n').Where(l => l.Contains(": error ", StringComparison.Ordinal)).Select(l => l.Trim()).Distinct().ToList();
        log.Add($"restore {Path.GetRelativePath(tree, entry)}: exit {code}, {problems.Count} error line(s)" +
                string.Concat(problems.Take(5).Select(p => "\n    " + Shorten(p.Replace(tree, "."), 240))));
        return code != 0;
    }

    private static bool TargetsAnotherProject(Compilation compilation, HashSet<SyntaxTree> ownTrees, Location location)
    {
        if (!location.IsInSource || location.SourceTree is not { } tree || !ownTrees.Contains(tree))
        {
            return false;
        }

        var node = tree.GetRoot().FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        var call = node.AncestorsAndSelf().FirstOrDefault(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
            or Microsoft.CodeAnalysis.CSharp.Syntax.BaseObjectCreationExpressionSyntax);
        if (call is null)
        {
            return false;
        }

        var symbol = compilation.GetSemanticModel(tree).GetSymbolInfo(call).Symbol;
        return symbol is not null && symbol.Locations.Any(l => l.IsInSource && l.SourceTree is not null && !ownTrees.Contains(l.SourceTree));
    }

    /// <summary>A multi-targeted project loads once per target framework; analyse one (the newest .NET one).</summary>
    private static HashSet<ProjectId> ChooseOneTargetFramework(IEnumerable<Project> projects) =>
        projects.GroupBy(p => p.FilePath ?? p.Name)
            .Select(g => g.OrderByDescending(p => Rank(p.Name)).First().Id)
            .ToHashSet();

    private static (int, string) Rank(string name)
    {
        var open = name.LastIndexOf('(');
        var tfm = open >= 0 && name.EndsWith(')') ? name[(open + 1)..^1] : string.Empty;
        var modern = tfm.StartsWith("net", StringComparison.Ordinal) && tfm.Length > 3 && char.IsDigit(tfm[3]) && tfm.Contains('.');
        return (modern ? 2 : tfm.Length == 0 ? 1 : 0, tfm);
    }

    /// <summary>The package feed this machine's NuGet serves; every other remote feed is unreachable here.</summary>
    private const string ReachableFeedHost = "api.nuget.org";

    /// <summary>
    /// A nuget.config that lists feeds this machine cannot reach (LlmTornado's dnceng feeds) makes restore spend minutes
    /// on retries and leave packages unresolved even with --ignore-failed-sources, and the project then compiles with
    /// thousands of errors. In the snapshot copy, those sources (and their package source mappings) are removed; local
    /// folders and nuget.org stay. Packages only those feeds have are then reported missing (NU1101), as for any feed.
    /// </summary>
    private static void DropUnreachableFeeds(string tree, List<string> log)
    {
        foreach (var file in Directory.EnumerateFiles(tree, "*.config", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f).Equals("nuget.config", StringComparison.OrdinalIgnoreCase)))
        {
            System.Xml.Linq.XDocument document;
            try
            {
                document = System.Xml.Linq.XDocument.Load(file, System.Xml.Linq.LoadOptions.PreserveWhitespace);
            }
            catch (System.Xml.XmlException e)
            {
                log.Add($"{Path.GetRelativePath(tree, file)}: not read ({e.Message}); restore uses it as it is");
                continue;
            }

            var unreachable = document.Root?.Element("packageSources")?.Elements("add")
                .Where(a => Uri.TryCreate((string?)a.Attribute("value"), UriKind.Absolute, out var url)
                    && url.Scheme is "http" or "https" && !url.Host.Equals(ReachableFeedHost, StringComparison.OrdinalIgnoreCase))
                .ToList() ?? [];
            if (unreachable.Count == 0)
            {
                continue;
            }

            var keys = unreachable.Select(a => (string?)a.Attribute("key")).Where(k => k is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
            unreachable.ForEach(a => a.Remove());
            document.Root!.Element("packageSourceMapping")?.Elements("packageSource")
                .Where(m => keys.Contains((string?)m.Attribute("key") ?? string.Empty)).ToList().ForEach(m => m.Remove());
            document.Save(file);
            log.Add($"{Path.GetRelativePath(tree, file)}: feeds unreachable here removed for restore: {string.Join(", ", keys.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>A global.json pinning an SDK this machine lacks stops every build; the snapshot copy is ours to adjust.</summary>
    private static void DisableGlobalJson(string tree, List<string> log)
    {
        foreach (var file in Directory.EnumerateFiles(tree, "global.json", SearchOption.AllDirectories))
        {
            File.Move(file, file + ".disabled-by-realworld", overwrite: true);
            log.Add($"{Path.GetRelativePath(tree, file)} renamed so the installed SDK is used");
        }
    }

    private static string? Relative(string tree, string? path)
    {
        if (string.IsNullOrEmpty(path) || !Path.IsPathRooted(path))
        {
            return null;
        }

        var relative = Path.GetRelativePath(tree, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? null : relative.Replace('\\', '/');
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";
}
