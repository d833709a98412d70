using System.Text.Json;
using OpenModel.Core.CycloneDx;

namespace OpenModel.Cli;

internal static class BomFile
{
    /// <summary>Reads a BOM, or writes OM3008 naming the file and returns null.</summary>
    public static Bom? Read(FileInfo file, TextWriter error)
    {
        try
        {
            return BomSerializer.Deserialize(File.ReadAllBytes(file.FullName));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            error.WriteLine($"{file.FullName}: error OM3008: the AI-BOM cannot be read: {e.Message}");
            return null;
        }
    }
}
