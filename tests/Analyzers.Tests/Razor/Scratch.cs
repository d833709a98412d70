using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
namespace OpenModel.Analyzers.Tests.Razor;
public class Scratch(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        var (c, _) = new RazorProject().Razor("Components/Pages/Chat.razor", """
                @page "/chat"
                @using Microsoft.Extensions.AI
                @inject IChatClient Model
                <button @onclick="AskAsync">Ask</button>
                <div>@answer</div>
                @code {
                    private MarkupString answer;
                    private async Task AskAsync() => answer = (MarkupString)(await Model.GetResponseAsync("hi")).Text;
                }
                """).Generate();
        foreach (var t in c.SyntaxTrees) { output.WriteLine(t.FilePath); output.WriteLine(t.ToString()); }
        var type = c.GetTypeByMetadataName("App.Components.Pages.Chat")!;
        foreach (var m in type.GetMembers().OfType<IMethodSymbol>()) output.WriteLine(m.Name + " " + OpenModel.Analyzers.Razor.RazorRequestPaths.IsRequestPath(m));
    }
}
