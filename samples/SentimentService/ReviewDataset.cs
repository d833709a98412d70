namespace SentimentService;

/// <summary>The labelled reviews the model was trained on, used by /evaluate to report accuracy.</summary>
public static class ReviewDataset
{
    private static readonly string CsvPath = Path.Combine(AppContext.BaseDirectory, "data", "reviews.csv");

    public static IEnumerable<(bool Positive, string Text)> Read() =>
        File.ReadLines(CsvPath)
            .Skip(1)
            .Select(line => line.Split(',', 2))
            .Select(parts => (parts[0] == "1", parts[1]));
}
