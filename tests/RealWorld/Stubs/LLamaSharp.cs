// Look-alike of the LLamaSharp public surface the corpus calls (the package version the corpus pins is not served by
// this machine's NuGet mirror). Names and namespaces are the real ones so catalogue matching by metadata name works;
// bodies do nothing. Added by the runner only to projects whose restore reported LLamaSharp missing.
#nullable enable
namespace LLama.Abstractions
{
    public interface IModelParams { string ModelPath { get; } }
    public interface IContextParams { uint? ContextSize { get; } }
    public interface IInferenceParams { int MaxTokens { get; } }
    public interface ILLamaExecutor
    {
        System.Collections.Generic.IAsyncEnumerable<string> InferAsync(string text, IInferenceParams? inferenceParams = null, System.Threading.CancellationToken token = default);
    }
}

namespace LLama.Common
{
    public class ModelParams : LLama.Abstractions.IModelParams, LLama.Abstractions.IContextParams
    {
        public ModelParams(string modelPath) { ModelPath = modelPath; }
        public string ModelPath { get; set; }
        public uint? ContextSize { get; set; }
        public int GpuLayerCount { get; set; }
        public bool Embeddings { get; set; }
    }

    public class InferenceParams : LLama.Abstractions.IInferenceParams
    {
        public int MaxTokens { get; set; } = -1;
        public System.Collections.Generic.IReadOnlyList<string> AntiPrompts { get; set; } = new string[0];
    }

    public class ChatHistory
    {
        public enum AuthorRole { Unknown = -1, System = 0, User = 1, Assistant = 2 }
        public void AddMessage(AuthorRole authorRole, string content) { }
    }
}

namespace LLama
{
    public sealed class LLamaWeights : System.IDisposable
    {
        private LLamaWeights() { }
        public static LLamaWeights LoadFromFile(LLama.Abstractions.IModelParams @params) => new LLamaWeights();
        public static System.Threading.Tasks.Task<LLamaWeights> LoadFromFileAsync(LLama.Abstractions.IModelParams @params, System.Threading.CancellationToken token = default, System.IProgress<float>? progressReporter = null) =>
            System.Threading.Tasks.Task.FromResult(new LLamaWeights());
        public LLamaContext CreateContext(LLama.Abstractions.IContextParams @params) => new LLamaContext();
        public void Dispose() { }
    }

    public sealed class LLamaContext : System.IDisposable { public void Dispose() { } }

    public sealed class LLamaEmbedder : System.IDisposable
    {
        public LLamaEmbedder(LLamaWeights weights, LLama.Abstractions.IContextParams @params) { }
        public System.Threading.Tasks.Task<System.Collections.Generic.IReadOnlyList<float[]>> GetEmbeddings(string input, System.Threading.CancellationToken cancellationToken = default) =>
            System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IReadOnlyList<float[]>>(new float[0][]);
        public void Dispose() { }
    }

    public class StatelessExecutor : LLama.Abstractions.ILLamaExecutor
    {
        public StatelessExecutor(LLamaWeights weights, LLama.Abstractions.IContextParams @params) { }
        public async System.Collections.Generic.IAsyncEnumerable<string> InferAsync(string text, LLama.Abstractions.IInferenceParams? inferenceParams = null, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken token = default)
        {
            await System.Threading.Tasks.Task.CompletedTask;
            yield break;
        }
    }

    public class InstructExecutor : StatelessExecutorBase
    {
        public InstructExecutor(LLamaContext context) { }
    }

    public abstract class StatelessExecutorBase : LLama.Abstractions.ILLamaExecutor
    {
        public async System.Collections.Generic.IAsyncEnumerable<string> InferAsync(string text, LLama.Abstractions.IInferenceParams? inferenceParams = null, [System.Runtime.CompilerServices.EnumeratorCancellation] System.Threading.CancellationToken token = default)
        {
            await System.Threading.Tasks.Task.CompletedTask;
            yield break;
        }
    }
}
