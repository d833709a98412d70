using System.Xml.Linq;
using OpenModel.Contract;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Inspection;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Core.Tests.Contract;

/// <summary>
/// The shared contract (src/Contract/OpenModelContract.cs, compiled into Core and the analyzers) against the other
/// places that must agree with it: the SDK's targets, the IDE's item types, and Core's own use of it.
/// </summary>
public sealed class ContractTests : IDisposable
{
    private readonly TestProject _test = new();

    /// <summary>The writer of obj/openmodel.declarations.tsv is MSBuild; each of its item transforms has the contract's columns.</summary>
    [Fact]
    public void The_targets_write_the_declarations_file_the_contract_describes()
    {
        var targets = XDocument.Load(Path.Combine(Repository.Root, "src", "Sdk", "build", "OpenModel.Sdk.targets"));
        var target = targets.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "OpenModelWriteDeclarations");
        var transforms = target.Descendants("_OpenModelDeclarationLine").Select(e => (string)e.Attribute("Include")!).ToList();
        var expected = DeclarationsFile.ItemTypes
            .Select(type => $"@({type}->'" + string.Join("%09", DeclarationsFile.Columns.Select(c => c.Metadata is null ? type : $"%({c.Metadata})")) + "')")
            .ToList();
        Assert.Equal(expected, transforms);
        Assert.Equal('\t', DeclarationsFile.Separator); // %09 in the transforms above

        var write = target.Descendants("WriteLinesToFile").Single();
        Assert.EndsWith(DeclarationsFile.FileName, (string)write.Attribute("File")!, StringComparison.Ordinal);
        Assert.StartsWith(DeclarationsFile.HeaderPrefix + "$(MSBuildProjectFullPath);", (string)write.Attribute("Lines")!, StringComparison.Ordinal);

