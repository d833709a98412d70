namespace OpenModel.Sdk.Tasks;

/// <summary>Outputs are rewritten only when their bytes change, so unchanged builds leave timestamps alone.</summary>
internal static class OutputFiles
{
    public static void WriteIfChanged(string path, byte[] content)
    {
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(content))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllBytes(path, content);
    }
}
