// Look-alike of the two Microsoft.ML.GenAI.LLaMA entry points that open weights and vocabulary, for dotnet/ai-samples'
// LLaMA sample: this machine's NuGet mirror serves neither that package nor the CUDA builds of TorchSharp it pins. Real
// namespace, type, member and parameter names so catalogue matching (Microsoft.ML.GenAI.*.FromPretrained) works;
// bodies do nothing and return object, so the rest of the sample (the pipeline, TorchSharp) stays compile errors, as
// before. Internal, so a copy per project never clashes.
#nullable enable
namespace Microsoft.ML.GenAI.LLaMA
{
    internal sealed class LlamaForCausalLM
    {
        public static LlamaForCausalLM FromPretrained(
            string modelFolder,
            string configName = "config.json",
            string checkPointName = "model.safetensors.index.json",
            bool quantizeToInt8 = false,
            bool quantizeToInt4 = false,
            int layersOnTargetDevice = -1,
            string targetDevice = "cpu") => new();
    }

    internal static class LlamaTokenizerHelper
    {
        public static object FromPretrained(string modelWeightFolder, string modelFile = "tokenizer.model") => new();
    }
}
