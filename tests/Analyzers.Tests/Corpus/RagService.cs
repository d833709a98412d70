// Retrieval-augmented generation service with Semantic Kernel- and Dapper-style APIs (look-alike types for packages not restored here).
using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using System.Data;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.SemanticKernel.ChatCompletion
{
    public sealed class ChatHistory
    {
        public void AddSystemMessage(string content) { }

        public void AddUserMessage(string content) { }
    }
}

namespace Dapper
{
    public static class SqlMapper
    {
        public static IEnumerable<T> Query<T>(this IDbConnection connection, string sql, object? param = null) => [];
    }
}

namespace Contoso.Rag
{
    using Dapper;
    using Microsoft.SemanticKernel.ChatCompletion;

    public sealed class Customer
    {
        [PersonalData]
        public string Email { get; set; } = string.Empty;

        public string Segment { get; set; } = string.Empty;
    }

    public static class RagEndpoints
    {
        public static void Map(WebApplication app, IDbConnection db, IConfiguration configuration, ILogger logger)
        {
            app.MapPost("/rag/ask", async (string question, string tone, IChatClient client) => // expect: OM1017
            {
                var history = new ChatHistory();
                history.AddSystemMessage("Answer from the documents only. Tone: " + tone); // expect: OM1009
                history.AddSystemMessage("Answer from the documents only."); // ok: OM1009
                history.AddUserMessage(question); // ok: OM1009
                var answer = await client.GetResponseAsync(question); // expect: OM1016
                logger.LogWarning("Unusual answer: {Answer}", answer.Text); // expect: OM1018
                logger.LogWarning("Unusual answer of {Length} characters", answer.Text.Length); // ok: OM1018
                return answer.Text;
            });

            app.MapPost("/rag/stream", (string question, IChatClient client) => // expect: OM1017
                client.GetStreamingResponseAsync(question)); // expect: OM1016

            app.MapPost("/rag/stream2", (string question, IChatClient client) => // ok: OM1017
                client.GetStreamingResponseAsync(question, new ChatOptions { MaxOutputTokens = 500 })).RequireRateLimiting("per-user"); // ok: OM1016

            app.MapPost("/rag/sql", async (string question, IChatClient client) =>
            {
                var sql = (await client.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 200 })).Text;
                var rows = db.Query<Customer>(sql); // expect: OM1012
                var safe = db.Query<Customer>("SELECT * FROM customers WHERE segment = @segment", new { segment = sql }); // ok: OM1012
                return rows.Count() + safe.Count();
            }).RequireAuthorization();

            app.MapPost("/rag/fetch", async (string question, IChatClient client, HttpClient http) =>
            {
                var url = (await client.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 50 })).Text;
                var request = new HttpRequestMessage(HttpMethod.Get, url); // expect: OM1014
                var fixedRequest = new HttpRequestMessage(HttpMethod.Get, "https://docs.contoso.example/index.json"); // ok: OM1014
                return (await http.SendAsync(request)).StatusCode.ToString() + fixedRequest.Method;
            }).RequireAuthorization();

            app.MapPost("/rag/profile", async (Customer customer, IChatClient client) =>
            {
                var reply = await client.GetResponseAsync($"Write to {customer.Email}", new ChatOptions { MaxOutputTokens = 100 }); // expect: OM1018
                var segment = await client.GetResponseAsync($"Describe segment {customer.Segment}", new ChatOptions { MaxOutputTokens = 100 }); // ok: OM1018
                return reply.Text + segment.Text;
            }).RequireAuthorization();

            app.MapGet("/rag/model/{name}", (string name) => // ok: OM1017
            {
                var folder = Path.Combine(AppContext.BaseDirectory, "models");
                using var session = new InferenceSession(Path.Combine(folder, name + ".onnx")); // expect: OM1001
                return session.InputMetadata.Count;
            }).RequireRateLimiting("fixed");

            app.MapGet("/rag/model2/{id:int}", (int id) => // ok: OM1017
            {
                using var session = new InferenceSession(Path.Combine(AppContext.BaseDirectory, "models", $"rag-{id}.onnx")); // ok: OM1001
                return session.InputMetadata.Count;
            }).RequireRateLimiting("fixed");

            app.MapGet("/rag/model3/{name}", (string name, IConfiguration config) => // ok: OM1017
            {
                using var session = new InferenceSession(config[$"Models:{name}"]!); // ok: OM1001
                return session.InputMetadata.Count;
            }).RequireRateLimiting("fixed");

            app.MapGet("/rag/key", (IConfiguration config) => config["OpenAI:Model"]); // ok: OM1008

            var apiKey = configuration["OpenAI:ApiKey"];
            logger.LogInformation("Using model {Model}", configuration["OpenAI:Model"]); // ok: OM1018
        }
    }
}
