// What MSBuild, the analyzers and OpenModel.Core must agree on, written once. This file is compiled into both
// OpenModel.Analyzers (netstandard2.0, Roslyn 4.8, no other dependency) and OpenModel.Core (net10.0) as a linked source
// file, so it uses only what netstandard2.0 offers and depends on nothing. Every type is internal: each assembly has its
// own copy, and neither exposes it.
using System;
using System.Collections.Generic;

namespace OpenModel.Contract;

/// <summary>
/// obj/openmodel.declarations.tsv: the declarations the SDK hands to the analyzers. A header line
/// <c># OpenModel declarations of &lt;project file&gt;</c>, then one tab-separated line per item with <see cref="Columns"/>.
/// Its writer is the OpenModelWriteDeclarations target (OpenModel.Sdk.targets); a test checks it against this class.
/// </summary>
internal static class DeclarationsFile
{
    public const string FileName = "openmodel.declarations.tsv";

    public const string HeaderPrefix = "# OpenModel declarations of ";

    public const char Separator = '\t';

    public const string ModelItemType = "AIModel";

    public const string DatasetItemType = "AIDataset";

    public const string ComponentItemType = "AIComponent";

    /// <summary>The item types declared in the project file, in the order the SDK writes them.</summary>
    public static readonly IReadOnlyList<string> ItemTypes = new[] { ModelItemType, DatasetItemType, ComponentItemType };

    /// <summary>The columns of an item line, in order, and the MSBuild item metadata each is written from (null: the item type itself).</summary>
    public static readonly IReadOnlyList<(string Column, string? Metadata)> Columns = new (string, string?)[]
    {
        ("ItemType", null),
        ("Include", "Identity"),
        ("Name", "Name"),
        ("Access", "Access"),
        ("DefiningProject", "DefiningProjectFullPath"),
    };

    /// <summary>"'&lt;ItemType&gt;\t&lt;Include&gt;\t…'": what a malformed line should have looked like.</summary>
    public static string LineShape()
    {
        var parts = new string[Columns.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = "<" + Columns[i].Column + ">";
        }

        return "'" + string.Join("\\t", parts) + "'";
    }
}

/// <summary>
/// Names of the properties the analyzers put on their diagnostics, which reach the AI-BOM task through the compiler's
/// SARIF log (<c>result.properties.customProperties</c>).
/// </summary>
internal static class DiagnosticProperties
{
    /// <summary>On OM2001–OM2003: the item type the load would be declared as.</summary>
    public const string ItemType = "ItemType";

    /// <summary>On OM2001–OM2003: the path or model id the load resolved to, as an Include would name it.</summary>
    public const string Include = "Include";

    /// <summary>On OM2000: "site0", "site1", … one per related location, each "&lt;ItemType&gt;\t&lt;Include&gt;" of the declaration it loads.</summary>
    public const string SitePrefix = "site";

    public const char SiteSeparator = '\t';

    public static string Site(string itemType, string include) => itemType + SiteSeparator + include;

    /// <summary>Splits a site value; false when it is not "&lt;ItemType&gt;\t&lt;Include&gt;".</summary>
    public static bool TryParseSite(string? value, out string itemType, out string include)
    {
        itemType = include = string.Empty;
        var parts = value?.Split(SiteSeparator);
        if (parts is not { Length: 2 })
        {
            return false;
        }

        itemType = parts[0];
        include = parts[1];
        return true;
    }
}

/// <summary>The rule ID ranges both sides act on (the IDs themselves are in src/Analyzers/RuleIdentifiers.cs).</summary>
internal static class RuleIds
{
    /// <summary>OM1001–OM1999: security rules of the analyzers; their unsuppressed findings are listed in the AI-BOM.</summary>
    public static bool IsSecurity(string? id) => IsInRange(id, 1001, 1999);

    /// <summary>OM2001–OM2004: a load the analyzers could not match to a declaration; the BOM's composition is then incomplete.</summary>
    public static bool IsUnmatchedLoad(string? id) => IsInRange(id, 2001, 2004);

    private static bool IsInRange(string? id, int first, int last)
    {
        if (id is not { Length: 6 } || !id.StartsWith("OM", StringComparison.Ordinal))
        {
            return false;
        }

        var number = 0;
        for (var i = 2; i < 6; i++)
        {
            if (id[i] < '0' || id[i] > '9')
            {
                return false;
            }

            number = (number * 10) + (id[i] - '0');
        }

        return number >= first && number <= last;
    }
}

/// <summary><c>Access="Api"</c> on an AIModel: a model reached over the network, not weights on disk.</summary>
internal static class ModelAccess
{
    public const string Metadata = "Access";

    public const string Api = "Api";

