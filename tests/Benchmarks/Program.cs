using OpenModel.Benchmarks;

// dotnet run -c Release --project tests/Benchmarks -- analyzer-overhead [--files 2000] [--keep]
var command = args.FirstOrDefault() ?? "analyzer-overhead";
var files = args.SkipWhile(a => a != "--files").Skip(1).Select(int.Parse).FirstOrDefault(2000);
var keep = args.Contains("--keep");

switch (command)
{
    case "analyzer-overhead":
        return await AnalyzerOverheadBenchmark.RunAsync(files, keep);
    default:
        Console.Error.WriteLine($"unknown benchmark '{command}'; known: analyzer-overhead");
        return 2;
}
