using System.Text.Json;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Cli;

internal static class BomFile
{
    /// <summary>An AI-BOM is a few MB at most; a larger file is refused before it is parsed.</summary>
    private const long MaxBomBytes = 64L * 1024 * 1024;

    /// <summary>Reads a CycloneDX BOM, or writes OM3008 naming the file (and why) and returns null.</summary>
    public static Bom? Read(FileInfo file, TextWriter error)
    {
        if (!RegularFile.TryReadAllBytes(file.FullName, MaxBomBytes, out var bytes, out var problem))
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, $"the AI-BOM cannot be read: {problem}", RegularFile.Printable(file.FullName)).ToString());
            return null;
        }

        try
        {
            // The typed model fills in defaults ("bomFormat": "CycloneDX"), so what the document itself says is checked first.
            using (var document = JsonDocument.Parse(bytes))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || !root.TryGetProperty("bomFormat", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != "CycloneDX"
                    || !root.TryGetProperty("specVersion", out var spec) || spec.ValueKind != JsonValueKind.String)
                {
                    error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, "the file is not a CycloneDX BOM (it needs \"bomFormat\": \"CycloneDX\" and a \"specVersion\"); nothing was checked", file.FullName).ToString());
                    return null;
                }
            }

            return BomSerializer.Deserialize(bytes);
        }
        catch (JsonException e)
        {
            error.WriteLine(new OpenModelDiagnostic(BuildRules.MalformedInput, $"the AI-BOM cannot be read: {e.Message}", file.FullName).ToString());
            return null;
        }
    }
}
