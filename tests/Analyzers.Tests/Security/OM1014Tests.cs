using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Security.TaintRulesAnalyzer>;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1014 LLM output used as a path, URL or code: the analyzer.</summary>
public class OM1014Tests
{
    [Fact]
    public Task OM1014_LLM_output_as_file_URL_or_type_name() => V.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using Microsoft.Extensions.AI;
        class Tools
        {
            async System.Threading.Tasks.Task Act(IChatClient client, HttpClient http)
            {
                var target = (await client.GetResponseAsync("Which file?")).Text;
                var text = {|OM1014:File.ReadAllText(target)|};
                var page = await {|OM1014:http.GetStringAsync(target)|};
                var type = {|OM1014:System.Type.GetType(target)|};
                var safe = File.ReadAllText(Path.Combine("docs", Path.GetFileName(target)));
            }
        }
        """);

    /// <summary>An HTTP request whose URI property is set from LLM output (an object initializer); a constant URI is not.</summary>
    [Fact]
    public Task OM1014_LLM_output_as_the_URI_of_a_request_message() => V.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using Microsoft.Extensions.AI;
        class Tools
        {
            async System.Threading.Tasks.Task<HttpRequestMessage[]> Act(IChatClient client)
            {
                var target = (await client.GetResponseAsync("Which page?")).Text;
                var request = new HttpRequestMessage { Method = HttpMethod.Get, {|OM1014:RequestUri = new Uri(target)|} };
                var status = new HttpRequestMessage { RequestUri = new Uri("https://example.com/status") };
                return new[] { request, status };
            }
        }
        """);
}
