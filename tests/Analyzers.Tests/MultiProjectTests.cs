using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>
/// Solutions loaded the way an IDE loads them (referenced projects as compilation references, so a followed call can
/// land in a syntax tree of another compilation) and the way the command-line build does (built assemblies): no
/// analyzer throws, and flows through a method of a referenced project are judged through that method's body.
/// </summary>
public class MultiProjectTests
{
    private const string Core = """
        namespace Core;

        public static class Paths
        {
            public static string Under(string root, string name) => System.IO.Path.Combine(root, name);
        }

        public static class Defaults
        {
            public static readonly string ModelPath = "models/default.onnx";
        }
        """;

    private const string Services = """
        using System.IO;
        using System.Security.Cryptography;

        namespace Services;

        public static class Models
        {
            public static string PathFor(string name) => Core.Paths.Under("models", name);
        }

        public static class Llm
        {
            public static string Ask(OpenAI.Chat.ChatClient chat, string question) => chat.CompleteChat(question).Value.Content[0].Text;
        }

        public static class Downloads
        {
            public static bool Verify(string path, string expected) => System.Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) == expected;
        }
        """;

    private const string TwoProjectLibrary = """
        namespace Services;

        public static class Models
        {
            public static string PathFor(string name) => System.IO.Path.Combine("models", name);

            public static int Open(string name) => new Microsoft.ML.OnnxRuntime.InferenceSession(System.IO.Path.Combine("models", name)).InputMetadata.Count;
        }

        public static class Llm
        {
            public static string Ask(OpenAI.Chat.ChatClient chat, string question) => chat.CompleteChat(question).Value.Content[0].Text;
        }
        """;

    private const string Web = """
        using System.IO;
        using System.Net.Http;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.ML.OnnxRuntime;
        using OpenAI.Chat;

        var app = WebApplication.Create();
        app.MapGet("/score/{name}", (string name) => new InferenceSession(Services.Models.PathFor(name)).InputMetadata.Count);
        app.MapPost("/run", (string q, ChatClient chat) => System.Diagnostics.Process.Start(Services.Llm.Ask(chat, q)).Id);
        app.MapGet("/open/{name}", (string name) => Services.Models.Open(name));
        app.Run();
        """;

    private const string WebThreeProjects = Web + """

        class Jobs
        {
            static readonly HttpClient Http = new();

            async System.Threading.Tasks.Task<bool> Fetch()
            {
                var bytes = await Http.GetByteArrayAsync("https://example.com/m.onnx");
                await File.WriteAllBytesAsync("models/m.onnx", bytes);
                return Services.Downloads.Verify("models/m.onnx", "0011");
            }

            int Default() => new InferenceSession(Core.Defaults.ModelPath).InputMetadata.Count;
        }
        """;

    private static readonly TestProject[] TwoProjects =
    [
        new("Services", OutputKind.DynamicallyLinkedLibrary, [("/src/Services/Services.cs", TwoProjectLibrary)]),
        new("Web", OutputKind.ConsoleApplication, [("/src/Web/Program.cs", Web)], "Services"),
    ];

    private static readonly TestProject[] ThreeProjects =
    [
        new("Core", OutputKind.DynamicallyLinkedLibrary, [("/src/Core/Core.cs", Core)]),
        new("Services", OutputKind.DynamicallyLinkedLibrary, [("/src/Services/Services.cs", Services)], "Core"),
        new("Web", OutputKind.ConsoleApplication, [("/src/Web/Program.cs", WebThreeProjects)], "Services", "Core"),
    ];

    [Fact]
    public async Task Two_projects_as_an_IDE_loads_them_report_flows_through_the_referenced_project()
    {
        var results = await SolutionRunner.AsIdeAsync(TwoProjects);

        Assert.Empty(results.SelectMany(r => r.Exceptions));
        var web = Lines(results, "Web");
        Assert.Contains((8, "OM1001"), web);
        Assert.Contains((9, "OM1011"), web);
        Assert.Contains((9, "OM1017"), web);

        // The sink is inside the referenced project: reported at the call that passes it the request data.
        Assert.Contains((10, "OM1001"), web);
    }

    [Fact]
    public async Task Three_projects_as_an_IDE_loads_them_report_flows_through_two_referenced_projects()
    {
        var results = await SolutionRunner.AsIdeAsync(ThreeProjects);

        Assert.Empty(results.SelectMany(r => r.Exceptions));
        var web = Lines(results, "Web");
        Assert.Contains((8, "OM1001"), web);
        Assert.Contains((9, "OM1011"), web);
        Assert.Contains((9, "OM1017"), web);

        // The digest is compared in Services.Downloads.Verify: the download is checked.
        Assert.DoesNotContain(web, d => d.Id == "OM1004");

        // The path is read from a read-only field initialised in Core.
        var load = Assert.Single(results.Single(r => r.Project == "Web").Diagnostics, d => d.Id == "OM2001");
        Assert.Contains("models/default.onnx", load.GetMessage());
    }

    [Fact]
    public async Task The_same_solutions_as_the_build_sees_them_do_not_throw_and_keep_the_flows_the_build_can_follow()
    {
        foreach (var solution in new[] { TwoProjects, ThreeProjects })
        {
            var results = await SolutionRunner.AsBuildAsync(solution);

            Assert.Empty(results.SelectMany(r => r.Exceptions));

            // A method of a built assembly is a library call: what goes in comes out.
            Assert.Contains((8, "OM1001"), Lines(results, "Web"));
        }
    }

    private static HashSet<(int Line, string Id)> Lines(IReadOnlyList<ProjectAnalysis> results, string project) =>
        results.Single(r => r.Project == project).Diagnostics
            .Select(d => (d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .ToHashSet();
}