        // The same file is handed to the compiler as an AdditionalFile, which is how the analyzers find it.
        Assert.Contains(targets.Descendants("AdditionalFiles"), a => ((string?)a.Attribute("Include"))?.EndsWith(DeclarationsFile.FileName, StringComparison.Ordinal) == true);
    }

    [Fact]
    public void The_line_shape_in_messages_lists_the_columns()
    {
        Assert.Equal("'<ItemType>\\t<Include>\\t<Name>\\t<Access>\\t<DefiningProject>'", DeclarationsFile.LineShape());
    }

    /// <summary>
    /// A prefix is a provider only when it is a known one. Before the contract, Core took any text before ':' as the
    /// provider ("llama3:8b" became provider "llama3", model "8b"; "org/model:tag" provider "org/model") while the
    /// analyzers kept "org/model:tag" whole — the two disagreed, and both broke Ollama tags.
    /// </summary>
    [Theory]
    [InlineData("openai:gpt-4o-mini", "openai", "gpt-4o-mini")]
    [InlineData("OpenAI:gpt-4o", "OpenAI", "gpt-4o")]
    [InlineData("gpt-4o", null, "gpt-4o")]
    [InlineData("llama3:8b", null, "llama3:8b")]
    [InlineData("ollama:llama3:8b", "ollama", "llama3:8b")]
    [InlineData("org/model:tag", null, "org/model:tag")]
    [InlineData("huggingface:org/model", "huggingface", "org/model")]
    [InlineData("azure-openai:contoso-gpt4o", "azure-openai", "contoso-gpt4o")]
    [InlineData("openai:", null, "openai:")]
    [InlineData(":gpt-4o", null, ":gpt-4o")]
    public void Model_service_ids_split_off_known_providers_only(string id, string? provider, string model)
    {
        var parsed = ModelServiceId.Parse(id);
        Assert.Equal((provider, model), (parsed.Provider, parsed.Model));
    }

    [Theory]
    [InlineData("Api", true)]
    [InlineData("api", true)]
    [InlineData(" Api ", true)]
    [InlineData("Local", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Access_Api_in_any_case_is_a_hosted_model(string? access, bool remote) => Assert.Equal(remote, ModelAccess.IsRemote(access));

    [Fact]
    public void A_hosted_model_with_a_tag_is_a_service_named_by_its_whole_id_and_only_a_known_provider_is_one()
    {
        var result = AIBomBuilder.Build(new AIBomRequest
        {
            Project = new ProjectInfo { Name = "App", Directory = _test.Directory },
            Artifacts =
            [
                _test.Model("llama3:8b", ("Access", "Api")),
                _test.Model("ollama:phi3:mini", ("Access", "Api")),
                _test.Model("org/model:tag", ("Access", "Api")),
            ],
        }, _test.ProjectFile);

        var services = result.Bom.Services!.Select(s => (s.Provider?.Name, s.Group, s.Name, Model: s.Properties!.Single(p => p.Name == "openmodel:model").Value, Endpoint: s.Endpoints?.Single())).ToList();
        Assert.Equal(
        [
            (null, null, "llama3:8b", "llama3:8b", null),
            ("Ollama", "ollama", "phi3:mini", "phi3:mini", "http://localhost:11434"),
            (null, null, "org/model:tag", "org/model:tag", null),
        ], services);
    }

    [Theory]
    [InlineData("OM1001", true, false)]
    [InlineData("OM1018", true, false)]
    [InlineData("OM2000", false, false)]
    [InlineData("OM2001", false, true)]
    [InlineData("OM2004", false, true)]
    [InlineData("OM2005", false, false)]
    [InlineData("OM3001", false, false)]
    [InlineData("OM10011", false, false)]
    [InlineData("om1001", false, false)]
    [InlineData("CS1001", false, false)]
    [InlineData(null, false, false)]
    public void Rule_id_ranges(string? id, bool security, bool unmatched) =>
        Assert.Equal((security, unmatched), (RuleIds.IsSecurity(id), RuleIds.IsUnmatchedLoad(id)));

    [Fact]
    public void Every_extension_is_listed_once_in_lower_case_with_its_dot()
    {
        Assert.All(ArtifactExtensions.All, e => Assert.Matches("^\\.[a-z0-9]+$", e.Extension));
        Assert.Equal(ArtifactExtensions.All.Count, ArtifactExtensions.All.Select(e => e.Extension).Distinct().Count());
        Assert.All(ArtifactExtensions.All, e => Assert.NotEqual(ArtifactExtensions.Use.None, e.Use));
        Assert.DoesNotContain(ArtifactExtensions.All, e => e.Use.HasFlag(ArtifactExtensions.Use.ModelLoad) && e.Use.HasFlag(ArtifactExtensions.Use.DatasetLoad));
    }

    /// <summary>`openmodel scan` judges by name exactly the extensions the contract marks as read by the inspector.</summary>
    [Fact]
    public void Scan_selects_by_the_contracts_extensions()
    {
        foreach (var (extension, use) in ArtifactExtensions.All)
        {
            // A text file: only its name can make it judged.
            var path = _test.Write("scan/file" + extension, "plain text, no model format\n");
            Assert.True(use.HasFlag(ArtifactExtensions.Use.Scanned) == ModelFileSelection.IsModelFile(path), extension);
        }
    }

    /// <summary>The IDE's "AI model" content type (OpenModel.ItemTypes.xaml) covers only model extensions of the contract.</summary>
    [Fact]
    public void The_IDE_item_types_offer_model_extensions_of_the_contract()
    {
        var xaml = XDocument.Load(Path.Combine(Repository.Root, "src", "Sdk", "build", "OpenModel.ItemTypes.xaml"));
        var extensions = xaml.Root!.Elements().Where(e => e.Name.LocalName == "FileExtension").ToList();
        Assert.NotEmpty(extensions);
        foreach (var extension in extensions)
        {
            var name = (string)extension.Attribute("Name")!;
            var contentType = (string)extension.Attribute("ContentType")!;
            Assert.True(contentType == DeclarationsFile.ModelItemType ? ArtifactExtensions.IsModel(name) : contentType == DeclarationsFile.DatasetItemType && ArtifactExtensions.IsDataset(name), $"{name} ({contentType})");
        }
    }

    public void Dispose() => _test.Dispose();
}
