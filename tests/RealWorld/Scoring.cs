namespace OpenModel.RealWorld;

internal sealed record KindScore(string Kind, int Labels, int NotCompiled, int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives, int InFilesWithErrors, int HitsInFilesWithErrors)
{
    public double? Precision => TruePositives + FalsePositives == 0 ? null : (double)TruePositives / (TruePositives + FalsePositives);
    public double? Recall => TruePositives + FalseNegatives == 0 ? null : (double)TruePositives / (TruePositives + FalseNegatives);
}

internal sealed record LabelOutcome(Label Label, string Status, IReadOnlyList<string> Ids);

/// <summary>Scores labels against findings: a label is hit when a finding of one of its kind's IDs starts on one of its lines.</summary>
internal static class Scoring
{
    public static List<LabelOutcome> Outcomes(IEnumerable<Label> labels, IReadOnlyDictionary<string, RepoResult> results)
    {
        var outcomes = new List<LabelOutcome>();
        foreach (var label in labels)
        {
            if (!results.TryGetValue(label.Repo, out var repo) || !repo.CompiledFiles.ContainsKey(label.Path))
            {
                outcomes.Add(new LabelOutcome(label, "not-compiled", []));
                continue;
            }

            var ids = Kinds.Ids(label.Kind);
            var hits = repo.Findings
                .Where(f => f.Path == label.Path && f.Line >= label.Line && f.Line <= label.LastLine && ids.Contains(f.Id))
                .Select(f => f.Id).Distinct().ToList();
            var status = (label.Flag, hits.Count > 0) switch
            {
                (true, true) => "TP",
                (true, false) => "FN",
                (false, true) => "FP",
                (false, false) => "TN",
            };
            outcomes.Add(new LabelOutcome(label, status, hits));
        }

        return outcomes;
    }

    public static List<KindScore> PerKind(IReadOnlyList<LabelOutcome> outcomes, IReadOnlyDictionary<string, RepoResult> results) =>
        Kinds.All.Select(kind =>
        {
            var of = outcomes.Where(o => o.Label.Kind == kind).ToList();
            var withErrors = of.Where(o => o.Status != "not-compiled" && results[o.Label.Repo].CompiledFiles[o.Label.Path] > 0).ToList();
            return new KindScore(
                kind, of.Count, of.Count(o => o.Status == "not-compiled"),
                of.Count(o => o.Status == "TP"), of.Count(o => o.Status == "FP"), of.Count(o => o.Status == "FN"), of.Count(o => o.Status == "TN"),
                withErrors.Count, withErrors.Count(o => o.Status is "TP" or "FP"));
        }).ToList();

    /// <summary>Findings on lines no label covers (any kind), the population the random sample is drawn from.</summary>
    public static List<Finding> Unlabelled(IEnumerable<Finding> findings, IReadOnlyList<Label> labels)
    {
        var covered = labels.GroupBy(l => (l.Repo, l.Path)).ToDictionary(g => g.Key, g => g.ToList());
        return findings
            .Where(f => !covered.TryGetValue((f.Repo, f.Path), out var ls) || !ls.Any(l => f.Line >= l.Line && f.Line <= l.LastLine))
            .ToList();
    }

    public static List<T> Sample<T>(IReadOnlyList<T> population, int count, int seed)
    {
        var random = new Random(seed);
        return population.Select(item => (item, key: random.Next())).OrderBy(p => p.key).Take(count).Select(p => p.item).ToList();
    }
}
