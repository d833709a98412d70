using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace OpenModel.RealWorld;

/// <summary>
/// Look-alike source for packages this machine's NuGet mirror does not serve (Stubs/&lt;PackageId&gt;.cs: minimal types
/// with the real namespaces and names). A stub is added to a project only when its restore reported the package as
/// missing, and never when the project itself declares one of the stub's types.
/// </summary>
internal sealed class Stubs(string folder)
{
    private const string PackagesLine = "// packages:";

    /// <summary>
    /// Package ID → stub file: the file's own name, and the IDs its first line lists (<c>// packages: A, B</c>) when
    /// several missing packages bring the same API (ONNX Runtime through FaceONNX or the DirectML build).
    /// </summary>
    private readonly Dictionary<string, string> files = Directory.Exists(folder)
        ? Directory.EnumerateFiles(folder, "*.cs")
            .SelectMany(f => Aliases(f).Prepend(Path.GetFileNameWithoutExtension(f)).Select(id => (Id: id, File: f)))
            .ToDictionary(e => e.Id, e => e.File, StringComparer.OrdinalIgnoreCase)
        : new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> Aliases(string file)
    {
        var first = File.ReadLines(file).FirstOrDefault() ?? string.Empty;
        return first.StartsWith(PackagesLine, StringComparison.Ordinal)
            ? first[PackagesLine.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : [];
    }

    /// <summary>Package IDs restore could not resolve for the project (NU1101/NU1102/NU1103 in its assets file).</summary>
    public static IReadOnlyList<string> MissingPackages(Project project)
    {
        var assets = project.FilePath is null ? null : Path.Combine(Path.GetDirectoryName(project.FilePath)!, "obj", "project.assets.json");
        if (assets is null || !File.Exists(assets))
        {
            return [];
        }

        using var json = JsonDocument.Parse(File.ReadAllText(assets));
        if (!json.RootElement.TryGetProperty("logs", out var logs))
        {
            return [];
        }

        return logs.EnumerateArray()
            .Where(l => l.TryGetProperty("code", out var code) && code.GetString() is "NU1101" or "NU1102" or "NU1103")
            .Select(l => l.TryGetProperty("libraryId", out var id) ? id.GetString() : null)
            .OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Adds the stubs the project needs; returns the solution and what was added or refused, for the log.</summary>
    public Solution AddTo(Solution solution, ProjectId id, List<string> log)
    {
        var project = solution.GetProject(id)!;
        foreach (var package in MissingPackages(project))
        {
            if (!files.TryGetValue(package, out var file))
            {
                log.Add($"{project.Name}: package {package} is missing and has no stub");
                continue;
            }

            var text = File.ReadAllText(file);
            var stubTypes = DeclaredTypes(CSharpSyntaxTree.ParseText(text).GetRoot());
            var own = project.Documents
                .Select(d => d.GetSyntaxRootAsync().Result)
                .OfType<SyntaxNode>()
                .SelectMany(DeclaredTypes)
                .Intersect(stubTypes, StringComparer.Ordinal)
                .ToList();
            if (own.Count > 0)
            {
                log.Add($"{project.Name}: stub {package} not added, the project declares {string.Join(", ", own.Take(3))}");
                continue;
            }

            solution = solution.AddDocument(DocumentId.CreateNewId(id), $"OpenModelRealWorldStub.{package}.cs", text, filePath: StubPath(package));
            log.Add($"{project.Name}: package {package} missing, stub added");
        }

        return solution;
    }

    public static bool IsStub(string? path) => path is not null && Path.GetFileName(path).StartsWith("OpenModelRealWorldStub.", StringComparison.Ordinal);

    private static string StubPath(string package) => Path.Combine(Path.GetTempPath(), "openmodel-realworld-stubs", $"OpenModelRealWorldStub.{package}.cs");

    private static IEnumerable<string> DeclaredTypes(SyntaxNode root) =>
        root.DescendantNodes(n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax or TypeDeclarationSyntax)
            .OfType<BaseTypeDeclarationSyntax>()
            .Select(FullName);

    private static string FullName(BaseTypeDeclarationSyntax type)
    {
        var parts = new List<string> { type.Identifier.ValueText };
        for (var node = type.Parent; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case BaseTypeDeclarationSyntax outer:
                    parts.Add(outer.Identifier.ValueText);
                    break;
                case BaseNamespaceDeclarationSyntax ns:
                    parts.Add(ns.Name.ToString());
                    break;
            }
        }

        parts.Reverse();
        return string.Join(".", parts);
    }
}
