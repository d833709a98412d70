using System.Text.Json;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Core.CycloneDx;

/// <summary>Reads a CycloneDX JSON BOM from a file for the CLI and the build: a regular file, bounded, checked to be one.</summary>
public static class BomReader
{
    /// <summary>An AI-BOM is a few MB at most; a larger file is refused before it is parsed.</summary>
    public const long MaxBomBytes = 64L * 1024 * 1024;

    /// <summary>The BOM, or null with OM3008 naming the file and why it could not be used.</summary>
    public static Bom? TryRead(string path, out OpenModelDiagnostic? problem)
    {
        if (!RegularFile.TryReadAllBytes(path, MaxBomBytes, out var bytes, out var readProblem))
        {
            problem = new OpenModelDiagnostic(BuildRules.MalformedInput, $"the AI-BOM cannot be read: {readProblem}", RegularFile.Printable(path));
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
                    problem = new OpenModelDiagnostic(BuildRules.MalformedInput, "the file is not a CycloneDX BOM (it needs \"bomFormat\": \"CycloneDX\" and a \"specVersion\"); nothing was checked", path);
                    return null;
                }
            }

            problem = null;
            return BomSerializer.Deserialize(bytes);
        }
        catch (JsonException e)
        {
            problem = new OpenModelDiagnostic(BuildRules.MalformedInput, $"the AI-BOM cannot be read: {e.Message}", path);
            return null;
        }
    }
}
