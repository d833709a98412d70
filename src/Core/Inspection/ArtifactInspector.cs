using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Containers;
using OpenModel.Core.Inspection.Headers;
using OpenModel.Core.Inspection.Pickle;
using OpenModel.Core.IO;

namespace OpenModel.Core.Inspection;

/// <summary>
/// Inspects a model artefact for executable content and malformed headers: the format is taken from the bytes, every
/// pickle in it (raw, in ZIP or tar archives, inside NumPy object arrays) is run symbolically, headers are checked
/// against the file. Nothing is executed and tensor payloads are not read. Only regular files are opened.
/// </summary>
public static class ArtifactInspector
{
    /// <summary>
    /// The version of the rules that judge a file. Raise it whenever a rule change can change a verdict or a finding:
    /// every <see cref="InspectionResult"/> records it, and a cached result from another version is recomputed.
    /// </summary>
    public const string RuleSetVersion = "om4-2026.12.5";

    public static InspectionResult Inspect(string path)
    {
        var work = new InspectionWork();
        var format = ArtifactFormat.Unknown;
        if (!RegularFile.TryOpenRead(path, out var file, out var problem, FileOptions.RandomAccess, 1 << 16))
        {
            work.Add(BuildRules.UnscannableContainer, $"not inspected: {problem}");
            return Result(path, format, work);
        }

        try
        {
            using var stream = file!;
            format = ModelFileSelection.IsCodeRunningConfig(path) ? ArtifactFormat.Config : FormatDetector.Detect(stream);
            if (format == ArtifactFormat.Unknown && IsGzip(stream) && path.EndsWith(".nemo", StringComparison.OrdinalIgnoreCase))
            {
                // NeMo also writes gzip-compressed tars; the tar inside is walked as a stream.
                format = ArtifactFormat.Tar;
                using var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress, leaveOpen: true);
                NemoArchive.Inspect(gzip, work, Nested);
                return Result(path, format, work);
            }

            if (FormatDetector.Expected(path) is { } expected && !expected.Contains(format))
            {
                work.Add(BuildRules.UnscannableContainer, $"the extension promises {string.Join(" or ", expected)}, the content is {(format == ArtifactFormat.Unknown ? "no known model format" : format.ToString())}");
            }

            Inspect(stream, format, path, work);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            work.Add(BuildRules.UnscannableContainer, $"the file cannot be read: {e.Message}");
        }
#pragma warning disable CA1031 // A reader that fails on one hostile file costs that file its verdict, never the build or the scan.
        catch (Exception e)
#pragma warning restore CA1031
        {
            work.Add(BuildRules.UnscannableContainer, $"the inspector failed on this file ({e.GetType().Name}: {e.Message}); it cannot be judged", level: DiagnosticLevel.Error);
        }

        if (format == ArtifactFormat.Unknown && !work.Findings.Any(f => f.Level == DiagnosticLevel.Error))
        {
            // A warning in the build, but never a "safe" verdict: InspectionResult.Verdict is Error for an unknown format.
            work.Add(BuildRules.UnscannableContainer, "the content matches no known model format, so it cannot be scanned");
        }

        return Result(path, format, work);
    }

    /// <summary>A file inside an archive (a NeMo checkpoint), judged as a file of its own; its findings name the member.</summary>
    private static void Nested(Stream member, string name, InspectionWork work)
    {
        var inner = new InspectionWork();
        var format = FormatDetector.Detect(member);
        if (format == ArtifactFormat.Unknown)
        {
            work.Add(BuildRules.UnscannableContainer, "the member matches no known model format, so it cannot be scanned", name);
            return;
        }

        Inspect(member, format, name, inner);
        work.Findings.AddRange(inner.Findings.Select(f => f with { Member = f.Member is null ? name : $"{name} → {f.Member}" }));
        work.Parts.AddRange(inner.Parts);
    }

    private static bool IsGzip(Stream stream)
    {
        stream.Position = 0;
        var head = new byte[2];
        var gzip = stream.ReadAtLeast(head, 2, throwOnEndOfStream: false) == 2 && head[0] == 0x1f && head[1] == 0x8b;
        stream.Position = 0;
        return gzip;
    }

    private static InspectionResult Result(string path, ArtifactFormat format, InspectionWork work) =>
        new(path, format, work.Findings, work.Metadata, RuleSetVersion, work.Parts);

    private static void Inspect(Stream stream, ArtifactFormat format, string path, InspectionWork work)
    {
        switch (format)
        {
            case ArtifactFormat.Pickle:
                work.Metadata["format"] = "pickle";
                work.Findings.AddRange(PickleScanner.Scan(stream).Findings);
                break;
            case ArtifactFormat.Zip:
                ZipInspector.Inspect(stream, work);
                break;
            case ArtifactFormat.Tar when NemoArchive.IsNemo(stream):
                NemoArchive.Inspect(stream, work, Nested);
                break;
            case ArtifactFormat.Tar:
                LegacyTorchTar.Inspect(stream, work);
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
            case ArtifactFormat.Config:
                ChatTemplate.InspectConfig(stream, Path.GetFileName(path), work);
                break;
            case ArtifactFormat.Onnx:
                OnnxModelHeader.Inspect(stream, path, work);
                break;
        }
    }
}
