using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenModel.Sdk.Tests;

/// <summary>Runs the dotnet CLI as a user would, capturing what it prints.</summary>
internal static partial class DotNet
{
    public static readonly string RepoRoot = OpenModel.Tests.Shared.Repository.Root;

    public static Task<DotNetResult> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(TimeSpan.FromMinutes(10), workingDirectory, arguments);

    /// <summary>Runs dotnet, failing the test if it has not finished within <paramref name="timeout"/> (a hang guard).</summary>
    public static async Task<DotNetResult> RunAsync(TimeSpan timeout, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        // Builds behave the same wherever the suite runs: a CI runner's ContinuousIntegrationBuild=true (.ci/run sets it
        // for the repository's own build) would make every consumer build re-hash; tests that want it pass it.
        start.Environment.Remove("ContinuousIntegrationBuild");
        if (Path.GetFullPath(workingDirectory).StartsWith(ConsumerProject.Root, StringComparison.Ordinal))
        {
            // A consumer restores where its nuget.config says (its own packages folder), which NUGET_PACKAGES would override.
            start.Environment.Remove("NUGET_PACKAGES");
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish within {timeout}");
        }

        output.Append(await stdout).Append(await stderr);
        return new DotNetResult(process.ExitCode, output.ToString());
    }
}

public sealed partial record DotNetResult(int ExitCode, string Output)
{
    /// <summary>The distinct diagnostics MSBuild printed ("file(line,col): warning ID: message").</summary>
    public IReadOnlyList<BuildDiagnostic> Diagnostics =>
        DiagnosticLine().Matches(Output)
            .Select(m => new BuildDiagnostic(m.Groups["file"].Value.Trim(), m.Groups["line"].Success ? int.Parse(m.Groups["line"].Value) : 0, m.Groups["severity"].Value, m.Groups["id"].Value, m.Groups["message"].Value))
            .Distinct()
            .ToList();

    public IEnumerable<BuildDiagnostic> OpenModel => Diagnostics.Where(d => d.Id.StartsWith("OM", StringComparison.Ordinal));

    [GeneratedRegex(@"^(?<file>[^\r\n]+?)(?:\((?<line>\d+)(?:,\d+)?\))? ?: (?<severity>warning|error|info) (?<id>[A-Z]+\d+): (?<message>[^\r\n]*?)(?: \[[^\]\r\n]*\])?\r?$", RegexOptions.Multiline)]
    private static partial Regex DiagnosticLine();
}

public sealed record BuildDiagnostic(string File, int Line, string Severity, string Id, string Message);
