using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpenModel.Analyzers.Declarations;

namespace OpenModel.Analyzers.Configuration;

/// <summary>
/// Configuration values from every <c>appsettings*.json</c> AdditionalFile. A key may have a different value
/// per environment file, so a lookup yields every distinct value the app could see.
/// </summary>
internal sealed class AppSettings
{
    public static readonly AppSettings Empty = new(new List<Dictionary<string, string>>(), ImmutableArray<InputProblem>.Empty);

    private readonly List<Dictionary<string, string>> _files;

    private AppSettings(List<Dictionary<string, string>> files, ImmutableArray<InputProblem> problems)
    {
        _files = files;
        Problems = problems;
    }

    public ImmutableArray<InputProblem> Problems { get; }

    public static bool IsSettingsFile(string path)
    {
        var name = Path.GetFileName(path);
        return name.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase)
            && name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    public static AppSettings From(ImmutableArray<AdditionalText> additionalFiles, CancellationToken cancellationToken)
    {
        var files = new List<Dictionary<string, string>>();
        var problems = ImmutableArray.CreateBuilder<InputProblem>();

        // appsettings.json first, then the environment overlays, so the order of values is stable.
        foreach (var file in additionalFiles.Where(f => IsSettingsFile(f.Path)).OrderBy(f => Path.GetFileName(f.Path).Length).ThenBy(f => f.Path, StringComparer.Ordinal))
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                problems.Add(new InputProblem(file.Path, default, "the file could not be read"));
                continue;
            }

            try
            {
                files.Add(JsonSettingsReader.Read(text.ToString()));
            }
            catch (JsonSettingsException e)
            {
                var position = text.Lines.GetLinePosition(e.Position);
                problems.Add(new InputProblem(file.Path, new LinePositionSpan(position, position), $"invalid JSON at line {position.Line + 1}, column {position.Character + 1}: {e.Message}"));
            }
        }

        return files.Count == 0 && problems.Count == 0 ? Empty : new AppSettings(files, problems.ToImmutable());
    }

    public ImmutableArray<string> Lookup(string key)
    {
        var values = ImmutableArray.CreateBuilder<string>();
        foreach (var file in _files)
        {
            if (file.TryGetValue(key, out var value) && !values.Contains(value))
            {
                values.Add(value);
            }
        }

        return values.ToImmutable();
    }
}
