// A model-serving minimal API, as teams write them. Labels: "expect: ID" must be reported on that line, "ok: ID" must not.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.ML;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.Tokenizers;
using OpenAI.Chat;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
var models = new Dictionary<string, string> { ["sentiment"] = "models/sentiment.onnx", ["toxicity"] = "models/toxicity.onnx" };

app.MapGet("/score/{model}", (string model, string text) =>
{
    using var session = new InferenceSession(Path.Combine("models", model)); // expect: OM1001
    return session.InputMetadata.Count;
}).RequireRateLimiting("fixed");

app.MapGet("/score2/{model}", (string model) =>
{
    using var session = new InferenceSession(models[model]); // ok: OM1001
    return session.InputMetadata.Count;
}).RequireRateLimiting("fixed");

app.MapGet("/score3/{model}", (string model) =>
{
    using var session = new InferenceSession(Path.Combine("models", Path.GetFileName(model))); // ok: OM1001
    return session.InputMetadata.Count;
}).RequireRateLimiting("fixed");

app.MapGet("/score4/{version}", (int version) =>
{
    using var session = new InferenceSession($"models/sentiment-v{version}.onnx"); // ok: OM1001
    return session.InputMetadata.Count;
}).RequireRateLimiting("fixed");

app.MapPost("/tokens", (HttpRequest request) =>
{
    var vocabulary = request.Query["vocab"].ToString();
    var tokenizer = BertTokenizer.Create(vocabulary); // expect: OM1001
    return tokenizer.CountTokens("hello");
});

app.MapPost("/upload", (IFormFile file, MLContext ml) =>
{
    var data = ml.Data.LoadFromTextFile<Row>(Path.Combine("uploads", file.FileName)); // expect: OM1001
    var safe = ml.Data.LoadFromTextFile<Row>(Path.Combine("uploads", Path.GetFileName(file.FileName))); // ok: OM1001
    return data.Schema.Count + safe.Schema.Count;
});

app.MapPost("/contained", (string name) =>
{
    var root = Path.GetFullPath("models");
    var full = Path.GetFullPath(Path.Combine(root, name));
    if (!full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
    {
        return Results.BadRequest();
    }

    using var session = new InferenceSession(full); // ok: OM1001
    return Results.Ok(session.InputMetadata.Count);
}).RequireAuthorization();

app.MapPost("/chat", (string question, string persona, ChatClient chat) => // expect: OM1017
{
    OpenAI.Chat.ChatMessage[] messages =
    [
        new SystemChatMessage($"You are {persona}, a helpful assistant."), // expect: OM1009
        new UserChatMessage(question), // ok: OM1009
    ];
    return chat.CompleteChat(messages).Value.Content[0].Text; // expect: OM1016
});

app.MapPost("/chat2", (string question, ChatClient chat) => // ok: OM1017
{
    var options = new ChatCompletionOptions { MaxOutputTokenCount = 400 };
    var system = new SystemChatMessage("You are a helpful assistant."); // ok: OM1009
    return chat.CompleteChat([system, new UserChatMessage(question)], options).Value.Content[0].Text; // ok: OM1016
}).RequireAuthorization();

app.MapPost("/summarise", async (string text, IChatClient client) =>
{
    var response = await client.GetResponseAsync($"Summarise: {text}"); // expect: OM1016
    return Results.Content(response.Text, "text/html"); // expect: OM1013
}).RequireAuthorization();

app.MapPost("/summarise2", async (string text, IChatClient client) =>
{
    var response = await client.GetResponseAsync($"Summarise: {text}", new ChatOptions { MaxOutputTokens = 300 }); // ok: OM1016
    return Results.Content(response.Text, "text/plain"); // ok: OM1013
}).RequireAuthorization();

app.MapPost("/agent", async (string goal, IChatClient client) =>
{
    var plan = await client.GetResponseAsync(goal, new ChatOptions { MaxOutputTokens = 200 });
    Process.Start("bash", "-c " + plan.Text); // expect: OM1011
    Process.Start("git", "status"); // ok: OM1011
    var report = File.ReadAllText(plan.Text); // expect: OM1014
    var page = await new HttpClient().GetStringAsync(plan.Text); // expect: OM1014
    var known = File.ReadAllText(Path.Combine("reports", Path.GetFileName(plan.Text))); // ok: OM1014
    return report + page + known;
}).RequireAuthorization();

app.MapGet("/health", () => "ok"); // ok: OM1017

app.Run();

public sealed class Row
{
    [Microsoft.ML.Data.LoadColumn(0)]
    public string Text { get; set; } = string.Empty;
}

public sealed class ModelUpdater(HttpClient http, ILogger<ModelUpdater> logger, IConfiguration configuration)
{
    private const string Pinned = "1f073e82f5118fa4d0691cb5d3391095e6dc5f71b99d743219407b628d6ab867";

    public async Task UpdateInsecure()
    {
        var bytes = await http.GetByteArrayAsync("http://models.contoso.example/sentiment.onnx"); // expect: OM1003, OM1004
        File.WriteAllBytes("models/sentiment.onnx", bytes);
    }

    public async Task UpdateUnverified()
    {
        var bytes = await http.GetByteArrayAsync("https://models.contoso.example/sentiment.onnx"); // expect: OM1004
        File.WriteAllBytes("models/sentiment.onnx", bytes);
    }

    public async Task UpdateVerified()
    {
        var bytes = await http.GetByteArrayAsync("https://models.contoso.example/sentiment.onnx"); // ok: OM1003, OM1004
        if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != Pinned)
        {
            throw new InvalidDataException("sentiment.onnx does not match its pinned hash");
        }

        File.WriteAllBytes("models/sentiment.onnx", bytes);
    }

    public async Task<string> Fetch() => await http.GetStringAsync("http://status.contoso.example/ping"); // ok: OM1003

    public async Task Diagnose(IChatClient client)
    {
        var connection = configuration.GetConnectionString("Orders");
        var answer = await client.GetResponseAsync($"Why does this connection fail? {connection}"); // expect: OM1018
        logger.LogInformation("Model answered {Answer}", answer.Text); // expect: OM1018
        logger.LogDebug("Model answered {Answer}", answer.Text); // ok: OM1018
        var model = configuration["OpenAI:Model"];
        var fine = await client.GetResponseAsync($"Which model is {model}?"); // ok: OM1018
    }
}
