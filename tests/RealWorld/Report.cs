namespace OpenModel.RealWorld;

internal sealed record Timing(string Repo, int Projects, int Documents, int CompileErrors, double CompileSeconds, double AnalyzerSeconds, IReadOnlyDictionary<string, double> AnalyzerSecondsByType)
{
    /// <summary>
    /// The analyzers' share of the build as ReportAnalyzer shows it: against the Csc task's time, which holds the
    /// compiler's work (parse, bind, emit) and the analyzers run inside it.
    /// </summary>
    public double AnalyzerShare => CompileSeconds + AnalyzerSeconds <= 0 ? 0 : AnalyzerSeconds / (CompileSeconds + AnalyzerSeconds);
}

internal sealed record SampledFinding(string Repo, string Path, int Line, string Id, string Message, string SourceLine);

internal sealed record Om1008Summary(int Diagnostics, int TruePositives, int FalsePositives, int Unjudged)
{
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);
}

internal sealed record RunReport(
    string Analyzers,
    string When,
    IReadOnlyList<KindScore> Kinds,
    Om1008Summary Om1008,
    int AnalyzerExceptions,
    IReadOnlyList<AnalyzerCrash> Crashes,
    IReadOnlyList<Timing> Timings,
    IReadOnlyDictionary<string, int> FindingsPerId,
    int UnlabelledFindings,
    IReadOnlyList<SampledFinding> Sample,
    IReadOnlyList<LabelOutcome> Misses,
    IReadOnlyList<string> NotCompiled,
    IReadOnlyList<ProjectResult> Projects,
    IReadOnlyList<Finding> Om1008Unjudged,
    int CrossProjectFindings,
    IReadOnlyList<Finding> Findings);

internal static class Report
{
    public static RunReport Build(List<Label> labels, Dictionary<string, RepoResult> results, Options options)
    {
        var outcomes = Scoring.Outcomes(labels, results);
        var findings = results.Values.SelectMany(r => r.Findings)
            .DistinctBy(f => (f.Repo, f.Path, f.Line, f.Id, f.Message))
            .OrderBy(f => f.Repo, StringComparer.Ordinal).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).ThenBy(f => f.Id, StringComparer.Ordinal)
            .ToList();

        var credentialLabels = labels.Where(l => l.Kind == Kinds.Credential).ToList();
        var om1008 = findings.Where(f => f.Id == "OM1008").ToList();
        Label? JudgedBy(Finding f) => credentialLabels.FirstOrDefault(l => l.Repo == f.Repo && l.Path == f.Path && f.Line >= l.Line && f.Line <= l.LastLine);
        var om1008Unjudged = om1008.Where(f => JudgedBy(f) is null).ToList();

        var unlabelled = Scoring.Unlabelled(findings, labels);
        var sample = Scoring.Sample(unlabelled, options.SampleSize, options.Seed)
            .Select(f => new SampledFinding(f.Repo, f.Path, f.Line, f.Id, f.Message, SourceLine(options.Work, f)))
            .ToList();

        var timings = results.Values.Select(r => new Timing(
            r.Repo, r.Projects.Count, r.Projects.Sum(p => p.Documents), r.Projects.Sum(p => p.CompileErrors),
            r.Projects.Sum(p => p.CompileSeconds), r.Projects.Sum(p => p.AnalyzerSeconds),
            r.Projects.SelectMany(p => p.AnalyzerSecondsByType).GroupBy(a => a.Key).ToDictionary(g => g.Key, g => g.Sum(a => a.Value)))).ToList();

