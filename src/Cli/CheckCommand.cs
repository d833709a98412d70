using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;
using System.CommandLine;
using System.Text.Json;
using OpenModel.Core.Release;
using OpenModel.Core.Release.Attestations;
using OpenModel.Core.Release.Compliance;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel check --profile cisa-2026|g7-ai &lt;bom&gt; [--format text|json|sarif] [--attestation FILE]</c>: exit 0 when
/// every minimum element is present or explicitly unknown/withheld, 1 when one is missing, 2 when the BOM cannot be read.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var bomArgument = new Argument<FileInfo>("bom") { Description = "The AI-BOM to check." };
        var profileOption = new Option<string[]>("--profile") { Description = "cisa-2026 and/or g7-ai (repeatable).", Required = true };
        profileOption.AcceptOnlyFromAmong([.. ComplianceProfiles.All.Select(p => p.Name)]);
        var formatOption = new Option<string>("--format") { Description = "text, json or sarif", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json", "sarif");
        var attestationOption = new Option<FileInfo>("--attestation") { Description = "The BOM's signed attestation (default: <bom>.intoto.json or <bom>.sigstore.json beside it)." };
        var command = new Command("check", "Check an AI-BOM against minimum-elements profiles (CISA 2025/2026 SBOM, G7 SBOM for AI).") { bomArgument, profileOption, formatOption, attestationOption };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(bomArgument)!;
            List<ComplianceReport> reports;
            try
            {
                var bom = RegularFile.ReadAllBytes(file.FullName);
                var attestationPath = parse.GetValue(attestationOption)?.FullName
                    ?? new[] { Attester.DefaultOutput(file.FullName), file.FullName + Attester.BundleSuffix }.FirstOrDefault(File.Exists);
                var attestation = attestationPath is null ? null : RegularFile.ReadAllBytes(attestationPath);
                reports = parse.GetValue(profileOption)!.Distinct().Select(name => ComplianceChecker.Check(ComplianceProfiles.Find(name)!, file.FullName, bom, attestation)).ToList();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, $"the AI-BOM cannot be read: {e.Message}", file.FullName).ToString());
                return 2;
            }

            switch (parse.GetValue(formatOption))
            {
                case "json":
                    output.WriteLine(JsonSerializer.Serialize(reports.Select(r => new
                    {
                        profile = r.Profile.Name,
                        title = r.Profile.Title,
                        passes = r.Passes,
                        elements = r.Results.Select(e => new { id = e.Element.Id, name = e.Element.Name, status = e.Status.ToString().ToLowerInvariant(), missing = e.Missing, unknown = e.Unknown, withheld = e.Withheld }),
                    }), new JsonSerializerOptions { WriteIndented = true }));
                    break;
                case "sarif":
                    output.WriteLine(DiagnosticSarif.Write(reports.SelectMany(r => r.Diagnostics).ToList()));
                    break;
                default:
                    foreach (var report in reports)
                    {
                        output.WriteLine($"{report.Profile.Name}: {(report.Passes ? "pass" : "FAIL")} — {report.Profile.Title}");
                        foreach (var result in report.Results)
                        {
                            var detail = result.Status switch
                            {
                                ElementStatus.Missing when result.Missing.Count > 0 => $": {string.Join(", ", result.Missing)}",
                                ElementStatus.Unknown or ElementStatus.Withheld when result.Unknown.Count + result.Withheld.Count > 0 => $" ({result.Unknown.Count + result.Withheld.Count} component(s) marked)",
                                _ => string.Empty,
                            };
                            output.WriteLine($"  {result.Status.ToString().ToLowerInvariant(),-8} {result.Element.Id} {result.Element.Name}{detail}");
                        }
                    }

                    foreach (var diagnostic in reports.SelectMany(r => r.Diagnostics))
                    {
                        output.WriteLine(diagnostic.ToString());
                    }

                    break;
            }

            return reports.All(r => r.Passes) ? 0 : 1;
        });
        return command;
    }
}
