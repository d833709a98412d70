using System.Text;

namespace OpenModel.Benchmarks;

/// <summary>
/// Writes a Blazor Web App of <c>components</c> .razor components in the shapes the template and real chat UIs use:
/// every component renders a table in a loop, a form with <c>@bind</c> inputs, conditional markup and event handlers;
/// one in four injects a chat client and renders its answer (one in twelve through <c>MarkupString</c>, a finding), and
/// a few plain C# services sit beside them. Razor output is what the analyzers must now read, so this is the project
/// the ≤ 5 % overhead target is measured on.
/// </summary>
public static class BlazorProjectGenerator
{
    public static void Write(string directory, int components, string analyzerPath, string sdkBuildDirectory)
    {
        var pages = Path.Combine(directory, "Components", "Pages");
        Directory.CreateDirectory(pages);
        Directory.CreateDirectory(Path.Combine(directory, "Services"));
        File.WriteAllText(Path.Combine(directory, "Blazor.csproj"), Project(analyzerPath, sdkBuildDirectory));
        // Demote the findings the chat pages hold so the build completes (NoWarn would switch the rule off). A global
        // config, because Razor output is a generated tree outside the project folder, which [*.cs] sections miss.
        File.WriteAllText(Path.Combine(directory, "benchmark.globalconfig"), "is_global = true\ndotnet_diagnostic.OM1013.severity = warning\n");
        File.WriteAllText(Path.Combine(directory, "Program.cs"), """
            using Blazor.Components;
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddRazorComponents().AddInteractiveServerComponents();
            var app = builder.Build();
            app.UseAntiforgery();
            app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
            app.Run();
            """);
        File.WriteAllText(Path.Combine(directory, "Components", "_Imports.razor"), """
            @using System.Net.Http
            @using Microsoft.AspNetCore.Components.Forms
            @using Microsoft.AspNetCore.Components.Routing
            @using Microsoft.AspNetCore.Components.Web
            @using static Microsoft.AspNetCore.Components.Web.RenderMode
            @using Microsoft.JSInterop
            @using Blazor.Services
            """);
        File.WriteAllText(Path.Combine(directory, "Components", "App.razor"), """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8" /><base href="/" /><HeadOutlet /></head>
            <body><Routes /><script src="_framework/blazor.web.js"></script></body>
            </html>
            """);
        File.WriteAllText(Path.Combine(directory, "Components", "Routes.razor"), """
            <Router AppAssembly="typeof(Program).Assembly">
                <Found Context="routeData"><RouteView RouteData="routeData" /></Found>
            </Router>
            """);
        var stores = Math.Max(1, components / 8);
        for (var i = 0; i < components; i++)
        {
            File.WriteAllText(Path.Combine(pages, $"Page{i:D3}.razor"), Component(i, stores));
        }

        File.WriteAllText(Path.Combine(directory, "Services", "Models.cs"), Models);
        for (var i = 0; i < stores; i++)
        {
            File.WriteAllText(Path.Combine(directory, "Services", $"Store{i:D2}.cs"), Service(i));
        }
    }

    private static string Project(string analyzerPath, string sdkBuildDirectory) => $"""
        <Project Sdk="Microsoft.NET.Sdk.Web">
          <Import Project="{sdkBuildDirectory}OpenModel.Sdk.props" />
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <NoWarn>$(NoWarn);NU1603;NU1608</NoWarn>
            <!-- The analyzers are measured, not the AI-BOM step (whose task assembly ships in the package only). -->
            <AIBomEnabled>false</AIBomEnabled>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.Extensions.AI" Version="10.11.0" />
            <Analyzer Include="{analyzerPath}" />
            <GlobalAnalyzerConfigFiles Include="benchmark.globalconfig" />
            <AIModel Include="openai:gpt-4o-mini" Access="Api" />
          </ItemGroup>
          <Import Project="{sdkBuildDirectory}OpenModel.Sdk.targets" />
        </Project>
        """;

