using SentimentService;
using SentimentService.Components;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton<SentimentModel>();
builder.Services.AddRazorComponents();

var app = builder.Build();

app.MapPost("/predict", (Review review, SentimentModel model) =>
    string.IsNullOrWhiteSpace(review.Text) ? Results.BadRequest("text is required") : Results.Ok(model.Predict(review.Text)));

app.MapGet("/evaluate", (SentimentModel model) =>
{
    var reviews = ReviewDataset.Read().ToList();
    var correct = reviews.Count(r => model.Predict(r.Text).Label == (r.Positive ? "positive" : "negative"));
    return Results.Ok(new { reviews = reviews.Count, accuracy = correct / (double)reviews.Count });
});

// The Blazor page Components/Pages/Sentiment.razor at /sentiment, rendered on the server (static SSR).
app.UseAntiforgery();
app.MapRazorComponents<App>();

app.Run();

public sealed record Review(string Text);
