using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Rules.Transparency;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Razor;

/// <summary>
/// The rules over .razor and .cshtml files compiled by the SDK's own Razor generator: every finding at the line and
/// column the user wrote, none on markup the generator writes itself.
/// </summary>
public class RazorRuleTests
{
    internal static readonly DiagnosticAnalyzer[] AllRules = typeof(RuleDescriptor).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
        .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
        .ToArray();

    [Fact]
    public Task Blazor_Server_component_LLM_output_as_MarkupString_and_unbounded_generation_in_an_event_handler() => new RazorProject()
        .Razor("Components/Pages/Chat.razor", """
            @page "/chat"
            @rendermode InteractiveServer
            @using System.Text.Encodings.Web
            @using Microsoft.Extensions.AI
            @inject IChatClient Model

            <h1>Ask the model</h1>
            <input @bind="question" />
            <button @onclick="AskAsync">Ask</button>
            <button @onclick="async () => plain = (await {|OM1016:Model.GetResponseAsync(question)|}).Text">Ask again</button>
            <button @onclick="async () => plain = (await Model.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 100 })).Text">Ask briefly</button>
            <p>@plain</p>
            <div class="answer">@answer</div>
            <div class="safe">@safe</div>

            @code {
                private string question = "";
                private string plain = "";
                private MarkupString answer;
                private MarkupString safe;

                private async Task AskAsync()
                {
                    var response = await {|OM1016:Model.GetResponseAsync(question)|};
                    plain = response.Text;
                    answer = {|OM1013:(MarkupString)response.Text|};
                    safe = (MarkupString)HtmlEncoder.Default.Encode(response.Text);
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Blazor_WebAssembly_component_LLM_output_to_eval_SQL_and_a_lifecycle_method_without_a_limit() => new RazorProject()
        .Razor("Pages/Assistant.razor", """
            @page "/assistant"
            @rendermode InteractiveWebAssembly
            @using System.Data.Common
            @using OpenAI.Chat
            @inject ChatClient Client
            @inject IJSRuntime JS
            @inject DbDataSource Db

            <button @onclick="RunAsync">Run</button>

            @code {
                protected override async Task OnInitializedAsync()
                {
                    ChatCompletion greeting = await {|OM1016:Client.CompleteChatAsync("Greet the user")|};
                    await {|OM1013:JS.InvokeVoidAsync("eval", greeting.Content[0].Text)|};
                }

                private async Task RunAsync()
                {
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };
                    ChatCompletion query = await Client.CompleteChatAsync([new UserChatMessage("Write SQL for the report")], options);
                    await using var command = Db.CreateCommand();
                    {|OM1012:command.CommandText = query.Content[0].Text|};
                    await command.ExecuteNonQueryAsync();
                    await JS.InvokeVoidAsync("console.log", query.Content[0].Text);
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Static_SSR_component_query_string_in_the_system_prompt() => new RazorProject()
        .Razor("Components/Pages/Persona.razor", """
            @page "/persona"
            @using Microsoft.AspNetCore.Http
            @using OpenAI.Chat
            @inject ChatClient Client

            <p>@reply</p>

            @code {
                [CascadingParameter] public HttpContext? HttpContext { get; set; }

                private string reply = "";

                protected override async Task OnInitializedAsync()
                {
                    string persona = HttpContext!.Request.Query["persona"].ToString();
                    ChatMessage[] messages = [{|OM1009:new SystemChatMessage($"You are {persona}.")|}, new UserChatMessage(persona)];
                    ChatCompletion completion = await Client.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                    reply = completion.Content[0].Text;
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Query_form_and_route_parameters_are_request_input_but_a_parent_supplied_parameter_is_not() => new RazorProject()
        .Razor("Components/Pages/Tutor.razor", """
            @page "/tutor/{Topic}"
            @using OpenAI.Chat
            @inject ChatClient Client

            <p>@reply</p>
            <Hint Tone="friendly" />

            @code {
                [Parameter] public string Topic { get; set; } = "";
                [SupplyParameterFromQuery] public string? Level { get; set; }
                [SupplyParameterFromForm] public string? Goal { get; set; }

                private string reply = "";

                protected override async Task OnParametersSetAsync()
                {
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                    ChatCompletion a = await Client.CompleteChatAsync([{|OM1009:new SystemChatMessage($"Teach {Topic}.")|}], options);
                    ChatCompletion b = await Client.CompleteChatAsync([{|OM1009:new SystemChatMessage("Level: " + Level)|}], options);
                    ChatCompletion c = await Client.CompleteChatAsync([{|OM1009:new SystemChatMessage(Goal ?? "")|}, new UserChatMessage(Topic)], options);
                    reply = a.Content[0].Text + b.Content[0].Text + c.Content[0].Text;
                }
            }
            """)
        .Razor("Components/Hint.razor", """
            @using OpenAI.Chat
            @inject ChatClient Client

            <p>@hint</p>

            @code {
                [Parameter] public string Tone { get; set; } = "";

                private string hint = "";

                protected override async Task OnInitializedAsync()
                {
                    ChatCompletion completion = await Client.CompleteChatAsync([new SystemChatMessage($"Answer in a {Tone} tone.")], new ChatCompletionOptions { MaxOutputTokenCount = 50 });
                    hint = completion.Content[0].Text;
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Synchronous_model_calls_written_in_component_markup_are_unbounded_generation_once_each() => new RazorProject()
        .Razor("Components/Pages/Digest.razor", """
            @page "/digest"
            @using OpenAI.Chat
            @inject ChatClient Client

            <p>@({|OM1016:Client.CompleteChat("Summarise the news")|}.Value.Content[0].Text)</p>
            @{
                var tip = {|OM1016:Client.CompleteChat("Give a tip")|}.Value.Content[0].Text;
            }
            <p>@tip</p>
            <EditForm Model="this" FormName="digest">
                <p>@{|OM1016:Client.CompleteChat("Inside child content")|}.Value.Content[0].Text</p>
            </EditForm>
            <button @onclick='async () => reply = (await {|OM1016:Client.CompleteChatAsync("Again")|}).Value.Content[0].Text'>Again</button>
            <p>@reply</p>

            @code {
                private string reply = "";
            }
            """)
        .Razor("Components/Pages/Brief.razor", """
            @page "/brief"
            @using OpenAI.Chat
            @inject ChatClient Client

            <p>@Client.CompleteChat([new UserChatMessage("Summarise the news")], new ChatCompletionOptions { MaxOutputTokenCount = 50 }).Value.Content[0].Text</p>
            <p>@Client.ToString()</p>
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Razor_Page_Html_Raw_of_LLM_output_but_not_Razor_encoded_output() => new RazorProject()
        .Razor("Pages/Haiku.cshtml", """
            @page
            @using Microsoft.Extensions.AI
            @inject IChatClient Chat
            @{
                var response = await {|OM1016:Chat.GetResponseAsync("Write a haiku")|};
            }
            <h1>Haiku</h1>
            <p>@response.Text</p>
            <div>@{|OM1013:Html.Raw(response.Text)|}</div>
            <div>@Html.Raw(System.Net.WebUtility.HtmlEncode(response.Text))</div>
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Undeclared_model_loaded_in_a_component_is_OM2001_at_the_razor_line() => new RazorProject()
        .Declarations(new Declared().Model("models/sentiment.onnx"))
        .Razor("Components/Pages/Score.razor", """
            @page "/score"
            @using Microsoft.ML.OnnxRuntime

            <p>@inputs</p>

            @code {
                private int inputs;

                protected override void OnInitialized()
                {
                    using var declared = new InferenceSession("models/sentiment.onnx");
                    using var other = {|OM2001:new InferenceSession("models/other.onnx")|};
                    inputs = declared.InputMetadata.Count + other.InputMetadata.Count;
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public async Task Literal_markup_the_generator_writes_is_not_a_finding()
    {
        // The same key in C# is OM1008; written as HTML it is markup the generator emits under #line hidden.
        var diagnostics = await new RazorProject()
            .Razor("Components/Pages/Keys.razor", """
                @page "/keys"
                <p data-key="sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c">sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c</p>
                <p>@label</p>
                @code {
                    private string label = "key";
                }
                """)
            .AnalyzeAsync(AllRules);

        Assert.Empty(diagnostics);

        await new RazorProject()
            .Razor("Components/Pages/Keys.razor", """
                @page "/keys"
                <p>@label</p>
                @code {
                    private string label = {|OM1008:"sk-proj-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"|};
                }
                """)
            .VerifyAsync(AllRules);
    }

    [Fact]
    public async Task No_finding_lands_in_the_generated_file()
    {
        var project = new RazorProject()
            .Razor("Components/Pages/Chat.razor", """
                @page "/chat"
                @using Microsoft.Extensions.AI
                @inject IChatClient Model
                <button @onclick="AskAsync">Ask</button>
                <div>@answer</div>
                @code {
                    private MarkupString answer;
                    private async Task AskAsync() => answer = (MarkupString)(await Model.GetResponseAsync("hi")).Text;
                }
                """);

        var diagnostics = await project.AnalyzeAsync(AllRules);

        Assert.Equal(new[] { "OM1013", "OM1016" }, diagnostics.Select(d => d.Id).OrderBy(id => id));
        Assert.All(diagnostics, d => Assert.Equal(RazorProject.ProjectDir + "Components/Pages/Chat.razor", d.Location.GetMappedLineSpan().Path));
        Assert.All(diagnostics, d => Assert.EndsWith("_razor.g.cs", d.Location.SourceTree!.FilePath));
    }

    [Theory]
    [InlineData("/src/App/App.cs", "", 1)]
    [InlineData("/src/App/obj/Debug/net10.0/Client.g.cs", "", 0)]
    [InlineData("/src/App/Generated/Client.cs", "// <auto-generated/>", 0)]
    [InlineData("/src/App/obj/Debug/net10.0/Fake_razor.g.cs", "", 0)]
    [InlineData("/src/App/obj/Debug/net10.0/Fake_razor.g.cs", "#pragma checksum \"/src/App/Fake.txt\" \"{ff1816ec-aa5e-4d10-87f7-6f4963833460}\" \"00\"", 0)]
    [InlineData("/src/App/obj/Debug/net10.0/Real_razor.g.cs", "#pragma checksum \"/src/App/Real.razor\" \"{ff1816ec-aa5e-4d10-87f7-6f4963833460}\" \"00\"\n#line 1 \"/src/App/Real.razor\"", 1)]
    public async Task Generated_code_other_than_Razor_output_stays_skipped(string path, string header, int expected)
    {
        var source = header + """

            using Microsoft.Extensions.AI;
            static class Render
            {
                public static async System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.MarkupString> Ask(IChatClient chat) =>
                    (Microsoft.AspNetCore.Components.MarkupString)(await chat.GetResponseAsync("hi")).Text;
            }
            """;
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "App",
            new[] { Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source, path: path) },
            TestReferences.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var diagnostics = await compilation.WithAnalyzers([new TaintRulesAnalyzer()]).GetAnalyzerDiagnosticsAsync();

        Assert.Equal(expected, diagnostics.Count(d => d.Id == "OM1013"));
    }
}
