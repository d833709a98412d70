using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Contract;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// What a plain file read whose path is only known at run time reads, judged from the path expression itself: the
/// extension of the literal it ends with (<c>Path.Combine(dir, name + ".onnx")</c>), or the name of the variable that
/// holds it (<c>modelPath</c>, <c>vocabFile</c>, <c>datasetPath</c>, <c>_dataLocation</c>). Names of settings and
/// identifiers (<c>modelConfigPath</c>, <c>modelName</c>) are not paths of an artefact.
/// </summary>
internal static class ArtifactNames
{
    private static readonly HashSet<string> ModelWords = new(StringComparer.OrdinalIgnoreCase) { "model", "models", "weights", "checkpoint", "ckpt", "onnx", "gguf", "safetensors" };
    private static readonly HashSet<string> TokenizerWords = new(StringComparer.OrdinalIgnoreCase) { "vocab", "vocabulary", "tokenizer", "merges" };
    private static readonly HashSet<string> DatasetWords = new(StringComparer.OrdinalIgnoreCase) { "dataset", "datasets", "corpus" };
    private static readonly HashSet<string> DataWords = new(StringComparer.OrdinalIgnoreCase) { "data", "label", "labels", "training", "train" };
    private static readonly HashSet<string> PathWords = new(StringComparer.OrdinalIgnoreCase) { "path", "file", "filename", "dir", "directory", "folder", "location", "root" };
    private static readonly HashSet<string> NotArtefactWords = new(StringComparer.OrdinalIgnoreCase) { "config", "configuration", "settings", "options", "json", "name", "id", "log", "cache", "output", "save", "export", "temp" };

    public static LoadKind? KindOf(IOperation path)
    {
        if (Flow.UrlLiteralFinder.Suffix(path) is { } suffix)
        {
            var extension = Declarations.ArtifactPath.Extension(Declarations.ArtifactPath.Normalize("file" + suffix));
            if (ArtifactExtensions.IsModel(extension))
            {
                return LoadKind.Model;
            }

            if (ArtifactExtensions.IsDataset(extension))
            {
                return LoadKind.Dataset;
            }
        }

        // Path.Combine(_dataLocation, name): any segment may carry the telling name, the last one first.
        if (path is IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" } } combine)
        {
            return combine.Arguments.SelectMany(a => Resolution.CollectionElements.Of(a.Value)).Reverse()
                .Select(segment => NameOf(segment) is { } segmentName ? KindOfName(segmentName) : null)
                .FirstOrDefault(kind => kind is not null);
        }

        return NameOf(path) is { } name ? KindOfName(name) : null;
    }

    internal static LoadKind? KindOfName(string name)
    {
        var words = Words(name).ToList();
        if (words.Count == 0 || words.Any(NotArtefactWords.Contains))
        {
            return null;
        }

        var pathLike = words.Any(PathWords.Contains) || words.Count == 1;
        if (!pathLike)
        {
            return null;
        }

        return words.Any(TokenizerWords.Contains) ? LoadKind.Tokenizer
            : words.Any(ModelWords.Contains) ? LoadKind.Model
            : words.Any(DatasetWords.Contains) || (words.Any(DataWords.Contains) && words.Count > 1) ? LoadKind.Dataset
            : null;
    }

    private static string? NameOf(IOperation path) => path switch
    {
        IConversionOperation conversion => NameOf(conversion.Operand),
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
        _ => null,
    };

    /// <summary>modelPath → model, path; _dataLocation → data, location; ONNX_MODEL_FILE → onnx, model, file.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsLetterOrDigit(name[i])
                || (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
                || (i > 0 && i + 1 < name.Length && char.IsUpper(name[i]) && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]));
            if (boundary && start >= 0)
            {
                yield return name.Substring(start, i - start);
                start = -1;
            }

            if (i < name.Length && char.IsLetterOrDigit(name[i]) && start < 0)
            {
                start = i;
            }
        }
    }
}
