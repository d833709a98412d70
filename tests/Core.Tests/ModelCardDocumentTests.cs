using OpenModel.Core.Artifacts;
using Xunit;

namespace OpenModel.Core.Tests;

public class ModelCardDocumentTests
{
    private const string HuggingFaceCard = """
        ---
        license: apache-2.0
        language: en
        pipeline_tag: text-classification
        base_model: distilbert/distilbert-base-uncased
        datasets:
          - stanfordnlp/imdb
        tags: [sentiment, open-source]
        model-index:
          - name: contoso-sentiment
            results:
              - task: { type: text-classification }
                dataset: { name: imdb, type: stanfordnlp/imdb }
                metrics:
                  - { type: accuracy, value: 0.931 }
                  - { type: f1, value: 0.929 }
        ---

        # contoso-sentiment

        ## Uses

        ### Direct Use
        Scoring the sentiment of English movie reviews.

        ### Out-of-Scope Use
        Medical or legal decisions.

        ## Bias, Risks, and Limitations
        Reviews are short and American-English.

        ## Training Details
        [More Information Needed]
        """;

    [Fact]
    public void Reads_front_matter_and_sections_of_a_Hugging_Face_card()
    {
        var card = ModelCardDocument.Parse(HuggingFaceCard);

        Assert.Equal("apache-2.0", card.License);
        Assert.Equal("text-classification", card.PipelineTag);
        Assert.Equal(new[] { "distilbert/distilbert-base-uncased" }, card.BaseModels);
        Assert.Equal(new[] { "stanfordnlp/imdb" }, card.Datasets);
        Assert.Equal(new[] { ("accuracy", "0.931", (string?)"imdb"), ("f1", "0.929", "imdb") }, card.Metrics);
        Assert.StartsWith("### Direct Use", card.Sections[CardSection.IntendedUse]);
        Assert.Equal("Medical or legal decisions.", card.Sections[CardSection.OutOfScopeUse]);
        Assert.Equal("Reviews are short and American-English.", card.Sections[CardSection.Limitations]);
        Assert.True(card.Has(CardSection.Risks));
    }

    [Fact]
    public void Other_licence_uses_its_name_as_a_LicenseRef() =>
        Assert.Equal("LicenseRef-llama3", ModelCardDocument.Parse("---\nlicense: other\nlicense_name: llama3\n---\n").License);

    [Fact]
    public void Placeholder_sections_do_not_count()
    {
        var card = ModelCardDocument.Parse("# m\n\n## Limitations\n[More Information Needed]\n\n## Risks\n\n## Intended use\nDemos.\n");

        Assert.False(card.Has(CardSection.Limitations));
        Assert.False(card.Has(CardSection.Risks));
        Assert.True(card.Has(CardSection.IntendedUse));
    }

    [Fact]
    public void Invalid_yaml_names_the_line()
    {
        var error = Assert.Throws<ModelCardException>(() => ModelCardDocument.Parse("---\nlicense: mit\ndatasets: [imdb\npipeline_tag: x\n---\n# card\n"));

        Assert.Contains("invalid YAML front matter", error.Message);
        Assert.InRange(error.Line, 3, 5);
    }

    [Fact]
    public void Unclosed_front_matter_is_an_error() =>
        Assert.Equal(1, Assert.Throws<ModelCardException>(() => ModelCardDocument.Parse("---\nlicense: mit\n# card\n")).Line);

    [Fact]
    public void A_card_without_front_matter_is_just_sections() =>
        Assert.Empty(ModelCardDocument.Parse("# Model\n\n## Limitations\nSmall.\n").FrontMatter);
}
