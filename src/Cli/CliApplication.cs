using System.CommandLine;

namespace OpenModel.Cli;

/// <summary>The verbs of <c>openmodel</c>; each is a thin adapter in its own file.</summary>
public static class CliApplication
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("OpenModel: checks for AI-BOMs (CycloneDX) written by OpenModel.Sdk.")
        {
            VerifyCommand.Create(output, error),
            DiffCommand.Create(output, error),
            ReportCommand.Create(output, error),
            ScanCommand.Create(output, error),
            AttestCommand.Create(output, error),
            MergeCommand.Create(output, error),
            CheckCommand.Create(output, error),
        };
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
