using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OpenModel.Core.AIBom;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Release;

/// <summary>
/// The CycloneDX 1.7 citations of the source BOMs, pointed at the merged BOM: a JSONPath that selects a component or
/// service by bom-ref selects its merged bom-ref, a citation of a project's <c>metadata.component</c> cites that
/// project's component, a JSON Pointer's index is the element's index in the merged list as written, and every
/// attribution names a bom-ref of the merged BOM. Below the component a path must reach the same value it reached in its
/// source: a component merged into another project's copy of it keeps that copy's lists (its occurrences follow the
/// others', its licence may be the other project's), so an index is moved to the element holding the same value, and a
/// value the merged copy does not hold drops the citation. Dropped citations get OM6007, never a pointer kept wrong.
/// </summary>
internal static partial class MergedCitations
{
    /// <param name="snapshots">Each source as it was read (before merging changed it), where it has citations.</param>
    /// <param name="resolve">Source index and source bom-ref → the merged bom-ref, or null.</param>
    public static List<Citation>? Rewrite(IReadOnlyList<MergeSource> sources, IReadOnlyList<JsonNode?> snapshots, Bom merged, Func<int, string, string?> resolve, List<OpenModelDiagnostic> diagnostics)
    {
        if (sources.All(s => s.Bom.Citations is null or { Count: 0 }))
        {
            return null;
        }

        // Positions are those of the written document, whose lists the serializer sorts.
        var written = BomSerializer.ToCanonicalNode(merged);
        var citations = new List<Citation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            var (file, bom) = sources[i];
            if (snapshots[i] is not { } source)
            {
                continue;
            }

            foreach (var citation in bom.Citations ?? [])
            {
                string? problem = null;
                string? Ref(string? reference) => reference is null ? null : resolve(i, reference) ?? Fail($"names '{reference}'");
                string? Fail(string why)
                {
                    problem ??= why;
                    return null;
                }

                var rewritten = new Citation
                {
                    Expressions = citation.Expressions?.Select(e => Expression(e, source, written, Ref) ?? Fail($"locates '{e}'")!).ToList(),
                    Pointers = citation.Pointers?.Select(p => Pointer(p, source, written, Ref) ?? Fail($"points at '{p}'")!).ToList(),
                    Timestamp = citation.Timestamp,
                    AttributedTo = Ref(citation.AttributedTo),
                    Process = Ref(citation.Process),
                    Note = citation.Note,
                };
                if (problem is not null)
                {
                    diagnostics.Add(new(BuildRules.BomUnlinkable, $"a citation {problem}, which the merged BOM does not hold as the source did; the citation is dropped", file, level: DiagnosticLevel.Warning));
                    continue;
                }

                // Two projects citing one shared package's licence from the same .nuspec say the same thing once.
                var key = string.Join('\n', (rewritten.Expressions ?? rewritten.Pointers)!.Prepend(rewritten.Note).Prepend(rewritten.Process).Prepend(rewritten.AttributedTo).Prepend(rewritten.Timestamp));
                if (seen.Add(key))
                {
                    citations.Add(rewritten);
                }
            }
        }

