using OpenModel.Contract;
using OpenModel.Core.IO;

namespace OpenModel.Core.Inspection;

/// <summary>
/// Which files of a folder <c>openmodel scan</c> judges: files whose extension names a model or data format the
/// inspector reads, configs whose content can run code (tokenizer_config.json's chat template), and any other file
/// whose bytes are a model format (a pickle renamed .txt is the classic disguise). READMEs, licences and plain
/// configs are skipped, so they never decide the exit code. Special files are always kept: the inspector reports
/// them as not read, never opening them.
/// </summary>
public static class ModelFileSelection
{
    /// <summary>The Hugging Face files that hold a chat template beside the weights (their changes change the AI-BOM).</summary>
    public static IReadOnlyList<string> ChatTemplateFiles { get; } = ["tokenizer_config.json", "chat_template.json", "chat_template.jinja"];

    private static readonly HashSet<string> CodeRunningConfigs = new(ChatTemplateFiles, StringComparer.OrdinalIgnoreCase);

    /// <summary>A Hugging Face file holding a chat template (Jinja run on every prompt).</summary>
    public static bool IsCodeRunningConfig(string path) => CodeRunningConfigs.Contains(Path.GetFileName(path));

    /// <summary>True when the file is judged: a model or data file, a config that runs code, or a special file.</summary>
    public static bool IsModelFile(string path)
    {
        var name = Path.GetFileName(path);
        if (ArtifactExtensions.IsScanned(Path.GetExtension(name)) || IsCodeRunningConfig(name))
        {
            return true;
        }

        if (RegularFile.Probe(path).Kind != FileKind.Regular)
        {
            return true;
        }

        // .bin and everything else: judged by content, so external-data blobs and text files are skipped.
        if (!RegularFile.TryOpenRead(path, out var stream, out _))
        {
            return true;
        }

        using (stream)
        {
            try
            {
                return FormatDetector.DetectByMagic(stream!) != ArtifactFormat.Unknown;
            }
            catch (IOException)
            {
                return true;
            }
        }
    }
}