    public static bool IsRemote(string? access) => string.Equals(access?.Trim(), Api, StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// A hosted model's id as declared (<c>Include="openai:gpt-4o-mini"</c>) or used in code (<c>"gpt-4o-mini"</c>). A prefix
/// before the first ':' names who serves the model only when it is a known provider: Ollama tags (<c>llama3:8b</c>) and
/// Hub ids with a tag (<c>org/model:tag</c>) also hold a ':', and there the whole text is the model id.
/// </summary>
internal readonly struct ModelServiceId
{
    /// <summary>Provider prefixes, lower case. Only these are split off an id.</summary>
    public static readonly IReadOnlyList<string> KnownProviders = new[]
    {
        "openai", "azure-openai", "azure", "anthropic", "huggingface", "ollama", "google", "mistral",
        "groq", "together", "cohere", "deepseek", "openrouter", "fireworks", "bedrock", "vertex", "github", "xai", "perplexity",
    };

    private ModelServiceId(string? provider, string model)
    {
        Provider = provider;
        Model = model;
    }

    /// <summary>The provider prefix as written ("openai"), or null when the id names none.</summary>
    public string? Provider { get; }

    /// <summary>The model id without its provider prefix ("gpt-4o-mini", "llama3:8b", "org/model:tag").</summary>
    public string Model { get; }

    public static ModelServiceId Parse(string id)
    {
        var colon = id.IndexOf(':');
        if (colon > 0 && colon < id.Length - 1)
        {
            var prefix = id.Substring(0, colon);
            foreach (var known in KnownProviders)
            {
                if (string.Equals(prefix, known, StringComparison.OrdinalIgnoreCase))
                {
                    return new ModelServiceId(prefix, id.Substring(colon + 1));
                }
            }
        }

        return new ModelServiceId(null, id);
    }
}

/// <summary>
/// File extensions of model and dataset artefacts, one table for every side: which plain file reads the analyzers count
/// as a model or dataset load, which files <c>openmodel scan</c> judges by name, and which item type the IDE offers.
/// </summary>
internal static class ArtifactExtensions
{
    [Flags]
    public enum Use
    {
        None = 0,

        /// <summary>Reading such a file is a model load (OM2001 when undeclared).</summary>
        ModelLoad = 1,

        /// <summary>Reading such a file is a dataset load (OM2002 when undeclared).</summary>
        DatasetLoad = 2,

        /// <summary>The inspector reads the format, so <c>openmodel scan</c> judges every such file.</summary>
        Scanned = 4,
    }

    // .bin, .pb and .zip are deliberately absent: unrelated code reads such files all the time, so they count only when
    // their bytes reach a catalogue loader, and scan judges them by content. NumPy arrays may hold pickles, so scan judges
    // them, but an array is as often data as weights: reading one is not attributed to either.
    public static readonly IReadOnlyList<(string Extension, Use Use)> All = new[]
    {
        (".onnx", Use.ModelLoad | Use.Scanned),
        (".ort", Use.ModelLoad | Use.Scanned),
        (".safetensors", Use.ModelLoad | Use.Scanned),
        (".gguf", Use.ModelLoad | Use.Scanned),
        (".ggml", Use.ModelLoad),
        (".pt", Use.ModelLoad | Use.Scanned),
        (".pth", Use.ModelLoad | Use.Scanned),
        (".ckpt", Use.ModelLoad | Use.Scanned),
        (".pkl", Use.ModelLoad | Use.Scanned),
        (".pickle", Use.ModelLoad | Use.Scanned),
        (".joblib", Use.ModelLoad | Use.Scanned),
        (".dill", Use.ModelLoad | Use.Scanned),
        (".h5", Use.ModelLoad | Use.Scanned),
        (".hdf5", Use.ModelLoad | Use.Scanned),
        (".keras", Use.ModelLoad | Use.Scanned),
        (".tflite", Use.ModelLoad),
        (".mlnet", Use.ModelLoad | Use.Scanned),
        (".mlmodel", Use.ModelLoad),
        (".nemo", Use.ModelLoad | Use.Scanned),
        (".skops", Use.ModelLoad | Use.Scanned),
        (".npy", Use.Scanned),
        (".npz", Use.Scanned),
        (".csv", Use.DatasetLoad),
        (".tsv", Use.DatasetLoad),
        (".parquet", Use.DatasetLoad),
        (".jsonl", Use.DatasetLoad),
        (".ndjson", Use.DatasetLoad),
        (".arrow", Use.DatasetLoad),
        (".feather", Use.DatasetLoad),
    };

    private static readonly Dictionary<string, Use> ByExtension = Index();

    /// <summary><paramref name="extension"/> with its dot (".onnx"), any case.</summary>
    public static bool IsModel(string extension) => Has(extension, Use.ModelLoad);

    public static bool IsDataset(string extension) => Has(extension, Use.DatasetLoad);

    public static bool IsScanned(string extension) => Has(extension, Use.Scanned);

    private static bool Has(string extension, Use use) => ByExtension.TryGetValue(extension, out var found) && (found & use) != 0;

    private static Dictionary<string, Use> Index()
    {
        var index = new Dictionary<string, Use>(StringComparer.OrdinalIgnoreCase);
        foreach (var (extension, use) in All)
        {
            index.Add(extension, use);
        }

        return index;
    }
}
