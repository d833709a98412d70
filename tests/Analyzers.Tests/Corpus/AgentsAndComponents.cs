// Agent tools, Semantic Kernel prompts and Blazor components.
using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.AI;
using Microsoft.JSInterop;

namespace Microsoft.SemanticKernel
{
    [AttributeUsage(AttributeTargets.Method)]
    public sealed class KernelFunctionAttribute : Attribute { }

    public sealed class PromptTemplateConfig
    {
        public PromptTemplateConfig(string template) => Template = template;

        public string Template { get; set; }

        public bool AllowDangerouslySetContent { get; set; }
    }
}

namespace Contoso.Agents
{
    public sealed class ShellTools
    {
        [Microsoft.SemanticKernel.KernelFunction]
        public string Run(string command) => Process.Start("bash", "-c " + command)!.Id.ToString(); // expect: OM1015, OM1011 (the model chooses command)

        [Microsoft.SemanticKernel.KernelFunction]
        public string Forecast(string city) => $"Sunny in {city}"; // ok: OM1015

        public static void Purge(string folder) => Directory.Delete(folder, recursive: true);

        public static string ReadNote(string name) => File.ReadAllText(Path.Combine("notes", Path.GetFileName(name)));
    }

    public static class Setup
    {
        public static IChatClient Build(IChatClient inner)
        {
            var purge = AIFunctionFactory.Create(ShellTools.Purge); // expect: OM1015
            var read = AIFunctionFactory.Create(ShellTools.ReadNote); // ok: OM1015
            return new ChatClientBuilder(inner).UseFunctionInvocation().Build();
        }

        public static Microsoft.SemanticKernel.PromptTemplateConfig Prompt(string template) =>
            new(template) { AllowDangerouslySetContent = true }; // expect: OM1010

        public static Microsoft.SemanticKernel.PromptTemplateConfig SafePrompt() =>
            new("Summarise {{$input}}") { AllowDangerouslySetContent = false }; // ok: OM1010
    }

    public sealed class AnswerView : ComponentBase
    {
        [Inject]
        public IChatClient Client { get; set; } = default!;

        [Inject]
        public IJSRuntime Js { get; set; } = default!;

        public MarkupString Answer { get; private set; }

        public string PlainAnswer { get; private set; } = string.Empty;

        public async Task Ask(string question)
        {
            var response = await Client.GetResponseAsync(question);
            Answer = (MarkupString)response.Text; // expect: OM1013
            var html = new HtmlString(response.Text); // expect: OM1013
            var encoded = new HtmlString(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(response.Text)); // ok: OM1013
            PlainAnswer = response.Text; // ok: OM1013
            await Js.InvokeVoidAsync("eval", response.Text); // expect: OM1013
            await Js.InvokeVoidAsync("console.log", response.Text); // ok: OM1013
        }
    }
}
