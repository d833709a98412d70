using System.Text;
using OpenModel.Core.CycloneDx;
using Xunit;

namespace OpenModel.Core.Tests;

public class BomSerializerTests
{
    [Fact]
    public void Same_content_in_any_order_gives_identical_bytes()
    {
        var first = BomSerializer.Serialize(Sample(reverse: false));
        var second = BomSerializer.Serialize(Sample(reverse: true));

        Assert.Equal(first, second);
        Assert.DoesNotContain("timestamp", Encoding.UTF8.GetString(first));
    }

    [Fact]
    public void Serial_number_is_a_version_5_uuid_of_the_content()
    {
        var bom = Sample(reverse: false);
        var before = Deserialize(BomSerializer.Serialize(bom)).SerialNumber;
        bom.Components![0].Version = "9.9.9";
        var after = Deserialize(BomSerializer.Serialize(bom)).SerialNumber;

        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", before);
        Assert.NotEqual(before, after);
    }

    [Fact]
    public void Round_trips()
    {
        var bytes = BomSerializer.Serialize(Sample(reverse: false));

        Assert.Equal(bytes, BomSerializer.Serialize(Deserialize(bytes)));
    }

    private static Bom Deserialize(byte[] bytes) => BomSerializer.Deserialize(bytes);

    private static Bom Sample(bool reverse)
    {
        var components = new List<Component>
        {
            new() { Type = "library", BomRef = "pkg:nuget/A@1.0.0", Name = "A", Version = "1.0.0", Properties = [new Property("b", "2"), new Property("a", "1")] },
            new() { Type = "machine-learning-model", BomRef = "model:m.onnx", Name = "m" },
            new() { Type = "data", BomRef = "data:d.csv", Name = "d" },
        };
        var dependencies = new List<Dependency>
        {
            new() { Ref = "root", DependsOn = ["pkg:nuget/A@1.0.0", "model:m.onnx", "data:d.csv"] },
            new() { Ref = "model:m.onnx", DependsOn = ["data:d.csv"] },
        };
        if (reverse)
        {
            components.Reverse();
            dependencies.Reverse();
            dependencies.ForEach(d => d.DependsOn!.Reverse());
            components[2].Properties!.Reverse();
        }

        return new Bom
        {
            Metadata = new BomMetadata { Component = new Component { Type = "application", BomRef = "root", Name = "App" } },
            Components = components,
            Dependencies = dependencies,
        };
    }
}
