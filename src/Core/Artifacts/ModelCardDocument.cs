using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace OpenModel.Core.Artifacts;

/// <summary>
/// A Hugging Face-style model or data card: YAML front matter (licence, task, datasets, base model, model-index
/// metrics) and the markdown sections a reviewer needs (intended use, out-of-scope use, limitations, risks).
/// </summary>
public sealed partial class ModelCardDocument
{
    private const string Placeholder = "[More Information Needed]";

    private readonly IReadOnlyDictionary<string, int> _keyLines;

    private ModelCardDocument(IReadOnlyDictionary<string, object?> frontMatter, IReadOnlyDictionary<CardSection, string> sections, IReadOnlyList<(string Title, int Line)> headings, IReadOnlyDictionary<string, int> keyLines)
    {
        FrontMatter = frontMatter;
        Sections = sections;
        Headings = headings;
        _keyLines = keyLines;
    }

    /// <summary>The headings <see cref="Sections"/> were read from, with their line in the card (1-based), in card order.</summary>
    public IReadOnlyList<(string Title, int Line)> Headings { get; }

    /// <summary>The line of the card (1-based) where a top-level front-matter key is written, for citing it; null when not written.</summary>
    public int? LineOf(string key) => _keyLines.TryGetValue(key, out var line) ? line : null;

    public IReadOnlyDictionary<string, object?> FrontMatter { get; }

    public IReadOnlyDictionary<CardSection, string> Sections { get; }

    public string? License => Scalar("license") is { } license && !license.Equals("other", StringComparison.OrdinalIgnoreCase)
        ? license
        : Scalar("license_name") is { } name ? "LicenseRef-" + name : null;

    public string? PipelineTag => Scalar("pipeline_tag");

    public string? LibraryName => Scalar("library_name");

    public string? Architecture => Scalar("architecture") ?? Scalar("model_type");

    public IReadOnlyList<string> Datasets => List("datasets");

    public IReadOnlyList<string> BaseModels => List("base_model");

    public IReadOnlyList<string> Tags => List("tags");

    /// <summary>(metric type, value, dataset) from <c>model-index</c>.</summary>
    public IReadOnlyList<(string Type, string Value, string? Dataset)> Metrics =>
        (FrontMatter.GetValueOrDefault("model-index") as IEnumerable<object?> ?? [])
            .OfType<IDictionary<object, object?>>()
            .SelectMany(model => model.TryGetValue("results", out var results) && results is IEnumerable<object?> list ? list.OfType<IDictionary<object, object?>>() : [])
            .SelectMany(result =>
            {
                var dataset = result.TryGetValue("dataset", out var d) && d is IDictionary<object, object?> ds && ds.TryGetValue("name", out var n) ? n?.ToString() : null;
                var metrics = result.TryGetValue("metrics", out var m) && m is IEnumerable<object?> ms ? ms.OfType<IDictionary<object, object?>>() : [];
                return metrics
                    .Where(metric => metric.ContainsKey("type") && metric.ContainsKey("value"))
                    .Select(metric => (metric["type"]!.ToString()!, Convert.ToString(metric["value"], System.Globalization.CultureInfo.InvariantCulture)!, dataset));
            })
            .ToList();

    /// <exception cref="ModelCardException">The front matter is not valid YAML.</exception>
    public static ModelCardDocument Parse(string text)
    {
        var (yaml, yamlStartLine, body, bodyStartLine) = SplitFrontMatter(text);
        var frontMatter = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        if (yaml is not null)
        {
            try
            {
                if (new DeserializerBuilder().Build().Deserialize<object?>(yaml) is IDictionary<object, object?> root)
                {
                    foreach (var (key, value) in root)
                    {
                        frontMatter[key.ToString()!] = value;
                    }
                }
                else if (yaml.Trim().Length > 0)
                {
                    throw new ModelCardException("the front matter is not a YAML mapping", yamlStartLine);
                }
            }
            catch (YamlException e)
            {
                throw new ModelCardException($"invalid YAML front matter: {e.InnerException?.Message ?? e.Message}", yamlStartLine + (int)e.Start.Line - 1);
            }
        }

        var headings = new List<(string Title, int Line)>();
        return new ModelCardDocument(frontMatter, ReadSections(body, bodyStartLine, headings), headings, KeyLines(yaml, yamlStartLine));
    }