        return new RunReport(
            options.Analyzers,
            DateTime.UtcNow.ToString("u"),
            Scoring.PerKind(outcomes, results),
            new Om1008Summary(om1008.Count, om1008.Count(f => JudgedBy(f)!?.Flag == true), om1008.Count(f => JudgedBy(f)?.Flag == false), om1008Unjudged.Count),
            results.Values.Sum(r => r.Crashes.Count),
            results.Values.SelectMany(r => r.Crashes).ToList(),
            timings,
            findings.GroupBy(f => f.Id).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count()),
            unlabelled.Count,
            sample,
            outcomes.Where(o => o.Status is "FN" or "FP").ToList(),
            outcomes.Where(o => o.Status == "not-compiled").Select(o => $"{o.Label.Repo} {o.Label.Path}:{o.Label.Line} {o.Label.Kind}").ToList(),
            results.Values.SelectMany(r => r.Projects).ToList(),
            om1008Unjudged,
            findings.Count(f => f.CrossProject),
            findings);
    }

    public static void Print(RunReport report)
    {
        Console.WriteLine();
        Console.WriteLine($"== per kind (labels in compiled files; analyzers {report.Analyzers})");
        Console.WriteLine($"{"kind",-15} {"labels",6} {"notcomp",7} {"TP",4} {"FP",4} {"FN",4} {"TN",4} {"precision",9} {"recall",7}  in-files-with-errors(hits)");
        foreach (var k in report.Kinds)
        {
            Console.WriteLine($"{k.Kind,-15} {k.Labels,6} {k.NotCompiled,7} {k.TruePositives,4} {k.FalsePositives,4} {k.FalseNegatives,4} {k.TrueNegatives,4} {Fmt(k.Precision),9} {Fmt(k.Recall),7}  {k.InFilesWithErrors}({k.HitsInFilesWithErrors})");
        }

        var o = report.Om1008;
        Console.WriteLine($"== OM1008 over all its diagnostics: {o.Diagnostics} raised, {o.TruePositives} true, {o.FalsePositives} false, {o.Unjudged} unjudged; precision {Fmt(o.Precision)}");
        foreach (var f in report.Om1008Unjudged)
        {
            Console.WriteLine($"   unjudged OM1008 {f.Repo} {f.Path}:{f.Line} {f.Message}");
        }

        Console.WriteLine($"== analyzer exceptions (AD0001): {report.AnalyzerExceptions}");
        foreach (var g in report.Crashes.GroupBy(c => (c.Analyzer, c.Exception, c.Message)).OrderByDescending(g => g.Count()).Take(10))
        {
            Console.WriteLine($"   {g.Count(),4} x {g.Key.Analyzer}: {g.Key.Exception}: {g.Key.Message}");
        }

        Console.WriteLine("== time: OpenModel analyzers' share of compile (GetCompilation + Emit) + analyzers, as ReportAnalyzer counts the Csc task; noisy on a shared machine");
        foreach (var t in report.Timings.OrderByDescending(t => t.CompileSeconds))
        {
            Console.WriteLine($"   {t.Repo,-40} {t.Projects,3} projects {t.Documents,5} docs {t.CompileErrors,5} errors  compile {t.CompileSeconds,7:F1}s  analyzers {t.AnalyzerSeconds,6:F2}s  = {t.AnalyzerShare:P1}");
            Console.WriteLine("      " + string.Join(", ", t.AnalyzerSecondsByType.Where(a => a.Value >= 0.01).OrderByDescending(a => a.Value).Select(a => $"{a.Key} {a.Value:F2}s")));
        }

        var largest = report.Timings.OrderByDescending(t => t.Documents).FirstOrDefault();
        if (largest is not null)
        {
            Console.WriteLine($"   largest repository: {largest.Repo}, analyzers {largest.AnalyzerShare:P1} of compile + analyzers");
        }

        Console.WriteLine("== findings per ID: " + string.Join(", ", report.FindingsPerId.Select(p => $"{p.Key}={p.Value}")));
        Console.WriteLine($"== findings made across a project reference (a related location in another project): {report.CrossProjectFindings}");
        Console.WriteLine($"== misses and false positives ({report.Misses.Count})");
        foreach (var m in report.Misses)
        {
            Console.WriteLine($"   {m.Status} {m.Label.Kind,-14} {m.Label.Repo} {m.Label.Path}:{m.Label.Line} {m.Label.Api} {(m.Ids.Count > 0 ? "[" + string.Join(",", m.Ids) + "]" : string.Empty)}");
        }

        Console.WriteLine($"== not compiled: {report.NotCompiled.Count} labels");
        foreach (var n in report.NotCompiled)
        {
            Console.WriteLine("   " + n);
        }

        Console.WriteLine($"== random sample of {report.Sample.Count} of {report.UnlabelledFindings} diagnostics on unlabelled lines");
        for (var i = 0; i < report.Sample.Count; i++)
        {
            var s = report.Sample[i];
            Console.WriteLine($"   {i + 1,2}. {s.Id} {s.Repo} {s.Path}:{s.Line} {s.Message}\n         | {s.SourceLine}");
        }
    }

    private static string SourceLine(string work, Finding f)
    {
        var file = Path.Combine(work, f.Repo, f.Path);
        if (!File.Exists(file))
        {
            return string.Empty;
        }

        var line = File.ReadLines(file).Skip(f.Line - 1).FirstOrDefault() ?? string.Empty;
        line = line.Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }

    private static string Fmt(double? value) => value is null ? "-" : value.Value.ToString("0.000");
}
