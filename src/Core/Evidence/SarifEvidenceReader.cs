using System.Text.Json;
using OpenModel.Contract;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Core.Evidence;

/// <summary>Reads OpenModel's load-site evidence, unmatched loads and security findings from a SARIF 2.1 log written by the C# compiler.</summary>
public static class SarifEvidenceReader
{
    // A large solution's log is tens of MB; far beyond that it is not a compiler's log.
    private const long MaxSarifBytes = 1L << 30;

    public static CodeEvidence Read(string? sarifPath, DiagnosticBag diagnostics)
    {
        if (sarifPath is null || RegularFile.Probe(sarifPath).Kind == FileKind.Missing)
        {
            return CodeEvidence.None;
        }

        if (!RegularFile.TryReadAllBytes(sarifPath, MaxSarifBytes, out var bytes, out var problem))
        {
            diagnostics.Add(BuildRules.MalformedInput, $"the compiler's SARIF log {problem}; the AI-BOM has no code evidence", RegularFile.IsValidPath(sarifPath) ? sarifPath : null);
            return CodeEvidence.None;
        }

        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (!document.RootElement.TryGetProperty("version", out var version) || version.GetString() != "2.1.0")
            {
                diagnostics.Add(BuildRules.MalformedInput, $"'{sarifPath}' is not a SARIF 2.1.0 log; the AI-BOM has no code evidence (set ErrorLog to 'file,version=2.1')", sarifPath, level: DiagnosticLevel.Warning);
                return CodeEvidence.None;
            }

            var sites = new List<LoadSiteEvidence>();
            var unmatched = new List<UnmatchedLoad>();
            var security = new List<SecurityFinding>();
            foreach (var result in document.RootElement.GetProperty("runs").EnumerateArray().SelectMany(Results))
            {
                var ruleId = result.TryGetProperty("ruleId", out var id) ? id.GetString() : null;
                if (ruleId == OpenModel.Analyzers.RuleIdentifiers.LoadSitesRecorded)
                {
                    sites.AddRange(ReadSites(result));
                }
                else if (ruleId is not null && RuleIds.IsUnmatchedLoad(ruleId) && !IsSuppressed(result))
                {
                    var (file, line) = Location(result.TryGetProperty("locations", out var locations) ? locations.EnumerateArray().FirstOrDefault() : default);
                    var include = result.TryGetProperty("properties", out var properties) && properties.TryGetProperty("customProperties", out var custom)
                        && custom.TryGetProperty(DiagnosticProperties.Include, out var value) ? value.GetString() : null;
                    unmatched.Add(new UnmatchedLoad(ruleId, file, line, result.GetProperty("message").GetProperty("text").GetString() ?? string.Empty, include));
                }
                else if (ruleId is not null && RuleIds.IsSecurity(ruleId) && !IsSuppressed(result))
                {
                    var (file, line) = Location(result.TryGetProperty("locations", out var locations) ? locations.EnumerateArray().FirstOrDefault() : default);
                    security.Add(new SecurityFinding(ruleId, result.TryGetProperty("level", out var level) ? level.GetString() ?? "warning" : "warning", file, line));
                }
            }

            return new CodeEvidence(true, sites, unmatched, security);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException or UriFormatException)
        {
            diagnostics.Add(BuildRules.MalformedInput, $"'{sarifPath}' cannot be read as SARIF: {e.Message}", sarifPath);
            return CodeEvidence.None;
        }
    }

    private static IEnumerable<JsonElement> Results(JsonElement run) =>
        run.TryGetProperty("results", out var results) ? results.EnumerateArray() : [];

    private static bool IsSuppressed(JsonElement result) =>
        result.TryGetProperty("suppressions", out var suppressions) && suppressions.GetArrayLength() > 0;

    private static IEnumerable<LoadSiteEvidence> ReadSites(JsonElement result)
    {
        if (!result.TryGetProperty("relatedLocations", out var related)
            || !result.TryGetProperty("properties", out var properties)
            || !properties.TryGetProperty("customProperties", out var custom))
        {
            yield break;
        }

        var index = 0;
        foreach (var location in related.EnumerateArray())
        {
            if (custom.TryGetProperty(DiagnosticProperties.SitePrefix + index, out var site) && DiagnosticProperties.TryParseSite(site.GetString(), out var itemType, out var include))
            {
                var (file, line) = Location(location);
                yield return new LoadSiteEvidence(itemType, include, file, line);
            }

            index++;
        }
    }

    private static (string File, int Line) Location(JsonElement location)
    {
        if (location.ValueKind != JsonValueKind.Object || !location.TryGetProperty("physicalLocation", out var physical))
        {
            return (string.Empty, 0);
        }

        var uri = physical.GetProperty("artifactLocation").GetProperty("uri").GetString() ?? string.Empty;
        var file = Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.IsFile ? absolute.LocalPath : Uri.UnescapeDataString(uri);
        var line = physical.TryGetProperty("region", out var region) && region.TryGetProperty("startLine", out var start) ? start.GetInt32() : 0;
        return (file, line);
    }
}
