using OpenModel.Core.CycloneDx;
using Xunit;

namespace OpenModel.Core.Tests;

public class BomSemanticValidatorTests
{
    [Fact]
    public void A_consistent_bom_has_no_problems() => Assert.Empty(BomSemanticValidator.Validate(Bom()));

    [Fact]
    public void Duplicate_bom_refs_are_reported()
    {
        var bom = Bom();
        bom.Components!.Add(new Component { BomRef = "model:m", Name = "again" });

        Assert.Contains("bom-ref 'model:m' of component 'again' is not unique", BomSemanticValidator.Validate(bom));
    }

    [Fact]
    public void Dangling_dependency_references_are_reported()
    {
        var bom = Bom();
        bom.Dependencies!.Add(new Dependency { Ref = "model:m", DependsOn = ["data:missing"] });

        Assert.Contains("dependency reference 'data:missing' does not resolve to a component or service", BomSemanticValidator.Validate(bom));
    }

    [Fact]
    public void Model_cards_belong_to_models_only()
    {
        var bom = Bom();
        bom.Components!.Add(new Component { Type = "data", BomRef = "data:d", Name = "d", ModelCard = new ModelCard() });

        Assert.Contains("component 'd' of type 'data' has a modelCard; only machine-learning-model components may", BomSemanticValidator.Validate(bom));
    }

    [Fact]
    public void Licence_expressions_must_parse()
    {
        var bom = Bom();
        bom.Components![0].Licenses = [new LicenseChoice { Expression = "MIT OR" }];

        Assert.Single(BomSemanticValidator.Validate(bom), p => p.StartsWith("component 'm' has licence expression 'MIT OR' that does not parse"));
    }

    private static Bom Bom() => new()
    {
        Metadata = new BomMetadata { Component = new Component { Type = "application", BomRef = "root", Name = "App" } },
        Components = [new Component { Type = "machine-learning-model", BomRef = "model:m", Name = "m", ModelCard = new ModelCard() }],
        Services = [new Service { BomRef = "service:openai:gpt-4o", Name = "gpt-4o" }],
        Dependencies = [new Dependency { Ref = "root", DependsOn = ["model:m", "service:openai:gpt-4o"] }],
    };
}