    private static string Component(int index, int stores)
    {
        var chat = index % 4 == 0;
        var b = new StringBuilder();
        b.AppendLine($"@page \"/page{index}\"");
        b.AppendLine("@rendermode InteractiveServer");
        if (chat)
        {
            b.AppendLine("@using Microsoft.Extensions.AI");
            b.AppendLine("@inject IChatClient Chat");
        }

        b.AppendLine($"@inject Store{index % stores:D2} Store");
        b.AppendLine();
        b.AppendLine($"<PageTitle>Page {index}</PageTitle>");
        b.AppendLine($"<h1 class=\"title\">Orders, view {index}</h1>");
        b.AppendLine("<EditForm Model=\"filter\" OnValidSubmit=\"SearchAsync\" FormName=\"filter\">");
        b.AppendLine("    <div class=\"row\"><label>Customer <InputText @bind-Value=\"filter.Customer\" /></label></div>");
        b.AppendLine("    <div class=\"row\"><label>Minimum <InputNumber @bind-Value=\"filter.Minimum\" /></label></div>");
        b.AppendLine("    <div class=\"row\"><label>Only open <InputCheckbox @bind-Value=\"filter.OnlyOpen\" /></label></div>");
        b.AppendLine("    <button type=\"submit\" class=\"btn btn-primary\">Search</button>");
        b.AppendLine("</EditForm>");
        b.AppendLine("<input @bind=\"note\" @bind:event=\"oninput\" placeholder=\"Note\" />");
        b.AppendLine("<button class=\"btn\" @onclick=\"() => page++\">Next</button>");
        b.AppendLine("<button class=\"btn\" @onclick=\"ClearAsync\">Clear</button>");
        b.AppendLine("@if (rows is null)");
        b.AppendLine("{");
        b.AppendLine("    <p><em>Loading…</em></p>");
        b.AppendLine("}");
        b.AppendLine("else");
        b.AppendLine("{");
        b.AppendLine("    <table class=\"table\">");
        b.AppendLine("        <thead><tr><th>Id</th><th>Customer</th><th>Total</th><th>Status</th><th></th></tr></thead>");
        b.AppendLine("        <tbody>");
        b.AppendLine("        @foreach (var row in rows.Skip(page * 20).Take(20))");
        b.AppendLine("        {");
        b.AppendLine("            <tr class=\"@(row.Open ? \"open\" : \"closed\")\">");
        b.AppendLine("                <td>@row.Id</td><td>@row.Customer</td><td>@row.Total.ToString(\"C\")</td>");
        b.AppendLine("                <td>@(row.Open ? \"Open\" : \"Closed\")</td>");
        b.AppendLine("                <td><button @onclick=\"() => Select(row)\">Details</button></td>");
        b.AppendLine("            </tr>");
        b.AppendLine("        }");
        b.AppendLine("        </tbody>");
        b.AppendLine("    </table>");
        b.AppendLine("    <p>@rows.Count orders, @rows.Count(r => r.Open) open, total @rows.Sum(r => r.Total).ToString(\"C\")</p>");
        b.AppendLine("}");
        b.AppendLine("@if (selected is not null)");
        b.AppendLine("{");
        b.AppendLine("    <div class=\"details\"><h2>@selected.Customer</h2><p>@note</p></div>");
        b.AppendLine("}");
        if (chat)
        {
            b.AppendLine("<textarea @bind=\"question\"></textarea>");
            b.AppendLine("<button @onclick=\"AskAsync\">Ask the assistant</button>");
            b.AppendLine("<div class=\"answer\">@answer</div>");
            if (index % 12 == 0)
            {
                b.AppendLine("<div class=\"rich\">@rich</div>");
            }
        }

        b.AppendLine();
        b.AppendLine("@code {");
        b.AppendLine("    private readonly Filter filter = new();");
        b.AppendLine("    private List<Order>? rows;");
        b.AppendLine("    private Order? selected;");
        b.AppendLine("    private string note = \"\";");
        b.AppendLine("    private int page;");
        b.AppendLine();
        b.AppendLine("    protected override async Task OnInitializedAsync() => rows = await Store.LoadAsync(filter.Customer, filter.Minimum, filter.OnlyOpen);");
        b.AppendLine();
        b.AppendLine("    private async Task SearchAsync()");
        b.AppendLine("    {");
        b.AppendLine("        page = 0;");
        b.AppendLine("        rows = await Store.LoadAsync(filter.Customer, filter.Minimum, filter.OnlyOpen);");
        b.AppendLine("        selected = rows.FirstOrDefault(r => string.Equals(r.Customer, filter.Customer, StringComparison.OrdinalIgnoreCase));");
        b.AppendLine("    }");
        b.AppendLine();
        b.AppendLine("    private Task ClearAsync()");
        b.AppendLine("    {");
        b.AppendLine("        filter.Customer = \"\";");
        b.AppendLine("        note = \"\";");
        b.AppendLine("        selected = null;");
        b.AppendLine("        return SearchAsync();");
        b.AppendLine("    }");
        b.AppendLine();
        b.AppendLine("    private void Select(Order row) => selected = row;");
        if (chat)
        {
            b.AppendLine();
            b.AppendLine("    private string question = \"\";");
            b.AppendLine("    private string answer = \"\";");
            if (index % 12 == 0)
            {
                b.AppendLine("    private MarkupString rich;");
            }

            b.AppendLine();
            b.AppendLine("    private async Task AskAsync()");
            b.AppendLine("    {");
            b.AppendLine("        var context = string.Join(\"; \", (rows ?? []).Take(10).Select(r => $\"{r.Id} {r.Total}\"));");
            b.AppendLine("        var response = await Chat.GetResponseAsync([new ChatMessage(ChatRole.System, \"Answer about orders.\"), new ChatMessage(ChatRole.User, question + context)], new ChatOptions { MaxOutputTokens = 400 });");
            b.AppendLine("        answer = response.Text;");
            if (index % 12 == 0)
            {
                b.AppendLine("        rich = (MarkupString)response.Text;");
            }

            b.AppendLine("    }");
        }

        b.AppendLine("}");
        return b.ToString();
    }

    private const string Models = """
        namespace Blazor.Services;

        public sealed class Order
        {
            public int Id { get; init; }
            public string Customer { get; init; } = "";
            public decimal Total { get; init; }
            public bool Open { get; init; }
        }

        public sealed class Filter
        {
            public string Customer { get; set; } = "";
            public int Minimum { get; set; }
            public bool OnlyOpen { get; set; }
        }
        """;

    private static string Service(int index) => $$"""
        namespace Blazor.Services;

        public sealed class Store{{index:D2}}
        {
            private readonly List<Order> _orders = Enumerable.Range(1, 200)
                .Select(i => new Order { Id = i, Customer = "c" + (i % 17), Total = i * 3.5m, Open = i % 3 == 0 }).ToList();

            public async Task<List<Order>> LoadAsync(string customer, int minimum, bool onlyOpen)
            {
                await Task.Yield();
                return _orders.Where(o => o.Total >= minimum && (!onlyOpen || o.Open))
                    .Where(o => string.IsNullOrEmpty(customer) || o.Customer.Contains(customer, StringComparison.OrdinalIgnoreCase))
                    .OrderByDescending(o => o.Total).ToList();
            }
        }
        """;
}
