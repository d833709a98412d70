using SentimentService;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<SentimentModel>();

var app = builder.Build();

app.MapPost("/predict", (Review review, SentimentModel model) =>
    string.IsNullOrWhiteSpace(review.Text) ? Results.BadRequest("text is required") : Results.Ok(model.Predict(review.Text)));

app.MapGet("/evaluate", (SentimentModel model) =>
{
    var reviews = ReviewDataset.Read().ToList();
    var correct = reviews.Count(r => model.Predict(r.Text).Label == (r.Positive ? "positive" : "negative"));
    return Results.Ok(new { reviews = reviews.Count, accuracy = correct / (double)reviews.Count });
});

app.Run();

public sealed record Review(string Text);
