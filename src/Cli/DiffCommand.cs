using System.CommandLine;
using System.Text.Json;
using OpenModel.Core.Release;

namespace OpenModel.Cli;

/// <summary><c>openmodel diff &lt;old&gt; &lt;new&gt;</c>: exit 0 when nothing changed, 1 when something did (like diff).</summary>
internal static class DiffCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var oldArgument = new Argument<FileInfo>("old") { Description = "The AI-BOM of the previous release." };
        var newArgument = new Argument<FileInfo>("new") { Description = "The AI-BOM of this release." };
        var formatOption = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        formatOption.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff", "List the models, datasets, model services, packages, chat templates and licences that differ between two AI-BOMs.") { oldArgument, newArgument, formatOption };
        command.SetAction(parse =>
        {
            var before = BomFile.Read(parse.GetValue(oldArgument)!, error);
            var after = BomFile.Read(parse.GetValue(newArgument)!, error);
            if (before is null || after is null)
            {
                return 2;
            }

            var changes = BomDiff.Compare(before, after);
            if (parse.GetValue(formatOption) == "json")
            {
                output.WriteLine(JsonSerializer.Serialize(changes.Select(c => new { kind = c.Kind.ToString().ToLowerInvariant(), category = c.Category, name = c.Name, aspect = c.Aspect, before = c.Before, after = c.After, note = c.Note }), new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var change in changes)
                {
                    output.WriteLine(change.Kind switch
                    {
                        ChangeKind.Added => $"+ {change.Category,-8} {change.Name} {change.After}".TrimEnd(),
                        ChangeKind.Removed => $"- {change.Category,-8} {change.Name} {change.Before}".TrimEnd(),
                        _ => $"~ {change.Category,-8} {change.Name} {change.Aspect}: {change.Before} -> {change.After}",
                    });
                    if (change.Note is { } note)
                    {
                        output.WriteLine($"  ! {note}");
                    }
                }

                output.WriteLine(changes.Count == 0 ? "no differences" : $"{changes.Count} difference(s)");
            }

            return changes.Count == 0 ? 0 : 1;
        });
        return command;
    }
}
