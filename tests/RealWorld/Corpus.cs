namespace OpenModel.RealWorld;

/// <summary>One pinned repository of the corpus (a row of corpus.tsv).</summary>
internal sealed record CorpusRepo(string Name, string Repository, string Commit, string Mirror, IReadOnlyList<string> Entries, string Note);

/// <summary>One labelled site (a row of labels.tsv). Lines are 1-based; <see cref="LastLine"/> covers a call written over several lines.</summary>
internal sealed record Label(
    string Repo, string Commit, string Path, int Line, int LastLine, string Kind, string Api, bool Flag, string Source, string When, string Note)
{
    public string Key => $"{Repo}|{Path}|{Line}";
}

internal static class Tsv
{
    /// <summary>Rows of a tab-separated file with a header row; '#' lines and blank lines are comments.</summary>
    public static IEnumerable<(int LineNumber, Dictionary<string, string> Cells)> Read(string file)
    {
        string[]? header = null;
        var lineNumber = 0;
        foreach (var raw in File.ReadLines(file))
        {
            lineNumber++;
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var cells = raw.Split('\t');
            if (header is null)
            {
                header = cells;
                continue;
            }

            if (cells.Length != header.Length)
            {
                throw new FormatException($"{file}({lineNumber}): {cells.Length} cells, the header has {header.Length}");
            }

            yield return (lineNumber, header.Zip(cells).ToDictionary(p => p.First, p => p.Second.Trim(), StringComparer.Ordinal));
        }
    }

    public static List<CorpusRepo> ReadCorpus(string file) =>
        Read(file).Select(r => new CorpusRepo(
            r.Cells["name"], r.Cells["repository"], r.Cells["commit"], r.Cells["mirror"],
            r.Cells["entries"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            r.Cells["note"])).ToList();

    public static List<Label> ReadLabels(string file, IReadOnlyDictionary<string, CorpusRepo> corpus)
    {
        var labels = new List<Label>();
        foreach (var (n, c) in Read(file))
        {
            string Where() => $"{file}({n})";
            if (!corpus.TryGetValue(c["repo"], out var repo))
            {
                throw new FormatException($"{Where()}: repo '{c["repo"]}' is not in the corpus");
            }

            if (!string.Equals(repo.Commit, c["commit"], StringComparison.OrdinalIgnoreCase))
            {
                throw new FormatException($"{Where()}: commit {c["commit"]} is not the corpus commit {repo.Commit} of {repo.Name}");
            }

            var lines = c["line"].Split('-');
            if (!int.TryParse(lines[0], out var first) || first < 1 || (lines.Length == 2 && !int.TryParse(lines[1], out _)) || lines.Length > 2)
            {
                throw new FormatException($"{Where()}: line '{c["line"]}' is not N or N-M");
            }

            var last = lines.Length == 2 ? int.Parse(lines[1]) : first;
            if (!Kinds.All.Contains(c["kind"]))
            {
                throw new FormatException($"{Where()}: kind '{c["kind"]}' is not one of {string.Join(", ", Kinds.All)}");
            }

            var expected = c["expected"] switch
            {
                "flag" => true,
                "no-flag" => false,
                var other => throw new FormatException($"{Where()}: expected '{other}' is not flag or no-flag"),
            };
            if (c["when"] is not ("pre" or "post"))
            {
                throw new FormatException($"{Where()}: when '{c["when"]}' is not pre or post");
            }

            labels.Add(new Label(repo.Name, repo.Commit, c["path"], first, last, c["kind"], c["api"], expected, c["source"], c["when"], c["note"]));
        }

        var duplicate = labels.GroupBy(l => (l.Key, l.Kind)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new FormatException($"{file}: {duplicate.Key.Key} is labelled twice as {duplicate.Key.Kind}");
        }

        return labels;
    }
}
