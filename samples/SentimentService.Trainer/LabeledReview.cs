namespace SentimentService.Trainer;

public sealed record LabeledReview(bool Positive, string Text)
{
    /// <summary>Reads the "label,text" CSV the sample ships; the text may itself contain commas.</summary>
    public static IReadOnlyList<LabeledReview> ReadCsv(string path) =>
        File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split(',', 2))
            .Select(parts => new LabeledReview(parts[0] == "1", parts[1]))
            .ToList();
}
