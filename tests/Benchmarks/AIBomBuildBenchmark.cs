using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenModel.Benchmarks;

/// <summary>
/// Build-level costs of the AI-BOM: a no-op rebuild of a project declaring a 2 GB model with and without the BOM, and the
/// GenerateAIBom task time for a project with a large transitive package graph.
/// </summary>
public static class AIBomBuildBenchmark
{
    private const int Rounds = 11;

    public static async Task<int> RunAsync()
    {
        var repoRoot = BenchmarkProcess.RepoRoot();
        var build = await BenchmarkProcess.RunAsync("dotnet", repoRoot, "build", "src/Sdk/Tasks/OpenModel.Sdk.Tasks.csproj", "-c", "Release", "-nologo", "-v:q");
        var analyzers = await BenchmarkProcess.RunAsync("dotnet", repoRoot, "build", "src/Analyzers/OpenModel.Analyzers.csproj", "-c", "Release", "-nologo", "-v:q");
        if (build.ExitCode != 0 || analyzers.ExitCode != 0)
        {
            Console.Error.WriteLine(build.Output + analyzers.Output);
            return 1;
        }

        var folder = Directory.CreateTempSubdirectory("openmodel-aibom-bench-").FullName;
        try
        {
            await NoOpRebuildAsync(repoRoot, Path.Combine(folder, "model"));
            return await LargeGraphAsync(repoRoot, Path.Combine(folder, "graph"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Two copies of one project, one with the AI-BOM off, each warmed up, then no-op builds interleaved between them
    /// (toggling the property in one folder would make MSBuild's incremental clean delete the BOM and its hash cache).
    /// </summary>
    private static async Task NoOpRebuildAsync(string repoRoot, string directory)
    {
        var model = Path.Combine(directory, "llm-2gb.gguf");
        Directory.CreateDirectory(directory);
        BenchmarkProcess.WriteLargeFile(model, 2L * 1024 * 1024 * 1024);
        var on = WriteModelProject(repoRoot, Path.Combine(directory, "on"), model, enabled: true);
        var off = WriteModelProject(repoRoot, Path.Combine(directory, "off"), model, enabled: false);
        foreach (var project in new[] { on, off })
        {
            await BenchmarkProcess.RunAsync("dotnet", project, "restore", "-nologo", "-v:q");
            var first = await BenchmarkProcess.RunAsync("dotnet", project, "build", "--no-restore", "-nologo", "-v:q");
            Console.WriteLine($"First build of {Path.GetFileName(project)} (the 'on' copy hashes 2 GB once): {first.Elapsed.TotalSeconds:F2} s, exit {first.ExitCode}");
            await BenchmarkProcess.RunAsync("dotnet", project, "build", "--no-restore", "-nologo", "-v:q");
        }

        var enabled = new List<double>();
        var disabled = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            enabled.Add((await BenchmarkProcess.RunAsync("dotnet", on, "build", "--no-restore", "-nologo", "-v:q")).Elapsed.TotalSeconds);
            disabled.Add((await BenchmarkProcess.RunAsync("dotnet", off, "build", "--no-restore", "-nologo", "-v:q")).Elapsed.TotalSeconds);
        }

        var ratio = BenchmarkProcess.Median(enabled) / BenchmarkProcess.Median(disabled);
        Console.WriteLine($"No-op rebuild, median of {Rounds}: AI-BOM on {BenchmarkProcess.Median(enabled):F3} s, off {BenchmarkProcess.Median(disabled):F3} s = {ratio:F3}x");

        // What a CI build (ContinuousIntegrationBuild=true implies AIBomRehash=true) adds: the BOM step runs and re-hashes 2 GB.
        var rehashed = new List<double>();
        for (var round = 0; round < 5; round++)
        {
            rehashed.Add((await BenchmarkProcess.RunAsync("dotnet", on, "build", "--no-restore", "-nologo", "-v:q", "-p:AIBomRehash=true")).Elapsed.TotalSeconds);
        }

        Console.WriteLine($"Re-hashing build (AIBomRehash=true), median of 5: {BenchmarkProcess.Median(rehashed):F3} s = +{BenchmarkProcess.Median(rehashed) - BenchmarkProcess.Median(enabled):F3} s over the no-op rebuild");
    }

    private static string WriteModelProject(string repoRoot, string directory, string model, bool enabled)
    {
        Directory.CreateDirectory(Path.Combine(directory, "models"));
        File.CreateSymbolicLink(Path.Combine(directory, "models", "llm-2gb.gguf"), model);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine(System.IO.File.OpenRead(\"models/llm-2gb.gguf\").Length);\n");
        File.WriteAllText(
            Path.Combine(directory, "App.csproj"),
            Project(repoRoot, "<AIModel Include=\"models/llm-2gb.gguf\" LicenseExpression=\"Apache-2.0\" />", $"<AIBomEnabled>{enabled.ToString().ToLowerInvariant()}</AIBomEnabled>"));
        return directory;
    }

    private static async Task<int> LargeGraphAsync(string repoRoot, string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), "System.Console.WriteLine();\n");
        File.WriteAllText(Path.Combine(directory, "App.csproj"), Project(repoRoot, """
            <PackageReference Include="Microsoft.ML" Version="5.0.1" />
            <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
            <PackageReference Include="Microsoft.ML.Tokenizers" Version="2.0.1" />
            <PackageReference Include="TorchSharp" Version="0.107.0" />
            <PackageReference Include="OpenAI" Version="2.15.0" />
            <PackageReference Include="Azure.AI.OpenAI" Version="2.1.0" />
            <PackageReference Include="Microsoft.Extensions.AI.OpenAI" Version="10.11.0" />
            <PackageReference Include="Microsoft.CodeAnalysis.CSharp.Workspaces" Version="4.14.0" />
            <PackageReference Include="NuGet.ProjectModel" Version="7.9.0" />
            <PackageReference Include="YamlDotNet" Version="16.3.0" />
            <PackageReference Include="NJsonSchema" Version="11.6.2" />
            <PackageReference Include="Microsoft.Build.Utilities.Core" Version="17.7.2" />
            <PackageReference Include="System.CommandLine" Version="2.0.12" />
            <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.0.1" />
            <PackageReference Include="xunit" Version="2.9.3" />
            <PackageReference Include="NETStandard.Library" Version="2.0.3" />
            <PackageReference Include="Microsoft.Extensions.Configuration.Json" Version="10.0.15" />
            <PackageReference Include="BenchmarkDotNet" Version="0.15.8" />
            <PackageReference Include="Google.Protobuf" Version="3.36.2" />
            <PackageReference Include="Microsoft.CodeAnalysis.NetAnalyzers" Version="10.0.401" />
            <PackageReference Include="Microsoft.CodeAnalysis.CSharp.CodeFix.Testing" Version="1.1.4" />
            <PackageReference Include="Microsoft.EntityFrameworkCore.SqlServer" Version="10.0.14" />
            <PackageReference Include="Azure.Identity" Version="1.21.0" />
            <PackageReference Include="Microsoft.Extensions.Hosting" Version="10.0.15" />
            <PackageReference Include="Microsoft.Extensions.Http.Resilience" Version="10.11.0" />
            <PackageReference Include="Grpc.Net.Client" Version="2.85.0" />
            <PackageReference Include="Serilog.AspNetCore" Version="10.0.0" />
            <PackageReference Include="Spectre.Console" Version="0.57.2" />
            """));
        var restore = await BenchmarkProcess.RunAsync("dotnet", directory, "restore", "-nologo", "-v:q");
        if (restore.ExitCode != 0)
        {
            Console.Error.WriteLine(restore.Output);
            return 1;
        }

        await BenchmarkProcess.RunAsync("dotnet", directory, "build", "--no-restore", "-nologo", "-v:q");
        var times = new List<double>();
        var packages = 0;
        for (var round = 0; round < 3; round++)
        {
            File.Delete(Path.Combine(directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json"));
            var run = await BenchmarkProcess.RunAsync("dotnet", directory, "build", "--no-restore", "-nologo", "-v:n", "-clp:PerformanceSummary");
            var match = Regex.Match(run.Output, @"^\s*(?<ms>[\d.,]+) ms\s+GenerateAIBom\s+\d+ calls", RegexOptions.Multiline);
            if (!match.Success)
            {
                Console.Error.WriteLine(run.Output[^Math.Min(4000, run.Output.Length)..]);
                return 1;
            }

            times.Add(double.Parse(match.Groups["ms"].Value.Replace(",", string.Empty), CultureInfo.InvariantCulture));
            var bom = File.ReadAllText(Path.Combine(directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json"));
            packages = Regex.Matches(bom, "\"purl\": \"pkg:nuget/").Count - 1;
        }

        Console.WriteLine($"GenerateAIBom task for {packages} NuGet packages: median {BenchmarkProcess.Median(times):F0} ms (runs: {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))})");
        return 0;
    }

    private static string Project(string repoRoot, string items, string properties = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <Import Project="{repoRoot}/src/Sdk/build/OpenModel.Sdk.props" />
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <NoWarn>$(NoWarn);NU1603;NU1605;NU1608;NU1701</NoWarn>
            <OpenModelTasksAssembly>{repoRoot}/src/Sdk/Tasks/bin/Release/net10.0/OpenModel.Sdk.Tasks.dll</OpenModelTasksAssembly>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            <Analyzer Include="{repoRoot}/src/Analyzers/bin/Release/netstandard2.0/OpenModel.Analyzers.dll" />
            {items}
          </ItemGroup>
          <Import Project="{repoRoot}/src/Sdk/build/OpenModel.Sdk.targets" />
        </Project>
        """;
}
