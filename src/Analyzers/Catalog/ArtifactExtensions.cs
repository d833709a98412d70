using System;
using System.Collections.Generic;

namespace OpenModel.Analyzers.Catalog;

/// <summary>File extensions that make a plain file read a model or dataset load.</summary>
internal static class ArtifactExtensions
{
    // .bin, .pb and .zip are deliberately absent: unrelated code reads such files all the time, so they count
    // only when their bytes reach a catalogue loader.
    private static readonly HashSet<string> Model = new(StringComparer.OrdinalIgnoreCase)
    {
        ".onnx", ".ort", ".safetensors", ".gguf", ".ggml", ".pt", ".pth", ".ckpt", ".pkl", ".pickle", ".joblib",
        ".h5", ".hdf5", ".keras", ".tflite", ".mlnet", ".mlmodel",
    };

    private static readonly HashSet<string> Dataset = new(StringComparer.OrdinalIgnoreCase)
    {
        ".csv", ".tsv", ".parquet", ".jsonl", ".ndjson", ".arrow", ".feather",
    };

    public static bool IsModel(string extension) => Model.Contains(extension);

    public static bool IsDataset(string extension) => Dataset.Contains(extension);
}
