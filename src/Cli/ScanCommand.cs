using System.CommandLine;
using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection;
using OpenModel.Core.IO;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel scan PATH… [--format text|json|sarif] [--all-files]</c>: a verdict per file; exit 0 when all are safe,
/// 1 when the worst is suspicious, 2 when the worst is dangerous or could not be scanned. In folders only model and
/// data files (and configs that run code) are judged unless <c>--all-files</c>; every file gets its own verdict, and a
/// file that cannot be read is an error for that file alone.
/// </summary>
internal static class ScanCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("path") { Description = "Files or folders (searched recursively) to inspect.", Arity = ArgumentArity.OneOrMore };
        var formatOption = new Option<string>("--format") { Description = "text, json or sarif", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json", "sarif");
        var allFiles = new Option<bool>("--all-files") { Description = "In folders, also judge files that are not model or data files (README, licence, config)." };
        var command = new Command("scan", "Inspect model files for executable content (pickle) and malformed headers.") { paths, formatOption, allFiles };
        command.SetAction(parse =>
        {
            try
            {
                return Run(parse.GetValue(paths)!, parse.GetValue(formatOption)!, parse.GetValue(allFiles), output, error);
            }
#pragma warning disable CA1031 // No stack trace ever reaches the user: the failure is reported as one line and exit 2.
            catch (Exception e)
#pragma warning restore CA1031
            {
                error.WriteLine($"error: openmodel scan failed: {e.GetType().Name}: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static int Run(string[] paths, string format, bool allFiles, TextWriter output, TextWriter error)
    {
        var files = new List<string>();
        var skipped = 0;
        var unlisted = 0;
        foreach (var path in paths)
        {
            var kind = RegularFile.Probe(path).Kind;
            if (kind == FileKind.Directory)
            {
                foreach (var file in Enumerate(path, error, ref unlisted))
                {
                    if (allFiles || ModelFileSelection.IsModelFile(file))
                    {
                        files.Add(file);
                    }
                    else
                    {
                        skipped++;
                    }
                }
            }
            else if (kind is FileKind.Missing or FileKind.InvalidPath)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.ArtifactNotFound, "not found", RegularFile.Printable(path)).ToString());
                return 2;
            }
            else
            {
                // Named explicitly: always judged, and a FIFO or device is reported as not read by the inspector.
                files.Add(path);
            }
        }

        var results = files.AsParallel().AsOrdered().Select(ArtifactInspector.Inspect).ToList();
        switch (format)
        {
            case "json":
                output.WriteLine(JsonSerializer.Serialize(results.Select(r => new
                {
                    path = r.Path,
                    format = r.Format.ToString().ToLowerInvariant(),
                    verdict = r.Verdict.ToString().ToLowerInvariant(),
                    ruleSet = r.RuleSetVersion,
                    findings = r.Findings.Select(f => new { id = f.Id, level = f.Level.ToString().ToLowerInvariant(), message = f.Message, member = f.Member, offset = f.Offset }),
                    metadata = r.Metadata,
                    parts = r.Parts?.Select(p => new { kind = p.Kind, name = p.Name, sha256 = p.Sha256, length = p.Length }),
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

                var summary = string.Join(", ", Enum.GetValues<Verdict>().Select(v => $"{results.Count(r => r.Verdict == v)} {v.ToString().ToLowerInvariant()}"));
                output.WriteLine(skipped == 0 ? summary : $"{summary}; {skipped} {(skipped == 1 ? "file" : "files")} skipped (not model or data files; --all-files judges them)");
                break;
        }

        // A folder that could not be listed hides files nobody judged: never an all-clear.
        var worst = unlisted > 0 ? Verdict.Error : results.Count == 0 ? Verdict.Safe : results.Max(r => r.Verdict);
        return worst switch
        {
            Verdict.Safe => 0,
            Verdict.Suspicious => 1,
            _ => 2,
        };
    }

    /// <summary>Every entry below a folder, in ordinal order; a subfolder that cannot be listed is reported, not fatal.</summary>
    private static List<string> Enumerate(string folder, TextWriter error, ref int unlisted)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = false, AttributesToSkip = 0, ReturnSpecialDirectories = false };
        var pending = new Stack<string>([folder]);
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            try
            {
                found.AddRange(Directory.EnumerateFiles(current, "*", options));
                foreach (var sub in Directory.EnumerateDirectories(current, "*", options))
                {
                    // A symlinked folder is not followed: it can loop, or lead outside what was asked for.
                    if (new DirectoryInfo(sub).LinkTarget is null)
                    {
                        pending.Push(sub);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.UnscannableContainer, $"the folder cannot be listed ({e.Message}); its files are not scanned", current, level: DiagnosticLevel.Error).ToString());
                unlisted++;
            }
        }

        return [.. found.Order(StringComparer.Ordinal)];
    }
}
