using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1010 Prompt-template encoding disabled: the analyzer.</summary>
public class OM1010Tests
{
    [Fact]
    public Task OM1010_prompt_encoding_disabled() => Verify<OM1010PromptEncodingDisabled>.AnalyzerAsync("""
        namespace Microsoft.SemanticKernel
        {
            public class PromptTemplateConfig { public bool AllowDangerouslySetContent { get; set; } }
            public class InputVariable { public bool AllowDangerouslySetContent { get; set; } }
        }
        class Prompts
        {
            object[] Configure() =>
            [
                new Microsoft.SemanticKernel.PromptTemplateConfig { {|OM1010:AllowDangerouslySetContent = true|} },
                new Microsoft.SemanticKernel.InputVariable { {|OM1010:AllowDangerouslySetContent = true|} },
                new Microsoft.SemanticKernel.PromptTemplateConfig { AllowDangerouslySetContent = false },
            ];
        }
        """);
}
