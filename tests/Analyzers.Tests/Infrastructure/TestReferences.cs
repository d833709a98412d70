using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>
/// Compilation references for test sources: the installed .NET and ASP.NET Core reference packs (the testing
/// library cannot download packs offline) plus the real AI libraries restored beside the tests.
/// </summary>
internal static class TestReferences
{
    private static readonly string[] LibraryPrefixes =
    {
        "Microsoft.ML", "TorchSharp", "OpenAI", "Azure.AI.OpenAI", "Azure.Core", "System.ClientModel",
        "System.Memory.Data", "Microsoft.Extensions.AI", "Microsoft.Extensions.Configuration", "Microsoft.Extensions.Primitives", "Newtonsoft.Json",
    };

    public static readonly ReferenceAssemblies None = new("net10.0");

    public static readonly ImmutableArray<MetadataReference> All = Load();

    private static ImmutableArray<MetadataReference> Load()
    {
        var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
        var packs = new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" }
            .Select(pack => LatestRefFolder(Path.Combine(dotnetRoot, "packs", pack)))
            .ToArray();
        var frameworkFiles = packs.SelectMany(folder => Directory.GetFiles(folder, "*.dll")).ToList();
        var frameworkNames = new HashSet<string>(frameworkFiles.Select(Path.GetFileName)!, StringComparer.OrdinalIgnoreCase);

        var libraries = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(file => LibraryPrefixes.Any(prefix => Path.GetFileName(file).StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            .Where(file => !frameworkNames.Contains(Path.GetFileName(file)));

        return frameworkFiles.Concat(libraries)
            .Select(file => (MetadataReference)MetadataReference.CreateFromFile(file))
            .ToImmutableArray();
    }

    private static string LatestRefFolder(string packFolder)
    {
        var version = Directory.GetDirectories(packFolder)
            .OrderByDescending(dir => Version.TryParse(Path.GetFileName(dir), out var v) ? v : new Version(0, 0))
            .First();
        return Directory.GetDirectories(Path.Combine(version, "ref")).OrderByDescending(d => d, StringComparer.Ordinal).First();
    }
}
