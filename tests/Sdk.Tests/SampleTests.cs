using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Diagnostics;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>The sample a newcomer builds first: clean build, real inference, reproducible model.</summary>
public sealed class SampleTests : IDisposable
{
    private static readonly string SampleDirectory = Path.Combine(DotNet.RepoRoot, "samples", "SentimentService");

    private readonly SampleArtifacts _artifacts = new();

    [Fact]
    public async Task Sample_builds_without_OpenModel_findings_and_serves_predictions()
    {
        var build = await DotNet.RunAsync(DotNet.RepoRoot, "build", "samples/SentimentService/SentimentService.csproj", "-nologo", "-clp:NoSummary", _artifacts.Property);
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Empty(build.OpenModel);
        var output = _artifacts.OutputOf("SentimentService");
        AssertSampleBom(output);

        var port = FreePort();
        var dll = Path.Combine(output, "SentimentService.dll");
        using var app = Process.Start(new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port}")
        {
            WorkingDirectory = SampleDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var positive = await PostUntilUpAsync(http, "The support team was quick and friendly, excellent value");
            var negative = await http.PostAsJsonAsync("/predict", new { text = "It broke after two days, awful and useless" });
            var evaluation = await http.GetFromJsonAsync<Evaluation>("/evaluate");
            // The Blazor page (Components/Pages/Sentiment.razor) renders the same model's answer on the server.
            var page = await http.GetStringAsync("/sentiment?text=" + Uri.EscapeDataString("excellent value, works perfectly"));

            Assert.Equal("positive", positive!.Label);
            Assert.Equal("negative", (await negative.Content.ReadFromJsonAsync<Prediction>())!.Label);
            Assert.Equal(160, evaluation!.Reviews);
            Assert.True(evaluation.Accuracy > 0.95, $"accuracy {evaluation.Accuracy}");
            Assert.Contains("<h1>Review sentiment</h1>", page);
            Assert.Contains("<strong>positive</strong>", page);
        }
        finally
        {
            app.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task Adding_an_undeclared_load_to_the_sample_fails_its_build_at_that_line()
    {
        var build = await DotNet.RunAsync(DotNet.RepoRoot, "build", "samples/SentimentService/SentimentService.csproj", "-nologo", "-clp:NoSummary",
            "-p:ShowUndeclaredLoad=true", _artifacts.Property);

        Assert.NotEqual(0, build.ExitCode);
        var error = Assert.Single(build.OpenModel);
        Assert.Equal(("OM2001", "error", 12), (error.Id, error.Severity, error.Line));
        Assert.EndsWith("UndeclaredToxicityModel.cs", error.File);
        Assert.Contains("'models/toxicity.onnx'", error.Message);
    }

    [Fact]
    public async Task Committed_model_is_exactly_what_the_trainer_produces_from_the_committed_data()
    {
        var output = Path.Combine(_artifacts.Directory, "sentiment.onnx");

        var train = await DotNet.RunAsync(DotNet.RepoRoot, "run", "--project", "samples/SentimentService.Trainer", $"--property:OpenModelSampleArtifactsPath={_artifacts.Directory}/",
            "--", "samples/SentimentService/data/reviews.csv", output);

        Assert.True(train.ExitCode == 0, train.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(SampleDirectory, "models", "sentiment.onnx")), File.ReadAllBytes(output));
    }

    public void Dispose() => _artifacts.Dispose();

    /// <summary>The sample's AI-BOM: schema-valid, consistent, and complete down to the code that loads each artefact.</summary>
    private static void AssertSampleBom(string output)
    {
        var bytes = File.ReadAllBytes(Path.Combine(output, "SentimentService.aibom.cdx.json"));
        Assert.Empty(OpenModel.Tests.Shared.CycloneDxSchema.Validate16(bytes));
        var bom = OpenModel.Core.CycloneDx.BomSerializer.Deserialize(bytes);
        Assert.Empty(OpenModel.Core.CycloneDx.BomSemanticValidator.Validate(bom));

        var model = bom.Components!.Single(c => c.Type == "machine-learning-model");
        var dataset = bom.Components!.Single(c => c.Type == "data");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path.Combine(SampleDirectory, "models", "sentiment.onnx")))), model.Hashes!.Single().Content);
        Assert.Equal("SentimentModel.cs", model.Evidence!.Occurrences!.Single().Location);
        Assert.Equal("ReviewDataset.cs", dataset.Evidence!.Occurrences!.Single().Location);
        Assert.Equal(dataset.BomRef, model.ModelCard!.ModelParameters!.Datasets!.Single().Ref);
        Assert.NotNull(model.ModelCard.Considerations!.TechnicalLimitations);
        Assert.Equal("complete", bom.Compositions!.Single().Aggregate);

        // The endpoints serve the model without authorization or rate limiting: informational OM1017, carried from the
        // compiler's SARIF log into the BOM.
        Assert.Equal(
            ["OM1017 note Program.cs:10", "OM1017 note Program.cs:13"],
            bom.Metadata.Properties!.Where(p => p.Name == "openmodel:security-finding").Select(p => p.Value).Order(StringComparer.Ordinal));

        var report = File.ReadAllText(Path.Combine(output, "SentimentService.openness.md"));
        Assert.Contains("**AI system class: Class II**", report);
        Assert.Contains("OSI Open Source AI Definition 1.0: **pass**", report);
    }

    private static async Task<Prediction?> PostUntilUpAsync(HttpClient http, string text)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await http.PostAsJsonAsync("/predict", new { text });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return await response.Content.ReadFromJsonAsync<Prediction>();
            }
            catch (HttpRequestException) when (attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record Prediction(string Label, float PositiveProbability);

    private sealed record Evaluation(int Reviews, double Accuracy);
}
