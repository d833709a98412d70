using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.TestPrograms;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1013 LLM output or user input rendered as raw HTML or script: the analyzer.</summary>
public class OM1013Tests
{
    [Fact]
    public Task OM1013_LLM_output_rendered_as_HTML_unless_encoded_or_plain() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.AI;
        class Render
        {
            async System.Threading.Tasks.Task<IResult[]> Page(IChatClient client)
            {
                var answer = (await client.GetResponseAsync("Summarise")).Text;
                var raw = {|OM1013:new Microsoft.AspNetCore.Html.HtmlString(answer)|};
                var markup = {|OM1013:(Microsoft.AspNetCore.Components.MarkupString)answer|};
                var encoded = new Microsoft.AspNetCore.Html.HtmlString(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(answer));
                return [{|OM1013:Results.Content(answer, "text/html")|}, Results.Content(answer, "text/plain")];
            }
        }
        """);

    [Fact]
    public Task OM1013_request_data_rendered_as_HTML_but_not_as_text_nor_into_eval() => Web("""
        app.MapGet("/echo", (string q) => {|OM1013:Results.Content(q, "text/html")|});
        app.MapGet("/plain", (string q) => Results.Content(q, "text/plain"));
        app.MapGet("/encoded", (string q) => Results.Content(System.Net.WebUtility.HtmlEncode(q), "text/html"));
        app.MapGet("/markup", (string q) => {|OM1013:new Microsoft.AspNetCore.Html.HtmlString(q)|}.Value);
        app.MapGet("/script", async (string q, Microsoft.JSInterop.IJSRuntime js) => await Microsoft.JSInterop.JSRuntimeExtensions.InvokeVoidAsync(js, "eval", q));
        """);
}
