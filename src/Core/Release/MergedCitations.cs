using System.Globalization;
using System.Text.RegularExpressions;
using OpenModel.Core.AIBom;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Release;

/// <summary>
/// The CycloneDX 1.7 citations of the source BOMs, pointed at the merged BOM: a JSONPath that selects a component or
/// service by bom-ref selects its merged bom-ref, a citation of a project's <c>metadata.component</c> cites that
/// project's component, a JSON Pointer's index is the element's index in the merged list, and every attribution names a
/// bom-ref of the merged BOM. A citation that cannot be pointed at the merged BOM is dropped with OM6007, never kept wrong.
/// </summary>
internal static partial class MergedCitations
{
    /// <param name="resolve">Source index and source bom-ref → the merged bom-ref, or null.</param>
    public static List<Citation>? Rewrite(IReadOnlyList<MergeSource> sources, Bom merged, Func<int, string, string?> resolve, List<OpenModelDiagnostic> diagnostics)
    {
        var components = merged.Components ?? [];
        var services = merged.Services ?? [];
        var citations = new List<Citation>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            var (file, bom) = sources[i];
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
                    Expressions = citation.Expressions?.Select(e => Expression(e, bom, Ref) ?? Fail($"locates '{e}'")!).ToList(),
                    Pointers = citation.Pointers?.Select(p => Pointer(p, bom, components, services, Ref) ?? Fail($"points at '{p}'")!).ToList(),
                    Timestamp = citation.Timestamp,
                    AttributedTo = Ref(citation.AttributedTo),
                    Process = Ref(citation.Process),
                    Note = citation.Note,
                };
                if (problem is not null)
                {
                    diagnostics.Add(new(BuildRules.BomUnlinkable, $"a citation {problem}, which is not in the merged BOM; the citation is dropped", file, level: DiagnosticLevel.Warning));
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

    private static string? Expression(string expression, Bom source, Func<string?, string?> resolve)
    {
        if (Selected().Match(expression) is { Success: true } selected)
        {
            var reference = Regex.Replace(selected.Groups["ref"].Value, @"\\(.)", "$1");
            return resolve(reference) is { } merged ? FactCitations.Select(selected.Groups["collection"].Value, merged) + selected.Groups["rest"].Value : null;
        }

        // The project was the source BOM's subject; in the product it is one of the components.
        if (ProjectExpression().Match(expression) is { Success: true } project && source.Metadata.Component?.BomRef is { } root)
        {
            return resolve(root) is { } merged ? FactCitations.Select("components", merged) + project.Groups["rest"].Value : null;
        }

        return null;
    }

    private static string? Pointer(string pointer, Bom source, List<Component> components, List<Service> services, Func<string?, string?> resolve)
    {
        string? In<T>(List<T> list, Func<T, string?> bomRef, string? reference, string collection, string rest)
        {
            var index = reference is null ? -1 : list.FindIndex(e => bomRef(e) == reference);
            return index < 0 ? null : string.Create(CultureInfo.InvariantCulture, $"/{collection}/{index}{rest}");
        }

        if (IndexPointer().Match(pointer) is { Success: true } indexed && int.TryParse(indexed.Groups["index"].Value, CultureInfo.InvariantCulture, out var at))
        {
            var rest = indexed.Groups["rest"].Value;
            return indexed.Groups["collection"].Value == "components"
                ? at < (source.Components?.Count ?? 0) ? In(components, c => c.BomRef, resolve(source.Components![at].BomRef), "components", rest) : null
                : at < (source.Services?.Count ?? 0) ? In(services, s => s.BomRef, resolve(source.Services![at].BomRef), "services", rest) : null;
        }

        return ProjectPointer().Match(pointer) is { Success: true } project
            ? In(components, c => c.BomRef, resolve(source.Metadata.Component?.BomRef), "components", project.Groups["rest"].Value)
            : null;
    }

    [GeneratedRegex(@"^\$\.(?<collection>components|services)\[\?\(@\['bom-ref'\]=='(?<ref>(?:[^'\\]|\\.)*)'\)\](?<rest>.*)$", RegexOptions.Singleline)]
    private static partial Regex Selected();

    [GeneratedRegex(@"^\$\.metadata\.component(?<rest>[.\[].*)?$", RegexOptions.Singleline)]
    private static partial Regex ProjectExpression();

    [GeneratedRegex(@"^/(?<collection>components|services)/(?<index>[0-9]+)(?<rest>/.*)?$", RegexOptions.Singleline)]
    private static partial Regex IndexPointer();

    [GeneratedRegex(@"^/metadata/component(?<rest>/.*)?$", RegexOptions.Singleline)]
    private static partial Regex ProjectPointer();
}
