// Code that looks like the patterns but is not: every line here must stay quiet.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;

namespace Contoso.Legacy
{
    public sealed class InferenceSession
    {
        public InferenceSession(string path) => Path = path;

        public string Path { get; }
    }

    public sealed class Process2
    {
        public static void Start(string name) { }
    }
}

namespace Contoso.LookAlikes
{
    public sealed class DocumentStore
    {
        public string Load(string path) => path;
    }

    [ApiController]
    public sealed class FilesController : ControllerBase
    {
        [HttpGet("legacy/{name}")]
        public string Legacy(string name) => new Contoso.Legacy.InferenceSession(name).Path; // ok: OM1001

        [HttpGet("docs/{name}")]
        public string Docs(string name) => new DocumentStore().Load(name); // ok: OM1001

        [HttpGet("start/{name}")]
        public string Start(string name)
        {
            Contoso.Legacy.Process2.Start(name); // ok: OM1011
            return name;
        }

        [HttpGet("echo/{text}")]
        public ContentResult Echo(string text) => Content(text, "text/plain"); // ok: OM1013
    }

    public static class Text
    {
        public const string Help = "Keys look like sk-proj-… and are read from OPENAI_API_KEY."; // ok: OM1008
        public const string Sample = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; // ok: OM1008
        public const string Hash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; // ok: OM1008
        public const string Guid = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"; // ok: OM1008

        public static string Shell() => Process.Start("dotnet", "--info")!.StandardOutput.ReadToEnd(); // ok: OM1011

        public static void Configure(IConfiguration configuration)
        {
            var timeout = configuration.GetValue<int>("Http:TimeoutSeconds"); // ok: OM1018
            var path = Path.Combine(AppContext.BaseDirectory, "models", "fixed.onnx");
            using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(path); // ok: OM1001
        }

        public static async Task<string> Download(HttpClient http) =>
            await http.GetStringAsync("http://localhost:5000/health"); // ok: OM1003

        public static HttpClientHandler Handler() => new() { AllowAutoRedirect = false }; // ok: OM1007

        public static Dictionary<string, string> Settings() => new() { ["TypeNameHandling"] = "Auto" }; // ok: OM1006
    }
}
