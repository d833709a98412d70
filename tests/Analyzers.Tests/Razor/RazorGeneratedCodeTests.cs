using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using OpenModel.Analyzers.Razor;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Razor;

/// <summary>
/// The filter answers "did the user write this?" from regions between #line directives, computed once per tree; the
/// answer must be the line map's own at every position of real Razor output.
/// </summary>
public class RazorGeneratedCodeTests
{
    [Fact]
    public void User_code_regions_agree_with_the_line_map_at_every_position()
    {
        var (compilation, _) = new RazorProject()
            .Razor("Components/Pages/Chat.razor", """
                @page "/chat/{Persona}"
                @rendermode InteractiveServer
                @using Microsoft.Extensions.AI
                @inject IChatClient Client

                <h1 class="title">Chat as @Persona</h1>
                <input @bind="question" @bind:event="oninput" />
                <EditForm Model="form" OnValidSubmit="AskAsync" FormName="ask">
                    <InputText @bind-Value="form.Topic" />
                </EditForm>
                @foreach (var line in lines)
                {
                    <p class="@(line.Length > 10 ? "long" : "short")">@line</p>
                }
                <button @onclick="async () => await AskAsync()">Ask</button>
                <div>@((MarkupString)System.Net.WebUtility.HtmlEncode(answer))</div>

                @code {
                    [Parameter] public string Persona { get; set; } = "";
                    private readonly Form form = new();
                    private readonly List<string> lines = new();
                    private string question = "";
                    private string answer = "";

                    private async Task AskAsync()
                    {
                        answer = (await Client.GetResponseAsync(question + form.Topic, new ChatOptions { MaxOutputTokens = 50 })).Text;
                        lines.Add(answer);
                    }

                    private sealed class Form { public string Topic { get; set; } = ""; }
                }
                """)
            .Generate();

        var trees = compilation.SyntaxTrees.Where(t => RazorGeneratedCode.IsRazorTree(t)).ToList();
        Assert.NotEmpty(trees);
        foreach (var tree in trees)
        {
            var user = 0;
            var mismatches = new List<int>();
            for (var position = 0; position < tree.Length; position++)
            {
                var expected = tree.GetLineVisibility(position) == LineVisibility.Visible && tree.GetMappedLineSpan(new TextSpan(position, 0)).HasMappedPath;
                user += expected ? 1 : 0;
                if (RazorGeneratedCode.IsUserCode(tree, position) != expected || RazorGeneratedCode.IsUserCodeInRazorTree(tree, position) != expected
                    || RazorGeneratedCode.IsGeneratorCode(tree, position) == expected)
                {
                    mismatches.Add(position);
                }
            }

            Assert.True(mismatches.Count == 0, $"{tree.FilePath}: {mismatches.Count} positions disagree, first at {mismatches.FirstOrDefault()}");
            Assert.True(user > 0 || tree.FilePath.Contains("_Imports", StringComparison.Ordinal), tree.FilePath + " has no user code");
        }
    }

    [Fact]
    public void Positions_outside_Razor_output_are_neither_user_nor_generator_code()
    {
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("#line 1 \"/src/App/Chat.razor\"\nclass C { }\n", path: "/src/App/Code.cs");

        Assert.False(RazorGeneratedCode.IsUserCodeInRazorTree(tree, 35));
        Assert.False(RazorGeneratedCode.IsGeneratorCode(tree, 35));
    }
}
