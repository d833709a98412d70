using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace SentimentService;

/// <summary>The ONNX sentiment model: one session for the app's lifetime, as ONNX Runtime sessions are thread-safe.</summary>
public sealed class SentimentModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Dictionary<string, int> _vocabulary;

    public SentimentModel(IConfiguration configuration)
    {
        var modelPath = Path.Combine(AppContext.BaseDirectory, configuration["Sentiment:ModelPath"]!);
        _session = new InferenceSession(modelPath);
        _vocabulary = _session.ModelMetadata.CustomMetadataMap["vocabulary"]
            .Split('\n')
            .Select((token, index) => (token, index))
            .ToDictionary(p => p.token, p => p.index);
    }

    public Prediction Predict(string text)
    {
        var features = new DenseTensor<float>(TextFeatures.Vectorize(text, _vocabulary), new[] { 1, _vocabulary.Count });
        using var results = _session.Run(new[] { NamedOnnxValue.CreateFromTensor("features", features) });
        var probability = results.First().AsEnumerable<float>().First();
        return new Prediction(probability >= 0.5f ? "positive" : "negative", probability);
    }

    public void Dispose() => _session.Dispose();
}

public sealed record Prediction(string Label, float PositiveProbability);
