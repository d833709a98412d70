using SentimentService;
using SentimentService.Trainer;

// Usage: dotnet run --project samples/SentimentService.Trainer -- <reviews.csv> <output.onnx>
var dataPath = args.ElementAtOrDefault(0) ?? Path.Combine("samples", "SentimentService", "data", "reviews.csv");
var modelPath = args.ElementAtOrDefault(1) ?? Path.Combine("samples", "SentimentService", "models", "sentiment.onnx");

var reviews = LabeledReview.ReadCsv(dataPath);
var vocabulary = reviews
    .SelectMany(r => TextFeatures.Tokenize(r.Text).Distinct())
    .GroupBy(token => token)
    .Where(g => g.Count() >= 2)
    .Select(g => g.Key)
    .Order(StringComparer.Ordinal)
    .Select((token, index) => (token, index))
    .ToDictionary(p => p.token, p => p.index);

var features = reviews.Select(r => TextFeatures.Vectorize(r.Text, vocabulary)).ToList();
var (weights, bias) = new LogisticRegression().Fit(features, reviews.Select(r => r.Positive).ToList());

var metadata = new Dictionary<string, string>
{
    ["vocabulary"] = string.Join('\n', vocabulary.OrderBy(p => p.Value).Select(p => p.Key)),
    ["license"] = "MIT",
    ["training_data"] = "data/reviews.csv",
};
File.WriteAllBytes(modelPath, OnnxModelWriter.Write(weights, bias, metadata));

var correct = features.Zip(reviews).Count(p => (1 / (1 + Math.Exp(-(p.First.Zip(weights, (x, w) => x * w).Sum() + bias))) >= 0.5) == p.Second.Positive);
Console.WriteLine($"Trained on {reviews.Count} reviews, {vocabulary.Count} features; training accuracy {correct / (double)reviews.Count:P1}; wrote {modelPath}");
