// Background workers and batch jobs: no HTTP input, but model output and files.
using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Hosting;
using Microsoft.ML.OnnxRuntime;
using OpenAI.Chat;

namespace Contoso.Workers;

public sealed class TriageWorker(ChatClient chat, IChatClient client) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var completion = await chat.CompleteChatAsync("Which model should triage today's tickets?"); // ok: OM1016
        var modelPath = completion.Value.Content[0].Text;
        using var session = new InferenceSession(modelPath); // expect: OM1001
        var command = completion.Value.Content[0].Text.Trim();
        var info = new ProcessStartInfo("triage") { Arguments = command }; // expect: OM1011
        var plugin = Type.GetType(completion.Value.Content[0].Text); // expect: OM1014
        var typeName = completion.Value.Content[0].Text switch
        {
            "fast" => "Contoso.Triage.Fast",
            _ => "Contoso.Triage.Careful",
        };
        var known = Type.GetType(Map(typeName)); // ok: OM1014
        var response = await client.GetResponseAsync("Summarise the queue", cancellationToken: stoppingToken); // ok: OM1016
        await File.WriteAllTextAsync("summary.txt", response.Text, stoppingToken); // ok: OM1014
    }

    private static string Map(string name) => name == "Contoso.Triage.Fast" ? "Contoso.Triage.Fast" : "Contoso.Triage.Careful";
}

public static class BatchScoring
{
    public static int Score(string[] args)
    {
        var path = args.Length > 0 ? args[0] : "models/batch.onnx";
        using var session = new InferenceSession(path); // ok: OM1001
        var plugin = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "plugins", "scoring.dll")); // expect: OM1002
        return session.InputMetadata.Count + plugin.GetTypes().Length;
    }
}

public sealed class ScoringController : Microsoft.AspNetCore.Mvc.ControllerBase
{
    private readonly InferenceSession _session = new("models/scoring.onnx");

    [Microsoft.AspNetCore.Mvc.HttpPost("score")]
    public int Score(string text) => _session.Run(new System.Collections.Generic.List<NamedOnnxValue>()).Count; // expect: OM1017

    [Microsoft.AspNetCore.Authorization.Authorize]
    [Microsoft.AspNetCore.Mvc.HttpPost("score-secure")]
    public int ScoreSecure(string text) => _session.Run(new System.Collections.Generic.List<NamedOnnxValue>()).Count; // ok: OM1017
}

