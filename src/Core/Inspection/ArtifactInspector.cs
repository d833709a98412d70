using System.Formats.Tar;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Containers;
using OpenModel.Core.Inspection.Headers;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection;

/// <summary>
/// Inspects a model artefact for executable content and malformed headers: the format is taken from the bytes, every
/// pickle in it (raw, in ZIP or tar archives, inside NumPy object arrays) is run symbolically, headers are checked
/// against the file. Nothing is executed and tensor payloads are not read.
/// </summary>
public static class ArtifactInspector
{
    public static InspectionResult Inspect(string path)
    {
        var work = new InspectionWork();
        var format = ArtifactFormat.Unknown;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);
            format = FormatDetector.Detect(stream);
            if (FormatDetector.Expected(path) is { } expected && !expected.Contains(format))
            {
                work.Add("OM4004", DiagnosticLevel.Warning, $"the extension promises {string.Join(" or ", expected)}, the content is {(format == ArtifactFormat.Unknown ? "no known model format" : format.ToString())}");
            }

            Inspect(stream, format, path, work);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            work.Add("OM4004", DiagnosticLevel.Warning, $"the file cannot be read: {e.Message}");
        }

        if (format == ArtifactFormat.Unknown && !work.Findings.Any(f => f.Level == DiagnosticLevel.Error))
        {
            // A warning in the build, but never a "safe" verdict: InspectionResult.Verdict is Error for an unknown format.
            work.Add("OM4004", DiagnosticLevel.Warning, "the content matches no known model format, so it cannot be scanned");
        }

        return new InspectionResult(path, format, work.Findings, work.Metadata);
    }

    private static void Inspect(Stream stream, ArtifactFormat format, string path, InspectionWork work)
    {
        switch (format)
        {
            case ArtifactFormat.Pickle:
                work.Metadata["format"] = "pickle";
                AddPickle(PickleScanner.Scan(stream), work);
                break;
            case ArtifactFormat.Zip:
                InspectZip(stream, work);
                break;
            case ArtifactFormat.Tar:
                InspectTar(stream, work);
                break;
            case ArtifactFormat.Numpy:
                work.Metadata["format"] = "npy";
                NumpyHeader.Inspect(stream, null, work);
                break;
            case ArtifactFormat.Hdf5:
                work.Metadata["format"] = "hdf5";
                KerasInspector.InspectBytes(stream, null, work, fileOps: false);
                break;
            case ArtifactFormat.Safetensors:
                SafetensorsHeader.Inspect(stream, work);
                break;
            case ArtifactFormat.Gguf:
                GgufHeader.Inspect(stream, work);
                break;
            case ArtifactFormat.Onnx:
                OnnxModelHeader.Inspect(stream, work);
                break;
        }
    }

    private static void InspectZip(Stream stream, InspectionWork work)
    {
        var members = ZipArchiveReader.Read(stream, work.Findings);
        work.Metadata["format"] = members.Any(m => m.Name.EndsWith("data.pkl", StringComparison.Ordinal)) ? "pytorch-zip"
            : members.Any(m => m.Name == "config.json") ? "keras"
            : members.Count > 0 && members.All(m => m.Name.EndsWith(".npy", StringComparison.Ordinal)) ? "npz"
            : "zip";
        foreach (var member in members)
        {
            var kind = member.Name.EndsWith(".pkl", StringComparison.OrdinalIgnoreCase) ? "pickle"
                : member.Name.EndsWith(".npy", StringComparison.OrdinalIgnoreCase) ? "npy"
                : member.Name == "config.json" ? "keras"
                : member.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase) || member.Name.EndsWith(".h5", StringComparison.OrdinalIgnoreCase) ? "bytes"
                : null;
            if (kind is null || (member.Flags & 1) != 0 || ZipArchiveReader.Open(stream, member, work.Findings) is not { } content)
            {
                continue;
            }

            using (content)
            {
                switch (kind)
                {
                    case "pickle":
                        AddPickle(PickleScanner.Scan(content, member.Method == 0 ? member.CompressedSize : member.UncompressedSize, member.Name), work);
                        break;
                    case "npy":
                        NumpyHeader.Inspect(content, member.Name, work);
                        break;
                    case "keras":
                        KerasInspector.InspectConfig(content, member.Name, work);
                        break;
                    default:
                        KerasInspector.InspectBytes(content, member.Name, work, fileOps: member.Name.EndsWith(".pb", StringComparison.OrdinalIgnoreCase));
                        break;
                }
            }
        }
    }

    /// <summary>torch.save's tar format (PyTorch before 0.4): the "pickle" and "sys_info" members are pickles.</summary>
    private static void InspectTar(Stream stream, InspectionWork work)
    {
        work.Metadata["format"] = "pytorch-tar";
        using var reader = new TarReader(stream, leaveOpen: true);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.DataStream is { } data && entry.Name is "pickle" or "sys_info")
            {
                AddPickle(PickleScanner.Scan(data, entry.Length, entry.Name), work);
            }
        }
    }

    private static void AddPickle((IReadOnlyList<InspectionFinding> Findings, IReadOnlyList<string> Globals) scan, InspectionWork work) =>
        work.Findings.AddRange(scan.Findings);
}
