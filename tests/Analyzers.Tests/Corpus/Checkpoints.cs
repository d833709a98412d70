// Loading training checkpoints: pickle readers versus safetensors.
using System;

namespace TorchSharp.PyBridge
{
    public static class PyBridgeModuleExtensions
    {
        public static T load_py<T>(this T module, string location) => module;

        public static T load_safetensors<T>(this T module, string location) => module;
    }
}

namespace Contoso.Training
{
    using TorchSharp.PyBridge;

    public static class Checkpoints
    {
        public static object Restore(object model) => model.load_py("checkpoints/epoch-10.pt"); // expect: OM1005

        public static object RestoreSafe(object model) => model.load_safetensors("checkpoints/epoch-10.safetensors"); // ok: OM1005
    }
}
