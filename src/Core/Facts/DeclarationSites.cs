using System.Xml;
using OpenModel.Core.IO;

namespace OpenModel.Core.Facts;

/// <summary>
/// Where in its MSBuild file each declaration is written — the line of <c>&lt;AIModel Include="…"&gt;</c>, and of a
/// property such as <c>&lt;PackageLicenseExpression&gt;</c> — so a citation can name the line, not only the file. Only an
/// item whose Include is written literally is found; one built from properties, globs or lists keeps the file alone,
/// as does a file that cannot be read or parsed here (MSBuild has already read it; this is only for citing).
/// </summary>
public sealed class DeclarationSites
{
    /// <summary>MSBuild project files are small; a larger one is not searched for lines.</summary>
    private const long MaxProjectFileBytes = 4L * 1024 * 1024;

    public static readonly DeclarationSites None = new(new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal));

    private readonly Dictionary<string, Dictionary<string, int>> _lines;

    private DeclarationSites(Dictionary<string, Dictionary<string, int>> lines) => _lines = lines;

    /// <summary>The files that declare <paramref name="declarations"/> (their DefiningProjectFullPath, else the project file), each read once.</summary>
    public static DeclarationSites Read(IEnumerable<DeclaredArtifact> declarations, string projectFile)
    {
        var lines = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var file in declarations.Select(d => d.Item.DefinedIn ?? projectFile).Append(projectFile).Distinct(StringComparer.Ordinal))
        {
            lines[file] = Lines(file);
        }

        return new DeclarationSites(lines);
    }

    /// <summary>The file declaring <paramref name="declaration"/> (file name only, as the BOM names files) and its line, if found.</summary>
    public (string File, int? Line) Of(DeclaredArtifact declaration, string projectFile)
    {
        var file = declaration.Item.DefinedIn ?? projectFile;
        return (Path.GetFileName(file), _lines.GetValueOrDefault(file)?.GetValueOrDefault(Key(declaration.ItemType, declaration.Include)) is int line and > 0 ? line : null);
    }

    /// <summary>The line of the first <c>&lt;name&gt;</c> property element in the project file, if found.</summary>
    public int? PropertyLine(string projectFile, string name) =>
        _lines.GetValueOrDefault(projectFile)?.GetValueOrDefault(name) is int line and > 0 ? line : null;

    private static string Key(string itemType, string include) => itemType + "\t" + include;

    private static Dictionary<string, int> Lines(string file)
    {
        var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        if (!RegularFile.TryReadAllText(file, MaxProjectFileBytes, out var text, out _))
        {
            return lines;
        }

        try
        {
            using var reader = XmlReader.Create(new StringReader(text!), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            var info = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                // Items carry Include (an Update or Remove element declares nothing); a property is an element without attributes' Include.
                var key = reader.GetAttribute("Include") is { } include ? Key(reader.LocalName, include.Trim()) : reader.LocalName;
                lines.TryAdd(key, info.LineNumber);
            }
        }
        catch (XmlException)
        {
            // The lines read before the error stay: they are where the file says they are.
        }

        return lines;
    }
}
