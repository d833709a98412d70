using System.Text;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>safetensors and GGUF bounds, every count × size overflow-checked, and chat templates hashed and scanned.</summary>
public sealed class TensorHeaderTests : IDisposable
{
    private const string EscapingTemplate = "{{ ''.__class__.__mro__[1].__subclasses__() }}{% for m in messages %}{{ m.content }}{% endfor %}";
    private const string BenignTemplate = "{% for message in messages %}{{ '<|' + message['role'] + '|>' + message['content'] }}{% endfor %}{% if add_generation_prompt %}<|assistant|>{% endif %}";

    private readonly TestProject _files = new();

    [Theory]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}}""", 20, "belong to no tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}""", 12, "between the start of the data and 'a'")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 4096, "follow the last tensor")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":{"format":"pt","evil":{"x":1}}}""", 8, "__metadata__ 'evil' is a JSON object")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"__metadata__":["pt"]}""", 8, "__metadata__ is a JSON array")]
    [InlineData("""{"a":{"dtype":"F32","shape":[4294967296,4294967296,16],"data_offsets":[0,8]}}""", 8, "overflows 64 bits")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}""", 8, "appears twice")]
    [InlineData("""{"a":{"dtype":"F32","shape":[2]}}""", 8, "needs dtype, shape and two data_offsets")]
    public void Safetensors_layouts_the_loader_refuses_are_OM4008(string header, int dataLength, string message)
    {
        var result = Inspect("m.safetensors", ArtifactFiles.Safetensors(header, dataLength));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4008" && f.Message.Contains(message));
    }

    [Fact]
    public void Safetensors_that_tile_their_data_exactly_are_safe()
    {
        var result = Inspect("ok.safetensors", ArtifactFiles.Safetensors("""{"b":{"dtype":"BF16","shape":[4],"data_offsets":[8,16]},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"e":{"dtype":"F32","shape":[0],"data_offsets":[16,16]},"__metadata__":{"format":"pt"}}""", 16));

        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
        Assert.Equal("6", result.Metadata["parameter_count"]);
    }

    [Theory]
    [InlineData(new ulong[] { 4, 4 }, 0u, 16UL, "not a multiple of the 32-byte alignment")]
    [InlineData(new ulong[] { 4, 4 }, 0u, 32UL, "of the data section, which holds 64")]
    [InlineData(new ulong[] { }, 0u, 0UL, "0 dimensions")]
    [InlineData(new ulong[] { 1, 1, 1, 1, 1 }, 0u, 0UL, "5 dimensions")]
    [InlineData(new ulong[] { 4, 4 }, 99u, 0UL, "unknown ggml type 99")]
    [InlineData(new ulong[] { 33, 1 }, 2u, 0UL, "not a multiple of its type's block of 32")]
    [InlineData(new ulong[] { 4294967296, 4294967296, 4294967296 }, 0u, 0UL, "overflows 64 bits")]
    [InlineData(new ulong[] { 9223372036854775808 }, 0u, 0UL, "has a dimension of")]
    public void GGUF_tensors_outside_their_bounds_are_OM4008(ulong[] dims, uint type, ulong offset, string message)
    {
        var result = Inspect("m.gguf", ArtifactFiles.GgufWith([("general.architecture", "llama")], [("w", dims, type, offset)], 64));

        Assert.Equal(Verdict.Dangerous, result.Verdict);
        Assert.Contains(result.Findings, f => f.Id == "OM4008" && f.Message.Contains(message));
    }

    [Fact]
    public void GGUF_overlaps_duplicate_names_and_a_bad_alignment_are_OM4008()
    {
        var overlap = Inspect("o.gguf", ArtifactFiles.GgufWith([], [("a", [8], 0u, 0), ("b", [8], 0u, 0)], 64));
        var twice = Inspect("t.gguf", ArtifactFiles.GgufWith([], [("a", [8], 0u, 0), ("a", [8], 0u, 32)], 64));
        var alignment = Inspect("al.gguf", ArtifactFiles.GgufWith([], [("a", [8], 0u, 0)], 64, alignment: 24));
        var quantised = Inspect("q.gguf", ArtifactFiles.GgufWith([], [("a", [64, 2], 2u, 0), ("b", [256], 12u, 96)], 256));

        Assert.Contains(overlap.Findings, f => f.Id == "OM4008" && f.Message.Contains("overlap"));
        Assert.Contains(twice.Findings, f => f.Id == "OM4008" && f.Message.Contains("used twice"));
        Assert.Contains(alignment.Findings, f => f.Id == "OM4008" && f.Message.Contains("power-of-two"));
        Assert.True(quantised.Verdict == Verdict.Safe, string.Join("; ", quantised.Findings));
    }

    [Fact]
    public void GGUF_chat_templates_are_hashed_as_parts_and_escapes_are_dangerous()
    {
        var benign = Inspect("b.gguf", ArtifactFiles.GgufWith([("tokenizer.chat_template", BenignTemplate)], [("w", [4], 0u, 0)], 16));
        var changed = Inspect("c.gguf", ArtifactFiles.GgufWith([("tokenizer.chat_template", BenignTemplate + " ")], [("w", [4], 0u, 0)], 16));
        var evil = Inspect("e.gguf", ArtifactFiles.GgufWith([("tokenizer.chat_template", EscapingTemplate)], [("w", [4], 0u, 0)], 16));

        Assert.True(benign.Verdict == Verdict.Safe, string.Join("; ", benign.Findings));
        var part = Assert.Single(benign.Parts!);
        Assert.Equal(("chat-template", "tokenizer.chat_template", Encoding.UTF8.GetByteCount(BenignTemplate)), (part.Kind, part.Name, (int)part.Length));
        Assert.NotEqual(part.Sha256, Assert.Single(changed.Parts!).Sha256);
        Assert.Equal(Verdict.Dangerous, evil.Verdict);
        Assert.Contains(evil.Findings, f => f.Id == "OM4006" && f.Message.Contains("'__class__'"));
    }

    [Theory]
    [InlineData("{{ cycler.__init__.__globals__.os.popen('id').read() }}")]
    [InlineData("{{ lipsum.__globals__['os'].popen('id') }}")]
    [InlineData("{{ ''|attr('\\x5f\\x5fclass\\x5f\\x5f') }}")]
    [InlineData("{{ self._TemplateReference__context }}")]
    [InlineData("{{ namespace.__init__ }}")]
    public void Tokenizer_config_chat_templates_that_escape_the_sandbox_are_dangerous(string template)
    {
        var config = System.Text.Json.JsonSerializer.Serialize(new { chat_template = template, bos_token = "<s>" });
        var result = Inspect("tokenizer_config.json", Encoding.UTF8.GetBytes(config));

        Assert.Equal((ArtifactFormat.Config, Verdict.Dangerous), (result.Format, result.Verdict));
        Assert.Contains(result.Findings, f => f.Id == "OM4006");
    }

    [Fact]
    public void Benign_tokenizer_config_templates_are_safe_and_hashed_one_part_each()
    {
        var single = System.Text.Json.JsonSerializer.Serialize(new { chat_template = BenignTemplate, model_max_length = 2048 });
        var named = System.Text.Json.JsonSerializer.Serialize(new { chat_template = new[] { new { name = "default", template = BenignTemplate }, new { name = "tool_use", template = "{% set ns = namespace(found=false) %}{{ ns.found }}" } } });
        var none = """{"bos_token": "<s>"}""";

        var singleResult = Inspect("tokenizer_config.json", Encoding.UTF8.GetBytes(single));
        var namedResult = Inspect("n/tokenizer_config.json", Encoding.UTF8.GetBytes(named));
        var noneResult = Inspect("x/tokenizer_config.json", Encoding.UTF8.GetBytes(none));

        Assert.True(singleResult.Verdict == Verdict.Safe, string.Join("; ", singleResult.Findings));
        Assert.Single(singleResult.Parts!);
        Assert.True(namedResult.Verdict == Verdict.Safe, string.Join("; ", namedResult.Findings));
        Assert.Equal(new[] { "chat_template.default", "chat_template.tool_use" }, namedResult.Parts!.Select(p => p.Name));
        Assert.Equal(Verdict.Safe, noneResult.Verdict);
    }

    [Fact]
    public void Every_result_records_the_rule_set_version() =>
        Assert.Equal(ArtifactInspector.RuleSetVersion, Inspect("m.gguf", ArtifactFiles.Gguf()).RuleSetVersion);

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
