using System.Formats.Tar;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// A NeMo .nemo archive (tar, optionally gzip-compressed), read as NeMo's restore path reads it: model_config.yaml is
/// instantiated through Hydra, so every <c>_target_</c> is a callable that runs (CVE-2025-23304 class) and must be on
/// an allow-list; every member is extracted in order, so a repeated name means the last copy wins (a reader
/// differential); the checkpoints inside are inspected as files of their own.
/// </summary>
internal static class NemoArchive
{
    private const long MaxConfigBytes = 16 << 20;

    private static readonly string[] AllowedTargetRoots = ["nemo.", "nemo_text_processing.", "megatron.core.", "torch.nn.", "torch.optim.", "pytorch_lightning.", "lightning.", "omegaconf."];

    /// <summary>True when the tar holds a NeMo model config (so it is NeMo, not a legacy torch.save tar).</summary>
    public static bool IsNemo(Stream stream)
    {
        try
        {
            stream.Position = 0;
            using var reader = new TarReader(stream, leaveOpen: true);
            for (var i = 0; i < 10_000 && reader.GetNextEntry() is { } entry; i++)
            {
                if (Path.GetFileName(entry.Name) == "model_config.yaml")
                {
                    return true;
                }
            }

            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }
        finally
        {
            stream.Position = 0;
        }
    }

    /// <summary>Walks the archive once; <paramref name="nested"/> inspects a checkpoint member given as a seekable stream.</summary>
    public static void Inspect(Stream archive, InspectionWork work, Action<Stream, string, InspectionWork> nested)
    {
        work.Metadata["format"] = "nemo";
        var names = new HashSet<string>(StringComparer.Ordinal);
        using var reader = new TarReader(archive, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            var name = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            if (!names.Add(name))
            {
                work.Add(BuildRules.UnscannableContainer, "the archive holds this name twice: NeMo extracts both and keeps the last, a reader may see the first", name);
            }

            if (name.StartsWith('/') || name.Split('/').Contains(".."))
            {
                work.Add(BuildRules.UnscannableContainer, "the member name is absolute or climbs out of the archive with '..'", name);
            }

            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                work.Add(BuildRules.UnscannableContainer, $"a link member pointing at '{entry.LinkName}': extraction can write or read outside the target folder", name);
                continue;
            }

            if (entry.DataStream is not { } data)
            {
                continue;
            }

            if (name.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            {
                Config(data, entry.Length, name, work);
            }
            else if (name.EndsWith(".ckpt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pt", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".pth", StringComparison.OrdinalIgnoreCase))
            {
                if (data.CanSeek)
                {
                    nested(data, name, work);
                }
                else
                {
                    using var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                    data.CopyTo(spool);
                    spool.Position = 0;
                    nested(spool, name, work);
                }
            }
        }
    }

    private static void Config(Stream data, long length, string member, InspectionWork work)
    {
        if (length > MaxConfigBytes)
        {
            work.Add(BuildRules.UnscannableContainer, $"the config is larger than {MaxConfigBytes >> 20} MiB, the most this scan reads", member);
            return;
        }

        try
        {
            var yaml = new YamlStream();
            yaml.Load(new StreamReader(data));
            var reported = new HashSet<string>(StringComparer.Ordinal);
            foreach (var document in yaml.Documents)
            {
                Walk(document.RootNode, member, work, reported, 0);
            }
        }
        catch (YamlException e)
        {
            work.Add(BuildRules.UnscannableContainer, $"the config is not valid YAML, so its targets cannot be judged: {e.Message}", member);
        }
    }

    private static void Walk(YamlNode node, string member, InspectionWork work, HashSet<string> reported, int depth)
    {
        if (depth > 256)
        {
            work.Add(BuildRules.UnscannableContainer, "the config nests more than 256 levels; deeper targets are not judged", member);
            return;
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    if (key is YamlScalarNode { Value: "_target_" or "target" } && value is YamlScalarNode { Value: { Length: > 0 } target } && reported.Add(target)
                        && !AllowedTargetRoots.Any(root => target.StartsWith(root, StringComparison.Ordinal)))
                    {
                        var level = GlobalPolicy.Classify(target) == GlobalClass.Denied ? DiagnosticLevel.Error : DiagnosticLevel.Warning;
                        work.Add(BuildRules.ExecutableContent, $"the config's _target_ {target} is outside NeMo's own modules: Hydra imports and calls it when the model is restored (CVE-2025-23304)", member, level: level);
                    }

                    Walk(value, member, work, reported, depth + 1);
                }

                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence.Children)
                {
                    Walk(item, member, work, reported, depth + 1);
                }

                break;
        }
    }
}
