using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1005 Pickle-based checkpoint loaded: the analyzer.</summary>
public class OM1005Tests
{
    [Fact]
    public Task OM1005_pickle_readers() => Verify<OM1005PickleCheckpointLoaded>.AnalyzerAsync("""
        namespace TorchSharp.PyBridge { public static class PyBridgeModuleExtensions { public static T load_py<T>(this T module, string location) => module; } }
        namespace Razorvine.Pickle { public class Unpickler { public object load(System.IO.Stream stream) => new(); } }
        class Loader
        {
            void Load(System.IO.Stream stream)
            {
                var model = {|OM1005:TorchSharp.PyBridge.PyBridgeModuleExtensions.load_py(new object(), "model.pt")|};
                var data = {|OM1005:new Razorvine.Pickle.Unpickler().load(stream)|};
                var weights = System.IO.File.ReadAllBytes("model.safetensors");
            }
        }
        """);
}
