using OpenModel.Core.Inspection;

namespace OpenModel.Core.Facts;

/// <summary>
/// One chat template a declared model carries: read from the model file itself (GGUF <c>tokenizer.chat_template</c> and
/// its named variants) or from a Hugging Face file beside it (<see cref="ModelFileSelection.ChatTemplateFiles"/>).
/// <paramref name="File"/> is relative to the project; <paramref name="Part"/> holds the template's hash, length and findings.
/// Its identity, name and description are facts every writer states alike.
/// </summary>
public sealed record ChatTemplateFact(string File, bool BesideModel, InspectedPart Part)
{
    public const string BomRefPrefix = "chat-template:";

    /// <summary>Two files beside a model may both hold a "chat_template": the file is part of the identity when it is not the model.</summary>
    public string BomRef(DeclaredArtifact model) =>
        BesideModel ? $"{BomRefPrefix}{model.RelativePath}#{File}#{Part.Name}" : $"{BomRefPrefix}{model.RelativePath}#{Part.Name}";

    public string Name(DeclaredArtifact model) =>
        BesideModel ? $"{model.Name} {Part.Name} ({Path.GetFileName(File)})" : $"{model.Name} {Part.Name}";

    public string Description(DeclaredArtifact model) =>
        $"Chat template of {model.Name} (Jinja run on every prompt), {Part.Name} in {File}, {Part.Length:N0} bytes";
}
