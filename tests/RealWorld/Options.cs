namespace OpenModel.RealWorld;

internal sealed class OptionsException(string message) : Exception(message);

internal sealed class Options
{
    public required string Root { get; init; }
    public required string Corpus { get; init; }
    public required string Labels { get; init; }
    public required string Analyzers { get; init; }
    public required string Mirrors { get; init; }
    public required string Work { get; init; }
    public required string Out { get; init; }
    public required bool Restore { get; init; }
    public required int SampleSize { get; init; }
    public required int Seed { get; init; }
    /// <summary>How many times each project's analyzer pass runs; the median time is reported (the findings are the first run's).</summary>
    public required int Runs { get; init; }
    public required HashSet<string> Repos { get; init; }

    public static Options Parse(string[] args)
    {
        var root = FindRoot();
        string? analyzers = null, mirrors = null, work = null, output = null;
        var restore = true;
        int sample = 50, seed = 10, runs = 1;
        var repos = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new OptionsException($"error: {args[i]} needs a value");
            int Number()
            {
                var name = args[i];
                return int.TryParse(Value(), out var n) && n >= 0 ? n : throw new OptionsException($"error: {name} needs a non-negative number");
            }

            switch (args[i])
            {
                case "--analyzers": analyzers = Value(); break;
                case "--repo": repos.Add(Value()); break;
                case "--mirrors": mirrors = Value(); break;
                case "--work": work = Value(); break;
                case "--out": output = Value(); break;
                case "--no-restore": restore = false; break;
                case "--sample": sample = Number(); break;
                case "--seed": seed = Number(); break;
                case "--runs": runs = Math.Max(1, Number()); break;
                default: throw new OptionsException($"error: unknown option {args[i]}");
            }
        }

        analyzers ??= Path.GetFullPath(Path.Combine(root, "../../src/Analyzers/bin/Release/netstandard2.0/OpenModel.Analyzers.dll"));
        var tag = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Path.GetFullPath(analyzers))))[..8].ToLowerInvariant();
        return new Options
        {
            Root = root,
            Corpus = Path.Combine(root, "corpus.tsv"),
            Labels = Path.Combine(root, "labels.tsv"),
            Analyzers = analyzers,
            Mirrors = mirrors ?? "/work/.mirror",
            Work = work ?? Path.Combine(Path.GetTempPath(), "openmodel-realworld"),
            Out = output ?? Path.Combine(root, "results", $"results-{tag}.json"),
            Restore = restore,
            SampleSize = sample,
            Seed = seed,
            Runs = runs,
            Repos = repos,
        };
    }

    /// <summary>The folder holding corpus.tsv and labels.tsv: this project's source folder, found from the binary upwards.</summary>
    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenModel.RealWorld.csproj")) && File.Exists(Path.Combine(dir.FullName, "corpus.tsv")))
            {
                return dir.FullName;
            }
        }

        throw new OptionsException("error: cannot find tests/RealWorld (corpus.tsv) above " + AppContext.BaseDirectory);
    }
}
