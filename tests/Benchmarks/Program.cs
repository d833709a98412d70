using OpenModel.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- analyzer-overhead [--files 2000] [--keep] | hashing | aibom-build | inspection
//   | pickle [--megabytes 200] [--runs 5] | merge
var command = args.FirstOrDefault() ?? "analyzer-overhead";
var files = args.SkipWhile(a => a != "--files").Skip(1).Select(int.Parse).FirstOrDefault(2000);
var keep = args.Contains("--keep");

switch (command)
{
    case "analyzer-overhead":
        return await AnalyzerOverheadBenchmark.RunAsync(files, keep);
    case "hashing":
        return await HashingBenchmark.RunAsync();
    case "aibom-build":
        return await AIBomBuildBenchmark.RunAsync();
    case "inspection":
        return await InspectionBenchmark.RunAsync();
    case "pickle":
        return await InspectionBenchmark.RunPickleAsync(
            args.SkipWhile(a => a != "--megabytes").Skip(1).Select(int.Parse).FirstOrDefault(200),
            args.SkipWhile(a => a != "--runs").Skip(1).Select(int.Parse).DefaultIfEmpty(5).First());
    case "merge":
        return await MergeBenchmark.RunAsync();
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}'; known: analyzer-overhead, hashing, aibom-build, inspection, pickle, merge");
        return 2;
}
