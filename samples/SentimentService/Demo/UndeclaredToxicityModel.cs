using Microsoft.ML.OnnxRuntime;

namespace SentimentService.Demo;

/// <summary>
/// Compiled only with -p:ShowUndeclaredLoad=true: loads a model the project does not declare, to show what the
/// build says (this sample turns OM2001 into an error).
/// </summary>
public static class UndeclaredToxicityModel
{
    public static InferenceSession Load() =>
        new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", "toxicity.onnx"));
}
