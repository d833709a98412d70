// packages: FaceONNX, Microsoft.ML.OnnxRuntime.DirectML, Intel.ML.OnnxRuntime.OpenVino, Microsoft.ML.OnnxRuntimeGenAI.WinML
// Look-alike of the ONNX Runtime managed API (Microsoft.ML.OnnxRuntime) for projects that receive it through a package
// this machine's NuGet mirror does not serve: the FaceONNX package (FaceONNX.Addons and the examples reference it
// instead of the in-repository project), the DirectML / OpenVINO builds of ONNX Runtime (YoloDotNet's execution
// providers) and the WinML build of ONNX Runtime GenAI (through which ai-dev-gallery receives it). Real namespace,
// type and parameter names so catalogue matching by metadata name works; bodies do nothing; members the corpus calls
// that are not here stay compile errors, as before. Internal, so projects that
// reference each other may each receive a copy without the copies clashing.
#nullable enable
namespace Microsoft.ML.OnnxRuntime
{
    internal enum GraphOptimizationLevel { ORT_DISABLE_ALL = 0, ORT_ENABLE_BASIC = 1, ORT_ENABLE_EXTENDED = 2, ORT_ENABLE_ALL = 99 }

    internal enum ExecutionMode { ORT_SEQUENTIAL = 0, ORT_PARALLEL = 1 }

    internal class SessionOptions : System.IDisposable
    {
        public GraphOptimizationLevel GraphOptimizationLevel { get; set; }
        public ExecutionMode ExecutionMode { get; set; }
        public bool EnableCpuMemArena { get; set; }
        public bool EnableMemoryPattern { get; set; }
        public void AppendExecutionProvider_DML(int deviceId = 0) { }
        public void AppendExecutionProvider_CPU(int useArena = 1) { }
        public void AppendExecutionProvider(string providerName, System.Collections.Generic.Dictionary<string, string>? providerOptions = null) { }
        public void Dispose() { }
    }

    internal class InferenceSession : System.IDisposable
    {
        public InferenceSession(string modelPath) { }
        public InferenceSession(string modelPath, SessionOptions options) { }
        public InferenceSession(byte[] model) { }
        public InferenceSession(byte[] model, SessionOptions options) { }
        public System.Collections.Generic.IReadOnlyDictionary<string, object> InputMetadata { get; } = new System.Collections.Generic.Dictionary<string, object>();
        public System.Collections.Generic.IReadOnlyDictionary<string, object> OutputMetadata { get; } = new System.Collections.Generic.Dictionary<string, object>();
        public void Dispose() { }
    }
}