        return citations.Count == 0 ? null : citations;
    }

    private static string? Expression(string expression, JsonNode source, JsonNode written, Func<string?, string?> resolve)
    {
        string? collection = null;
        JsonNode? from = null;
        string rest;
        if (Selected().Match(expression) is { Success: true } selected)
        {
            collection = selected.Groups["collection"].Value;
            from = Find(source[collection], Regex.Replace(selected.Groups["ref"].Value, @"\\(.)", "$1"));
            rest = selected.Groups["rest"].Value;
        }
        else if (ProjectExpression().Match(expression) is { Success: true } project)
        {
            // The project was the source BOM's subject; in the product it is one of the components.
            collection = "components";
            from = source["metadata"]?["component"];
            rest = project.Groups["rest"].Value;
        }
        else
        {
            return null;
        }

        if (from is null || resolve(RefOf(from)) is not { } reference || Find(written[collection], reference) is not { } to)
        {
            return null;
        }

        // A member and index path is checked like a pointer; a filter selects by value and so finds the merged element itself.
        if (SimplePath().IsMatch(rest))
        {
            var steps = Step().Matches(rest).Select(m => m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["index"].Value).ToList();
            if (Follow(from, to, steps) is not { } moved)
            {
                return null;
            }

            rest = string.Concat(moved.Select(s => int.TryParse(s, CultureInfo.InvariantCulture, out _) ? $"[{s}]" : "." + s));
        }

        return FactCitations.Select(collection, reference) + rest;
    }

    private static string? Pointer(string pointer, JsonNode source, JsonNode written, Func<string?, string?> resolve)
    {
        if (!pointer.StartsWith('/'))
        {
            return null;
        }

        var segments = pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
        (string Collection, JsonNode? From, int Below) target = segments switch
        {
            ["components" or "services", var index, ..] when Index(index) is { } at => (segments[0], (source[segments[0]] as JsonArray)?.ElementAtOrDefault(at), 2),
            ["metadata", "component", ..] => ("components", source["metadata"]?["component"], 2),
            _ => (string.Empty, null, 0),
        };
        if (target.From is null || resolve(RefOf(target.From)) is not { } reference || written[target.Collection] is not JsonArray list)
        {
            return null;
        }

        var position = list.Select((e, i) => (e, i)).FirstOrDefault(p => RefOf(p.e) == reference, (null, -1)).i;
        if (position < 0 || Follow(target.From, list[position]!, segments[target.Below..]) is not { } rest)
        {
            return null;
        }

        return string.Concat(new[] { target.Collection, position.ToString(CultureInfo.InvariantCulture) }.Concat(rest)
            .Select(s => "/" + s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The path in the merged element that reaches what <paramref name="steps"/> reach in the source element: each array
    /// index moves to the first element equal to the source's one, and the end must hold the same value. Null when the
    /// source has no such value or the merged element does not hold it.
    /// </summary>
    private static List<string>? Follow(JsonNode from, JsonNode to, IReadOnlyList<string> steps)
    {
        var path = new List<string>(steps.Count);
        JsonNode? source = from;
        JsonNode? merged = to;
        foreach (var step in steps)
        {
            switch (source, merged)
            {
                case (JsonArray sourceList, JsonArray mergedList) when Index(step) is { } at && at < sourceList.Count:
                    source = sourceList[at];
                    var equal = JsonNode.DeepEquals(mergedList.ElementAtOrDefault(at), source) ? at : mergedList.ToList().FindIndex(e => JsonNode.DeepEquals(e, source));
                    if (equal < 0)
                    {
                        return null;
                    }

                    merged = mergedList[equal];
                    path.Add(equal.ToString(CultureInfo.InvariantCulture));
                    break;
                case (JsonObject sourceObject, JsonObject mergedObject) when sourceObject.ContainsKey(step) && mergedObject.ContainsKey(step):
                    source = sourceObject[step];
                    merged = mergedObject[step];
                    path.Add(step);
                    break;
                default:
                    return null;
            }
        }

        // The whole component may differ (merged occurrences, bom-ref): it is the same one by identity; below it, by value.
        return steps.Count == 0 || JsonNode.DeepEquals(source, merged) ? path : null;
    }

    private static JsonNode? Find(JsonNode? list, string reference) =>
        (list as JsonArray)?.FirstOrDefault(e => RefOf(e) == reference);

    private static string? RefOf(JsonNode? element) =>
        element is JsonObject o && o["bom-ref"] is JsonValue v && v.TryGetValue<string>(out var reference) ? reference : null;

    private static int? Index(string segment) =>
        segment.Length > 0 && segment.All(char.IsAsciiDigit) && int.TryParse(segment, CultureInfo.InvariantCulture, out var index) ? index : null;

    [GeneratedRegex(@"^\$\.(?<collection>components|services)\[\?\(@\['bom-ref'\]=='(?<ref>(?:[^'\\]|\\.)*)'\)\](?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex Selected();

    [GeneratedRegex(@"^\$\.metadata\.component(?<rest>[.\[].*)?$", RegexOptions.Singleline)]
    private static partial Regex ProjectExpression();

    [GeneratedRegex(@"^(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[0-9]+\])*$")]
    private static partial Regex SimplePath();

    [GeneratedRegex(@"\.(?<name>[A-Za-z_][A-Za-z0-9_-]*)|\[(?<index>[0-9]+)\]")]
    private static partial Regex Step();
}