    public bool Has(CardSection section) => Sections.ContainsKey(section);

    private string? Scalar(string key) => FrontMatter.GetValueOrDefault(key) switch
    {
        string s when s.Length > 0 => s,
        IEnumerable<object?> list => list.FirstOrDefault()?.ToString(),
        _ => null,
    };

    private IReadOnlyList<string> List(string key) => FrontMatter.GetValueOrDefault(key) switch
    {
        string s when s.Length > 0 => [s],
        IEnumerable<object?> list => list.Where(v => v is not null).Select(v => v!.ToString()!).ToList(),
        _ => [],
    };

    /// <summary>Top-level keys ("license: mit" at the start of a line) and their line in the card; the first one wins, as in YAML.</summary>
    private static Dictionary<string, int> KeyLines(string? yaml, int startLine)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var number = startLine;
        foreach (var line in (yaml ?? string.Empty).Split('\n'))
        {
            if (TopLevelKey().Match(line) is { Success: true } key)
            {
                lines.TryAdd(key.Groups["key"].Value, number);
            }

            number++;
        }

        return lines;
    }

    [GeneratedRegex(@"^(?<key>[A-Za-z0-9_][A-Za-z0-9_.\-]*)\s*:")]
    private static partial Regex TopLevelKey();

    private static (string? Yaml, int StartLine, string Body, int BodyStartLine) SplitFrontMatter(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            return (null, 0, text, 1);
        }

        var end = Array.FindIndex(lines, 1, l => l.Trim() is "---" or "...");
        if (end < 0)
        {
            throw new ModelCardException("the YAML front matter is not closed by a '---' line", 1);
        }

        return (string.Join('\n', lines[1..end]), 2, string.Join('\n', lines[(end + 1)..]), end + 2);
    }

    /// <param name="used">Receives the title and card line of each heading a section was read from.</param>
    private static Dictionary<CardSection, string> ReadSections(string body, int bodyStartLine, List<(string Title, int Line)> used)
    {
        var sections = new Dictionary<CardSection, string>();
        var headings = Heading().Matches(body);
        for (var i = 0; i < headings.Count; i++)
        {
            var start = headings[i].Index + headings[i].Length;
            var level = headings[i].Groups["hashes"].Length;

            // A section runs to the next heading of the same or a higher level, so "## Uses" includes "### Direct Use".
            var end = body.Length;
            for (var j = i + 1; j < headings.Count; j++)
            {
                if (headings[j].Groups["hashes"].Length <= level)
                {
                    end = headings[j].Index;
                    break;
                }
            }

            var content = body[start..end].Trim();
            if (content.Length == 0 || content.Replace(Placeholder, string.Empty).Trim().Length == 0)
            {
                continue;
            }

            var title = headings[i].Groups["title"].Value;
            var added = false;
            foreach (var section in Classify(title))
            {
                added |= sections.TryAdd(section, content);
            }

            if (added)
            {
                used.Add((title, bodyStartLine + body.AsSpan(0, headings[i].Index).Count('\n')));
            }
        }

        return sections;
    }

    private static IEnumerable<CardSection> Classify(string heading)
    {
        var title = heading.ToLowerInvariant();
        if (title.Contains("out-of-scope") || title.Contains("out of scope") || title.Contains("misuse"))
        {
            yield return CardSection.OutOfScopeUse;
        }
        else if (title.Contains("intended use") || title.Contains("direct use") || title is "uses" || title.Contains("use cases"))
        {
            yield return CardSection.IntendedUse;
        }

        if (title.Contains("limitation"))
        {
            yield return CardSection.Limitations;
        }

        if (title.Contains("risk") || title.Contains("bias"))
        {
            yield return CardSection.Risks;
        }

        if (title.Contains("ethic"))
        {
            yield return CardSection.EthicalConsiderations;
        }
    }

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<title>.+?)\s*#*\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}

public enum CardSection
{
    IntendedUse,
    OutOfScopeUse,
    Limitations,
    Risks,
    EthicalConsiderations,
}

public sealed class ModelCardException(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
