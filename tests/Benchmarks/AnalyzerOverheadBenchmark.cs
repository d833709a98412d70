using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenModel.Benchmarks;

/// <summary>
/// Builds the generated project with -p:ReportAnalyzer=true and reports OpenModel's analyzer time as a share of
/// the compiler's (Csc task) time, with Microsoft.CodeAnalysis.NetAnalyzers in the same run for comparison.
/// </summary>
public static partial class AnalyzerOverheadBenchmark
{
    public static Task<int> RunAsync(int fileCount, bool keep, int runs = 1) => RunAsync(
        (directory, analyzer, sdk) =>
        {
            LargeProjectGenerator.Write(directory, fileCount, analyzer, sdk);
            var lines = Directory.GetFiles(Path.Combine(directory, "Generated")).Sum(f => File.ReadLines(f).Count());
            return $"Generated {fileCount} files, {lines:N0} lines, {fileCount / 20} model loads, {fileCount / 20} taint sources";
        },
        keep,
        runs);

    /// <summary>The same measurement on a Blazor Web App of <paramref name="components"/> components (Razor output analysed).</summary>
    public static Task<int> RunRazorAsync(int components, bool keep, int runs) => RunAsync(
        (directory, analyzer, sdk) =>
        {
            BlazorProjectGenerator.Write(directory, components, analyzer, sdk);
            var lines = Directory.GetFiles(directory, "*.razor", SearchOption.AllDirectories).Sum(f => File.ReadLines(f).Count());
            return $"Generated {components} components, {lines:N0} .razor lines";
        },
        keep,
        runs);

    private static async Task<int> RunAsync(Func<string, string, string, string> write, bool keep, int runs)
    {
        var repoRoot = BenchmarkProcess.RepoRoot();
        var build = await BenchmarkProcess.RunAsync("dotnet", repoRoot, "build", "src/Analyzers/OpenModel.Analyzers.csproj", "-c", "Release", "-nologo", "-v:q");
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine(build.Output);
            return 1;
        }

        var directory = Directory.CreateTempSubdirectory("openmodel-large-").FullName;
        var description = write(
            directory,
            Path.Combine(repoRoot, "src", "Analyzers", "bin", "Release", "netstandard2.0", "OpenModel.Analyzers.dll"),
            Path.Combine(repoRoot, "src", "Sdk", "build") + Path.DirectorySeparatorChar);
        Console.WriteLine($"{description} in {directory}");

        var restore = await BenchmarkProcess.RunAsync("dotnet", directory, "restore", "-nologo", "-v:q");
        if (restore.ExitCode != 0)
        {
            Console.Error.WriteLine(restore.Output);
            return 1;
        }

        // Warm the compiler server once, then measure full recompilations; the ratio is reported per run and as the
        // median, because other work on the machine moves both numbers.
        await BenchmarkProcess.RunAsync("dotnet", directory, "build", "--no-restore", "-nologo", "-v:q");
        var ratios = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var measured = await BenchmarkProcess.RunAsync("dotnet", directory, "build", "--no-restore", "--no-incremental", "-nologo", "-v:d", "-p:ReportAnalyzer=true", "-clp:PerformanceSummary");
            if (measured.ExitCode != 0)
            {
                Console.Error.WriteLine(measured.Output);
                return 1;
            }

            var csc = TaskSeconds(measured.Output, "Csc");
            var openModel = AnalyzerSeconds(measured.Output, "OpenModel.Analyzers");
            var netAnalyzers = AnalyzerSeconds(measured.Output, "Microsoft.CodeAnalysis.NetAnalyzers") + AnalyzerSeconds(measured.Output, "Microsoft.CodeAnalysis.CSharp.NetAnalyzers");
            var total = TotalAnalyzerSeconds(measured.Output);
            var warnings = Regex.Matches(measured.Output, @"(?:warning|error) (OM\d{4})").Select(m => m.Groups[1].Value).GroupBy(id => id).Select(g => $"{g.Key}×{g.Count()}");
            ratios.Add(openModel / csc);

            Console.WriteLine($"Run {run}:");
            Console.WriteLine($"Compiler (Csc task):          {csc,8:F3} s");
            Console.WriteLine($"All analyzers (sum):          {total,8:F3} s");
            Console.WriteLine($"OpenModel.Analyzers:          {openModel,8:F3} s  = {openModel / csc:P2} of compiler time");
            Console.WriteLine($"Microsoft.CodeAnalysis.NetAnalyzers: {netAnalyzers,8:F3} s  = {netAnalyzers / csc:P2} of compiler time");
            Console.WriteLine($"OpenModel findings: {string.Join(", ", warnings)}");
            foreach (Match rule in Regex.Matches(measured.Output, @"^\s*(?<s>[\d.]+|<[\d.]+)\s+\S+\s+(?<name>OpenModel\.Analyzers\.Rules\.\S+)", RegexOptions.Multiline))
            {
                Console.WriteLine($"  {rule.Groups["s"].Value,8} s  {rule.Groups["name"].Value}");
            }
        }

        if (runs > 1)
        {
            Console.WriteLine($"OpenModel.Analyzers over {runs} runs: median {BenchmarkProcess.Median(ratios):P2} of compiler time (min {ratios.Min():P2}, max {ratios.Max():P2})");
        }

        if (!keep)
        {
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }

    private static double TaskSeconds(string output, string task)
    {
        var match = Regex.Match(output, $@"^\s*(?<ms>[\d.,]+) ms\s+{task}\s+\d+ calls", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups["ms"].Value.Replace(",", string.Empty), CultureInfo.InvariantCulture) / 1000 : double.NaN;
    }

    private static double AnalyzerSeconds(string output, string assembly)
    {
        var match = Regex.Match(output, $@"^\s*(?<s>[\d.]+|<[\d.]+)\s+(?:<?\d+)\s+{Regex.Escape(assembly)}, Version=", RegexOptions.Multiline);
        return !match.Success ? 0 : double.Parse(match.Groups["s"].Value.TrimStart('<'), CultureInfo.InvariantCulture);
    }

    private static double TotalAnalyzerSeconds(string output)
    {
        var match = Regex.Match(output, @"Total analyzer execution time: (?<s>[\d.]+) seconds");
        return match.Success ? double.Parse(match.Groups["s"].Value, CultureInfo.InvariantCulture) : double.NaN;
    }
}
