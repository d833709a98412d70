using OpenModel.Core.CycloneDx;

namespace OpenModel.Cli;

internal static class BomFile
{
    /// <summary>Reads a CycloneDX BOM, or writes OM3008 naming the file (and why) and returns null.</summary>
    public static Bom? Read(FileInfo file, TextWriter error)
    {
        var bom = BomReader.TryRead(file.FullName, out var problem);
        if (problem is not null)
        {
            error.WriteLine(problem.ToString());
        }

        return bom;
    }
}
