// Controllers, background services and infrastructure code in the style of real applications.
using System;
using System.Collections.Generic;
using System.Data.Common;
using System.IO;
using System.Net.Http;
using System.Net.Security;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.ML.OnnxRuntime;
using Newtonsoft.Json;
using OpenAI.Chat;

namespace Contoso.Api;

[ApiController]
[Route("models")]
public sealed class ModelsController(ChatClient chat) : ControllerBase
{
    [HttpGet("{name}")]
    public int Inputs(string name) => new InferenceSession($"models/{name}.onnx").InputMetadata.Count; // expect: OM1001; ok: OM1017

    [HttpGet("safe/{name}")]
    public int SafeInputs(string name) => new InferenceSession($"models/{Path.GetFileName(name)}.onnx").InputMetadata.Count; // ok: OM1001, OM1017

    [HttpPost("ask")]
    public string Ask([FromBody] AskRequest request) => chat.CompleteChat(request.Question).Value.Content[0].Text; // expect: OM1016, OM1017

    [HttpPost("plugin")]
    public string Plugin([FromQuery] string path) => Assembly.LoadFrom(path).FullName!; // expect: OM1002

    [NonAction]
    public int Helper(string name) => new InferenceSession(name).InputMetadata.Count; // ok: OM1001
}

[Authorize]
[ApiController]
[Route("secure")]
public sealed class SecureController(ChatClient chat) : ControllerBase
{
    [HttpPost("ask")]
    public string Ask(string question)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 256 };
        return chat.CompleteChat([new UserChatMessage(question)], options).Value.Content[0].Text; // ok: OM1016, OM1017
    }
}

public sealed record AskRequest(string Question);

public sealed class ReportService(IChatClient client, DbCommand command)
{
    public async Task<int> RunGeneratedQuery(string question, CancellationToken cancellationToken)
    {
        var sql = await client.GetResponseAsync($"Write SQL: {question}", cancellationToken: cancellationToken);
        command.CommandText = sql.Text; // expect: OM1012
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> RunParameterised(string customer, DbParameter parameter, CancellationToken cancellationToken)
    {
        var summary = await client.GetResponseAsync($"Classify {customer}", cancellationToken: cancellationToken);
        command.CommandText = "UPDATE customers SET class = @class WHERE name = @name"; // ok: OM1012
        parameter.Value = summary.Text; // ok: OM1012
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public static class Infrastructure
{
    public static HttpClient InsecureClient()
    {
        var handler = new HttpClientHandler();
        handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true; // expect: OM1007
        return new HttpClient(handler);
    }

    public static HttpClient PinnedClient(string thumbprint)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => // ok: OM1007
                errors == SslPolicyErrors.None || certificate?.GetCertHashString() == thumbprint,
        };
        return new HttpClient(handler);
    }

    public static HttpClientHandler Dangerous() => new() { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator }; // expect: OM1007

    public static JsonSerializerSettings CacheSettings() => new() { TypeNameHandling = TypeNameHandling.Auto }; // expect: OM1006

    public static JsonSerializerSettings SafeSettings() => new() { TypeNameHandling = TypeNameHandling.None }; // ok: OM1006

    public static T? ReadFeatures<T>(string json) => System.Text.Json.JsonSerializer.Deserialize<T>(json); // ok: OM1006

    public static void RegisterOps(SessionOptions options, IConfiguration configuration) =>
        options.RegisterCustomOpLibrary(configuration["Onnx:CustomOps"]!); // expect: OM1002

    public static void RegisterShippedOps(SessionOptions options) => options.RegisterCustomOpLibrary("runtimes/linux-x64/native/libcustom_ops.so"); // ok: OM1002

    public static IntPtr LoadShippedNative() => NativeLibrary.Load("libonnxruntime_providers_shared.so"); // ok: OM1002
}

public static class Keys
{
    public const string OpenAi = "sk-proj-Jd83KsQ0xLm27PzR4vTn61YbWc9HuE5aG"; // expect: OM1008
    public const string HuggingFace = "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"; // expect: OM1008
    public const string Example = "sk-..."; // ok: OM1008
    public const string Template = "<your-openai-api-key>"; // ok: OM1008
    public const string Sku = "sku-standard-2024-edition"; // ok: OM1008

    public static ChatClient FromLiteral() => new("gpt-4o-mini", new System.ClientModel.ApiKeyCredential("9f2c7a1e4b8d3f6a0c5e9b7d2a4f8e1c")); // expect: OM1008

    public static ChatClient FromEnvironment() => new("gpt-4o-mini", new System.ClientModel.ApiKeyCredential(Environment.GetEnvironmentVariable("OPENAI_API_KEY")!)); // ok: OM1008

    public static void Header(HttpClient http) => http.DefaultRequestHeaders.Add("api-key", "4e8a1c7f3b9d2e6a0f5c8b1d7e3a9f2c"); // expect: OM1008

    public static void TraceHeader(HttpClient http) => http.DefaultRequestHeaders.Add("x-request-id", "6a0f5c8b1d7e3a9f2c4e8a1c7f3b9d2e"); // ok: OM1008
}
