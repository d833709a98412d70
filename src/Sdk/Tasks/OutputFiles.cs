using OpenModel.Core.IO;

namespace OpenModel.Sdk.Tasks;

/// <summary>Outputs are rewritten only when their bytes change, so unchanged builds leave timestamps alone.</summary>
internal static class OutputFiles
{
    public static void WriteIfChanged(string path, byte[] content)
    {
        // Read back at most one byte more than the new content: enough to tell equal from different, never more; a
        // FIFO or device in the output's place is never read.
        if (RegularFile.TryReadAllBytes(path, content.Length + 1L, out var existing, out _) && existing!.AsSpan().SequenceEqual(content))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, content);
    }
}
