using OpenModel.Analyzers.CodeFixes;
using OpenModel.Analyzers.Rules.Security;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using static OpenModel.Analyzers.Tests.Infrastructure.CodeFixVerify;

namespace OpenModel.Analyzers.Tests.Security;

/// <summary>OM1006 Insecure serializer for model, feature or cache data: the analyzer and its code fix.</summary>
public class OM1006Tests
{
    [Fact]
    public Task OM1006_type_embedding_serializers_and_TypeNameHandling() => Verify<OM1006InsecureSerializer>.AnalyzerAsync("""
        #pragma warning disable SYSLIB0011
        using System.IO;
        using System.Runtime.Serialization.Formatters.Binary;
        using Newtonsoft.Json;
        class FeatureCache
        {
            object Read(Stream stream) => {|OM1006:new BinaryFormatter().Deserialize(stream)|};
            object ReadThroughInterface(Stream stream)
            {
                System.Runtime.Serialization.IFormatter formatter = new BinaryFormatter();
                return {|OM1006:formatter.Deserialize(stream)|};
            }
            void WriteOnly(Stream stream, object graph) => new BinaryFormatter().Serialize(stream, graph);
            JsonSerializerSettings Unsafe() => new JsonSerializerSettings { {|OM1006:TypeNameHandling = TypeNameHandling.Auto|} };
            JsonSerializerSettings Safe() => new JsonSerializerSettings { TypeNameHandling = TypeNameHandling.None };
            T? Json<T>(string text) => System.Text.Json.JsonSerializer.Deserialize<T>(text);
        }
        """);

    [Fact]
    public Task OM1006_switches_TypeNameHandling_to_None() => VerifyAsync<OM1006InsecureSerializer, OM1006SetTypeNameHandlingNoneCodeFix>("""
        using Newtonsoft.Json;
        class Cache
        {
            JsonSerializerSettings A() => new() { {|OM1006:TypeNameHandling = TypeNameHandling.All|} };
            void B(JsonSerializer serializer) => {|OM1006:serializer.TypeNameHandling = TypeNameHandling.Objects|};
        }
        """, """
        using Newtonsoft.Json;
        class Cache
        {
            JsonSerializerSettings A() => new() { TypeNameHandling = TypeNameHandling.None };
            void B(JsonSerializer serializer) => serializer.TypeNameHandling = TypeNameHandling.None;
        }
        """);
}
