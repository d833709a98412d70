using System.CommandLine;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Release;

namespace OpenModel.Cli;

/// <summary>
/// <c>openmodel merge &lt;bom&gt;… -o OUT --name PRODUCT [--version V] [--spec-version 1.6|1.7]</c>: one product BOM. Exit 0 when merged (conflicts are
/// warnings and stay visible in the output), 2 when an input cannot be read or names no project.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var boms = new Argument<FileInfo[]>("bom") { Description = "The AI-BOMs of the projects of one product.", Arity = ArgumentArity.OneOrMore };
        var outOption = new Option<FileInfo>("--output", "-o") { Description = "Where to write the merged AI-BOM.", Required = true };
        var nameOption = new Option<string>("--name") { Description = "The product's name (metadata.component).", Required = true };
        var versionOption = new Option<string>("--version") { Description = "The product's version." };
        var specOption = new Option<string>("--spec-version") { Description = "CycloneDX 1.6, or 1.7: the 1.7 sources' citations are kept, pointed at the merged BOM.", DefaultValueFactory = _ => "1.6" };
        specOption.AcceptOnlyFromAmong("1.6", "1.7");
        var command = new Command("merge", "Merge the AI-BOMs of a solution's projects into one, each shared package, model and dataset once.") { boms, outOption, nameOption, versionOption, specOption };
        command.SetAction(parse =>
        {
            var sources = new List<MergeSource>();
            foreach (var file in parse.GetValue(boms)!)
            {
                if (BomFile.Read(file, error) is not { } bom)
                {
                    return 2;
                }

                sources.Add(new MergeSource(file.FullName, bom));
            }

            var result = BomMerger.Merge(
                sources,
                parse.GetValue(nameOption)!,
                parse.GetValue(versionOption),
                SourceDate.Timestamp(Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH")),
                typeof(MergeCommand).Assembly.GetName().Version?.ToString(3),
                parse.GetValue(specOption)!);
            foreach (var diagnostic in result.Diagnostics)
            {
                error.WriteLine(diagnostic.ToString());
            }

            if (result.Diagnostics.Any(d => d.Level == DiagnosticLevel.Error))
            {
                return 2;
            }

            var outputPath = parse.GetValue(outOption)!.FullName;
            File.WriteAllBytes(outputPath, BomSerializer.Serialize(result.Bom));
            output.WriteLine($"{outputPath}: {sources.Count} BOMs, {result.Bom.Components!.Count} components, {result.Diagnostics.Count} diagnostic(s)");
            return 0;
        });
        return command;
    }
}
