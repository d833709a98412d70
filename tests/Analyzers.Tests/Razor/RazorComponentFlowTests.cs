using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Razor;

/// <summary>
/// Taint through a component's state, compiled by the SDK's Razor generator: what a handler stores in a private field
/// or property and the markup or another handler reads, and what an input binding (<c>@bind</c>, <c>@bind-Value</c>)
/// writes, which is what the user typed.
/// </summary>
public class RazorComponentFlowTests
{
    private static readonly DiagnosticAnalyzer[] AllRules = RazorRuleTests.AllRules;

    [Fact]
    public Task LLM_answer_stored_by_a_handler_and_rendered_as_MarkupString_in_the_markup() => new RazorProject()
        .Razor("Components/Pages/Chat.razor", """
            @page "/chat"
            @rendermode InteractiveServer
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="AskAsync">Ask</button>
            <div class="answer">@({|OM1013:(MarkupString)answer|})</div>
            <div class="summary">@({|OM1013:(MarkupString)Summary|})</div>
            <div class="plain">@answer</div>

            @code {
                private string answer = "";
                private string Summary { get; set; } = "";

                private async Task AskAsync()
                {
                    answer = (await Client.GetResponseAsync("Tell me a joke", new ChatOptions { MaxOutputTokens = 100 })).Text;
                    Summary = Shorten(answer);
                }

                private static string Shorten(string text) => text.Length > 80 ? text.Substring(0, 80) : text;
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task LLM_answer_stored_by_a_markup_lambda_reaches_the_system_prompt_of_another_handler() => new RazorProject()
        .Razor("Components/Pages/Relay.razor", """
            @page "/relay"
            @rendermode InteractiveServer
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="async () => persona = (await Client.GetResponseAsync(ask, limit)).Text">Invent</button>
            <button @onclick="ChatAsync">Chat</button>
            <p>@reply</p>

            @code {
                private readonly ChatOptions limit = new() { MaxOutputTokens = 100 };
                private readonly string ask = "Invent a persona";
                private string persona = "";
                private string reply = "";

                private async Task ChatAsync()
                {
                    var response = await Client.GetResponseAsync([{|OM1009:new ChatMessage(ChatRole.System, "You are " + persona)|}, new ChatMessage(ChatRole.User, "Hi")], limit);
                    reply = response.Text;
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Encoded_fields_rendered_text_and_literal_state_are_not_findings() => new RazorProject()
        .Razor("Components/Pages/Safe.razor", """
            @page "/safe"
            @rendermode InteractiveServer
            @using System.Text.Encodings.Web
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="AskAsync">Ask</button>
            <div>@((MarkupString)encoded)</div>
            <div>@((MarkupString)banner)</div>
            <div>@raw</div>
            <div>@((MarkupString)count.ToString())</div>

            @code {
                private string encoded = "";
                private string raw = "";
                private string banner = "<b>Welcome</b>";
                private int count;

                private async Task AskAsync()
                {
                    var response = await Client.GetResponseAsync("Tell me a joke", new ChatOptions { MaxOutputTokens = 100 });
                    encoded = HtmlEncoder.Default.Encode(response.Text);
                    raw = response.Text;
                    count = response.Text.Length;
                    banner = "<b>Thanks</b>";
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public async Task Fields_of_an_ordinary_class_are_not_followed_across_methods()
    {
        // Outside components a field can be written from anywhere, in any order: the per-method engine stays as it was.
        var diagnostics = await new RazorProject()
            .CSharp("""
                using Microsoft.AspNetCore.Components;
                using Microsoft.Extensions.AI;

                public sealed class Assistant(IChatClient client)
                {
                    private string _answer = "";

                    public async System.Threading.Tasks.Task AskAsync() =>
                        _answer = (await client.GetResponseAsync("hi", new ChatOptions { MaxOutputTokens = 10 })).Text;

                    public MarkupString Render() => (MarkupString)_answer;
                }
                """)
            .Razor("Components/Pages/Empty.razor", """
                @page "/empty"
                <p>Nothing here</p>
                """)
            .AnalyzeAsync(AllRules);

        Assert.DoesNotContain(diagnostics, d => d.Id == "OM1013");
    }

    [Fact]
    public Task Text_typed_into_a_bound_input_reaches_the_system_prompt_and_the_model_path() => new RazorProject()
        .Razor("Components/Pages/Tune.razor", """
            @page "/tune"
            @rendermode InteractiveServer
            @using Microsoft.Extensions.AI
            @using Microsoft.ML.OnnxRuntime
            @inject IChatClient Client

            <input @bind="persona" />
            <input @bind="topic" @bind:event="oninput" />
            <EditForm Model="settings" OnValidSubmit="LoadAsync" FormName="settings">
                <InputText @bind-Value="settings.ModelFile" />
                <InputNumber @bind-Value="settings.Threads" />
            </EditForm>
            <button @onclick="AskAsync">Ask</button>
            <p>@reply</p>

            @code {
                private string persona = "";
                private string? topic;
                private string reply = "";
                private readonly Settings settings = new();

                private async Task AskAsync()
                {
                    var options = new ChatOptions { MaxOutputTokens = 100 };
                    var response = await Client.GetResponseAsync([{|OM1009:new ChatMessage(ChatRole.System, $"You are {persona}.")|}, {|OM1009:new ChatMessage(ChatRole.System, "Topic: " + topic)|}, new ChatMessage(ChatRole.User, "Hi")], options);
                    reply = response.Text;
                }

                private Task LoadAsync()
                {
                    using var session = {|OM2004:{|OM1001:new InferenceSession(settings.ModelFile)|}|};
                    reply = session.InputMetadata.Count.ToString();
                    return Task.CompletedTask;
                }

                private sealed class Settings
                {
                    public string ModelFile { get; set; } = "";
                    public int Threads { get; set; }
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task A_bound_number_a_sanitized_binding_and_an_unbound_field_are_not_findings() => new RazorProject()
        .Declarations(new Declared().Model("models/default.onnx"))
        .Razor("Components/Pages/Count.razor", """
            @page "/count"
            @rendermode InteractiveServer
            @using Microsoft.Extensions.AI
            @using Microsoft.ML.OnnxRuntime
            @inject IChatClient Client

            <input type="number" @bind="words" />
            <input type="checkbox" @bind="formal" />
            <input @bind="modelName" />
            <button @onclick="AskAsync">Ask</button>
            <p>@reply</p>

            @code {
                private int words = 50;
                private bool formal;
                private string modelName = "";
                private string tone = "friendly";
                private string reply = "";

                private async Task AskAsync()
                {
                    var options = new ChatOptions { MaxOutputTokens = 100 };
                    var response = await Client.GetResponseAsync([new ChatMessage(ChatRole.System, $"Answer in {words} words, {(formal ? "formally" : tone)}."), new ChatMessage(ChatRole.User, modelName)], options);
                    reply = response.Text;
                    using var session = {|OM2004:new InferenceSession(System.IO.Path.Combine("models", System.IO.Path.GetFileName(modelName)))|};
                }
            }
            """)
        .VerifyAsync(AllRules);
}
