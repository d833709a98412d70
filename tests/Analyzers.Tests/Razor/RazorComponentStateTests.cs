using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Razor;

/// <summary>
/// Component state beyond a private field a handler assigns: a helper method that stores the answer, public and
/// <c>[Parameter]</c> properties, a child component's parameter, and what the user typed rendered as raw HTML.
/// </summary>
public class RazorComponentStateTests
{
    private static readonly DiagnosticAnalyzer[] AllRules = RazorRuleTests.AllRules;

    [Fact]
    public Task LLM_answer_stored_by_a_helper_method_the_handler_calls_reaches_the_markup() => new RazorProject()
        .Razor("Components/Pages/Helper.razor", """
            @page "/helper"
            @rendermode InteractiveServer
            @using System.Text.Encodings.Web
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="AskAsync">Ask</button>
            <div>@({|OM1013:(MarkupString)answer|})</div>
            <div>@((MarkupString)encoded)</div>
            <div>@((MarkupString)status)</div>

            @code {
                private string answer = "";
                private string encoded = "";
                private string status = "";

                private async Task AskAsync()
                {
                    var response = await Client.GetResponseAsync("Tell me a joke", new ChatOptions { MaxOutputTokens = 100 });
                    Store(response.Text);
                    StoreEncoded(response.Text);
                    SetStatus(response.Text.Length);
                }

                private void Store(string text) => answer = text.Trim();

                private void StoreEncoded(string text) => encoded = HtmlEncoder.Default.Encode(text);

                private void SetStatus(int length) => status = "<b>" + length + " characters</b>";
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task LLM_answer_in_a_public_or_parameter_property_set_by_the_handler_reaches_the_markup() => new RazorProject()
        .Razor("Components/Pages/Props.razor", """
            @page "/props"
            @rendermode InteractiveServer
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="AskAsync">Ask</button>
            <div>@({|OM1013:(MarkupString)Answer|})</div>
            <div>@({|OM1013:(MarkupString)Title|})</div>
            <div>@((MarkupString)Footer)</div>

            @code {
                public string Answer { get; set; } = "";
                [Parameter] public string Title { get; set; } = "";
                [Parameter] public string Footer { get; set; } = "";

                private async Task AskAsync()
                {
                    var response = await Client.GetResponseAsync("Tell me a joke", new ChatOptions { MaxOutputTokens = 100 });
                    Answer = response.Text;
                    Title = response.Text.Split('\n')[0];
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task LLM_answer_passed_by_a_parent_component_to_a_parameter_is_rendered_as_MarkupString_by_the_child() => new RazorProject()
        .Razor("Components/Pages/Parent.razor", """
            @page "/parent"
            @rendermode InteractiveServer
            @using System.Text.Encodings.Web
            @using Microsoft.Extensions.AI
            @inject IChatClient Client

            <button @onclick="AskAsync">Ask</button>
            <Bubble Text="@answer" Count="@answer.Length" Label="@label" />
            <Bubble Text="@HtmlEncoder.Default.Encode(answer)" Count="1" Label="static" />

            @code {
                private string answer = "";
                private string label = "Assistant";

                private async Task AskAsync() =>
                    answer = (await Client.GetResponseAsync("Tell me a joke", new ChatOptions { MaxOutputTokens = 100 })).Text;
            }
            """)
        .Razor("Components/Bubble.razor", """
            <div class="bubble">@({|OM1013:(MarkupString)Text|})</div>
            <span>@((MarkupString)Count.ToString())</span>
            <span>@((MarkupString)Label)</span>

            @code {
                [Parameter] public string Text { get; set; } = "";
                [Parameter] public int Count { get; set; }
                [Parameter] public string Label { get; set; } = "";
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Text_typed_into_a_bound_input_rendered_as_MarkupString_is_OM1013_unless_encoded_or_a_number() => new RazorProject()
        .Razor("Components/Pages/Echo.razor", """
            @page "/echo"
            @rendermode InteractiveServer
            @using System.Text.Encodings.Web

            <input @bind="message" />
            <input type="number" @bind="size" />
            <InputText @bind-Value="draft.Body" />
            <div>@({|OM1013:(MarkupString)message|})</div>
            <div>@({|OM1013:(MarkupString)draft.Body|})</div>
            <div>@((MarkupString)HtmlEncoder.Default.Encode(message))</div>
            <div>@((MarkupString)size.ToString())</div>
            <div>@((MarkupString)greeting)</div>
            <div>@message</div>

            @code {
                private string message = "";
                private int size;
                private string greeting = "<b>Hello</b>";
                private readonly Draft draft = new();

                private sealed class Draft
                {
                    public string Body { get; set; } = "";
                }
            }
            """)
        .VerifyAsync(AllRules);

    [Fact]
    public Task Request_data_rendered_raw_in_a_Razor_Page_and_a_query_parameter_as_MarkupString_are_OM1013() => new RazorProject()
        .Razor("Pages/Search.cshtml", """
            @page
            <p>@{|OM1013:Html.Raw(Request.Query["q"].ToString())|}</p>
            <p>@Html.Raw(System.Net.WebUtility.HtmlEncode(Request.Query["q"].ToString()))</p>
            <p>@Request.Query["q"]</p>
            """)
        .Razor("Components/Pages/Find.razor", """
            @page "/find"

            <div>@({|OM1013:(MarkupString)(Term ?? "")|})</div>
            <div>@((MarkupString)Page.ToString())</div>

            @code {
                [SupplyParameterFromQuery] public string? Term { get; set; }
                [SupplyParameterFromQuery] public int Page { get; set; }
            }
            """)
        .VerifyAsync(AllRules);
}
