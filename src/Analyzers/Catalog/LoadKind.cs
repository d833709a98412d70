namespace OpenModel.Analyzers.Catalog;

/// <summary>What a catalogue API brings into the process.</summary>
internal enum LoadKind
{
    /// <summary>Model weights or a serialized model from disk.</summary>
    Model,

    /// <summary>Tokenizer vocabulary or model files; they are part of the model and are declared with it.</summary>
    Tokenizer,

    /// <summary>Training, evaluation or inference data.</summary>
    Dataset,

    /// <summary>A client bound to a model served over the network; the argument is a model id.</summary>
    RemoteModel,

    /// <summary>A general-purpose file read; it counts only when the file has a model or dataset extension.</summary>
    RawRead,
}
