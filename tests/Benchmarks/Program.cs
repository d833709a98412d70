using OpenModel.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- analyzer-overhead [--files 2000] [--runs 1] [--keep]
//   | razor-overhead [--components 48] [--runs 5] [--keep] | hashing | aibom-build | inspection
//   | pickle [--megabytes 200] [--runs 5] | merge
var command = args.FirstOrDefault() ?? "analyzer-overhead";
var keep = args.Contains("--keep");
int Option(string name, int fallback) => args.SkipWhile(a => a != name).Skip(1).Select(int.Parse).FirstOrDefault(fallback);

switch (command)
{
    case "analyzer-overhead":
        return await AnalyzerOverheadBenchmark.RunAsync(Option("--files", 2000), keep, Option("--runs", 1));
    case "razor-overhead":
        return await AnalyzerOverheadBenchmark.RunRazorAsync(Option("--components", 48), keep, Option("--runs", 5));
    case "hashing":
        return await HashingBenchmark.RunAsync();
    case "aibom-build":
        return await AIBomBuildBenchmark.RunAsync();
    case "inspection":
        return await InspectionBenchmark.RunAsync();
    case "pickle":
        return await InspectionBenchmark.RunPickleAsync(Option("--megabytes", 200), Option("--runs", 5));
    case "merge":
        return await MergeBenchmark.RunAsync();
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}'; known: analyzer-overhead, razor-overhead, hashing, aibom-build, inspection, pickle, merge");
        return 2;
}
