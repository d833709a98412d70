using OpenModel.Core.Inspection;

namespace OpenModel.Core.Facts;

/// <summary>
/// One chat template a declared model carries: read from the model file itself (GGUF <c>tokenizer.chat_template</c> and
/// its named variants) or from a Hugging Face file beside it (<see cref="ModelFileSelection.ChatTemplateFiles"/>).
/// <paramref name="File"/> is relative to the project; <paramref name="Part"/> holds the template's hash, length and findings.
/// </summary>
public sealed record ChatTemplateFact(string File, bool BesideModel, InspectedPart Part);
