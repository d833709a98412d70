using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.Build.Framework;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Sdk.Tasks;

/// <summary>
/// Writes the AI-BOM's inputs file — the pattern of the .NET SDK's CoreCompileInputs.cache: every property the BOM and
/// its gates depend on, every declared item with all its metadata, the identity (size, modification and change time,
/// device, inode) of every file the BOM task reads, and the SDK's own version. It is rewritten only when that text
/// changes, so OpenModelGenerateAIBom runs exactly when an output could change: a new policy on the command line, an
/// edited card, a file swapped with its modification time kept (its change time and inode still move), a new SDK.
/// Only file metadata is read here, never file contents, so it costs no more than MSBuild's own up-to-date check.
/// </summary>
public sealed class WriteAIBomInputs : Microsoft.Build.Utilities.Task
{
    [Required]
    public string File { get; set; } = string.Empty;

    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    /// <summary>"Name=Value" lines for every property the BOM task is given.</summary>
    public string[] Properties { get; set; } = [];

    public ITaskItem[] Items { get; set; } = [];

    /// <summary>Other files the BOM step reads (AIBomPreviousPath), by identity like the declared artefacts.</summary>
    public string[] ReadFiles { get; set; } = [];

    public static string SdkVersion { get; } =
        typeof(WriteAIBomInputs).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public override bool Execute()
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
        var text = new StringBuilder();
        text.Append("sdk\t").Append(SdkVersion).Append('\t').Append(OpenModel.Core.Hashing.ArtifactFactCache.CurrentToolVersion).Append('\n');
        foreach (var property in Properties)
        {
            text.Append("property\t").Append(property).Append('\n');
        }

        foreach (var item in Items)
        {
            var type = item.GetMetadata("OpenModelItemType");
            text.Append(type).Append('\t').Append(item.ItemSpec);
            var metadata = item.CloneCustomMetadata();
            foreach (var name in metadata.Keys.Cast<string>().Where(n => n != "OpenModelItemType").Order(StringComparer.OrdinalIgnoreCase))
            {
                text.Append('\t').Append(name).Append('=').Append(item.GetMetadata(name));
            }

            text.Append('\n');
            Identity(text, projectDirectory, item.ItemSpec);
            foreach (var document in new[] { "ModelCard", "DataCard" })
            {
                if (item.GetMetadata(document) is { Length: > 0 } path)
                {
                    Identity(text, projectDirectory, path);
                }
            }

            // A README.md beside a model may be its card: its appearance, edit or removal changes the BOM.
            if (type == "AIModel" && RegularFile.IsValidPath(item.ItemSpec) && Path.GetDirectoryName(Path.Combine(projectDirectory, item.ItemSpec)) is { } folder)
            {
                Identity(text, projectDirectory, Path.Combine(folder, "README.md"));

                // So may the chat template files beside it: each template is a component of the BOM.
                foreach (var template in OpenModel.Core.Inspection.ModelFileSelection.ChatTemplateFiles)
                {
                    Identity(text, projectDirectory, Path.Combine(folder, template));
                }
            }
        }

        foreach (var path in ReadFiles)
        {
            text.Append("read\t").Append(path);
            Identity(text, projectDirectory, path);
        }

        var content = Encoding.UTF8.GetBytes(text.ToString());
        try
        {
            if (RegularFile.TryReadAllBytes(File, content.Length + 1L, out var existing, out _) && existing!.AsSpan().SequenceEqual(content))
            {
                return true;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(File))!);
            System.IO.File.WriteAllBytes(File, content);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BuildLog.Fatal(Log, BuildRules.MalformedInput, File, $"the AI-BOM inputs file could not be written: {e.Message}");
        }

        return !Log.HasLoggedErrors;
    }

    private static void Identity(StringBuilder text, string projectDirectory, string path)
    {
        if (!RegularFile.IsValidPath(path))
        {
            text.Append("\tinvalid-path\n");
            return;
        }

        var id = RegularFile.Probe(Path.GetFullPath(Path.Combine(projectDirectory, path)));
        text.Append(CultureInfo.InvariantCulture, $"\tfile\t{path}\t{id.Kind}\t{id.Length}\t{id.ModifiedTime}\t{id.ChangeTime}\t{id.Device}\t{id.Inode}\n");
    }
}
