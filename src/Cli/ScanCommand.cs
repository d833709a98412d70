using System.CommandLine;
using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel scan PATH… [--format text|json|sarif]</c>: a verdict per file; exit 0 when all are safe, 1 when the worst
/// is suspicious, 2 when the worst is dangerous or could not be scanned.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (searched recursively) to inspect.", Arity = ArgumentArity.OneOrMore };
        var formatOption = new Option<string>("--format") { Description = "text, json or sarif", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json", "sarif");
        var command = new Command("scan", "Inspect model files for executable content (pickle) and malformed headers.") { paths, formatOption };
        command.SetAction(parse =>
        {
            var files = new List<string>();
            foreach (var path in parse.GetValue(paths)!)
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    error.WriteLine($"{path}: error OM3001: not found");
                    return 2;
                }
            }

            var results = files.AsParallel().AsOrdered().Select(ArtifactInspector.Inspect).ToList();
            switch (parse.GetValue(formatOption))
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                    {
                        path = r.Path,
                        format = r.Format.ToString().ToLowerInvariant(),
                        verdict = r.Verdict.ToString().ToLowerInvariant(),
                        findings = r.Findings.Select(f => new { id = f.Id, level = f.Level.ToString().ToLowerInvariant(), message = f.Message, member = f.Member, offset = f.Offset }),
                        metadata = r.Metadata,
                    }), new JsonSerializerOptions { WriteIndented = true }));
                    break;
                case "sarif":
                    output.WriteLine(ScanSarif.Write(results));
                    break;
                default:
                    foreach (var result in results)
                    {
                        output.WriteLine($"{result.Verdict.ToString().ToLowerInvariant(),-10} {result.Path} ({result.Metadata.GetValueOrDefault("format") ?? result.Format.ToString().ToLowerInvariant()})");
                        foreach (var finding in result.Findings)
                        {
                            output.WriteLine($"  {finding.Id} {finding.Level.ToString().ToLowerInvariant()}: {finding.Message}{(finding.Where.Length > 0 ? $" [{finding.Where}]" : string.Empty)}");
                        }
                    }

                    output.WriteLine(string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{results.Count(r => r.Verdict == v)} {v.ToString().ToLowerInvariant()}")));
                    break;
            }

            var worst = results.Count == 0 ? Verdict.Safe : results.Max(r => r.Verdict);
            return worst switch
            {
                Verdict.Safe => 0,
                Verdict.Suspicious => 1,
                _ => 2,
            };
        });
        return command;
    }
}
