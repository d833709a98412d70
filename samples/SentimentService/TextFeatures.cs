using System.Text.RegularExpressions;

namespace SentimentService;

/// <summary>Bag-of-words features: the trainer and the service must tokenize identically, so both compile this file.</summary>
public static partial class TextFeatures
{
    public static IEnumerable<string> Tokenize(string text) =>
        WordPattern().Matches(text.ToLowerInvariant()).Select(m => m.Value);

    public static float[] Vectorize(string text, IReadOnlyDictionary<string, int> vocabulary)
    {
        var features = new float[vocabulary.Count];
        foreach (var token in Tokenize(text))
        {
            if (vocabulary.TryGetValue(token, out var index))
            {
                features[index] = 1f;
            }
        }

        return features;
    }

    [GeneratedRegex("[a-z']+")]
    private static partial Regex WordPattern();
}
