using System.Text;
using OpenModel.Core.Inspection;
using Xunit;

namespace OpenModel.Core.Tests.Inspection;

/// <summary>Configs that make the loader import or run code: Keras 3 config.json, Keras HDF5 attributes.</summary>
public sealed class CodeRunningConfigTests : IDisposable
{
    private readonly TestProject _files = new();

    [Theory]
    [InlineData("""{"module": "keras.layers", "class_name": "Lambda", "config": {"name": "x", "function": {"module": "subprocess", "class_name": "function", "config": "check_output"}}}""", Verdict.Dangerous, "subprocess")]
    [InlineData("""{"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "activation": {"module": "os", "class_name": "function", "config": "system"}}}""", Verdict.Dangerous, "os.system")]
    [InlineData("""{"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "kernel_initializer": {"fn_module": "builtins", "class_name": "function", "config": "exec"}}}""", Verdict.Dangerous, "builtins.exec")]
    [InlineData("""{"module": "keras.config", "class_name": "function", "config": "enable_unsafe_deserialization", "registered_name": "function"}""", Verdict.Dangerous, "enable_unsafe_deserialization")]
    [InlineData("""{"module": "keras.layers", "class_name": "TorchModuleWrapper", "config": {"name": "t", "module": "gASV"}}""", Verdict.Dangerous, "TorchModuleWrapper")]
    [InlineData("""{"module": "my_company.layers", "class_name": "Custom", "config": {"name": "c"}}""", Verdict.Suspicious, "my_company.layers.Custom")]
    [InlineData("""{"class_name": "\u004cambda", "config": {"name": "escaped"}}""", Verdict.Suspicious, "Lambda layer 'escaped'")]
    public void Keras_configs_that_import_or_run_code_are_reported(string layer, Verdict verdict, string message)
    {
        var config = """{"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [""" + layer + "]}}";

        var result = Inspect("m.keras", ArtifactFiles.Zip(("config.json", Encoding.UTF8.GetBytes(config)), ("metadata.json", "{}"u8.ToArray())));

        Assert.True(result.Verdict == verdict, $"{result.Verdict}: {string.Join("; ", result.Findings)}");
        Assert.Contains(result.Findings, f => f.Id == "OM4006" && f.Message.Contains(message));
    }

    [Fact]
    public void A_plain_Keras_3_config_is_safe()
    {
        var config = """{"module": "keras", "class_name": "Sequential", "config": {"name": "s", "layers": [{"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4]}}, {"module": "keras.layers", "class_name": "Dense", "config": {"name": "d", "activation": "relu", "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform", "config": {"seed": null}}}}]}, "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "Adam"}}}""";

        var result = Inspect("ok.keras", ArtifactFiles.Zip(("config.json", Encoding.UTF8.GetBytes(config)), ("metadata.json", "{}"u8.ToArray())));

        Assert.True(result.Verdict == Verdict.Safe, string.Join("; ", result.Findings));
    }

    [Theory]
    [InlineData("{\"class_name\": \"\\u004cambda\", \"config\": {}}", Verdict.Suspicious)]
    [InlineData("{\"class_name\": \"Dense\", \"config\": {\"activation\": \"__lambda__\"}}", Verdict.Suspicious)]
    [InlineData("{\"module\": \"posix\", \"class_name\": \"system\"}", Verdict.Dangerous)]
    [InlineData("{\"module\" : \"keras.config\", \"config\": \"enable_unsafe_deserialization\"}", Verdict.Dangerous)]
    [InlineData("{\"class_name\": \"Dense\", \"module\": \"keras.layers\", \"config\": {}}", Verdict.Safe)]
    public void HDF5_model_config_attributes_are_matched_with_escapes_decoded(string attribute, Verdict verdict)
    {
        var result = Inspect("m.h5", [0x89, .. "HDF\r\n\x1a\n"u8, .. new byte[100], .. Encoding.UTF8.GetBytes(attribute), .. new byte[100]]);

        Assert.True(result.Verdict == verdict, $"{result.Verdict}: {string.Join("; ", result.Findings)}");
    }

    [Theory]
    [InlineData("""{"__class__": "LogisticRegression", "__module__": "sklearn.linear_model._logistic", "__loader__": "ObjectNode", "content": {"__class__": "dict", "__module__": "builtins", "content": {"coef_": {"__class__": "ndarray", "__module__": "numpy", "__loader__": "NdArrayNode"}}}}""", Verdict.Safe)]
    [InlineData("""{"__class__": "Pipeline", "__module__": "sklearn.pipeline", "content": {"steps": [{"__class__": "system", "__module__": "os", "__loader__": "FunctionNode"}]}}""", Verdict.Dangerous)]
    [InlineData("""{"__class__": "LogisticRegression", "__module__": "sklearn.linear_model", "content": {"fn": {"__loader__": "FunctionNode", "content": {"module_path": "builtins", "function": "eval"}}}}""", Verdict.Dangerous)]
    [InlineData("""{"__class__": "Booster", "__module__": "xgboost.core", "__loader__": "ObjectNode"}""", Verdict.Suspicious)]
    public void Skops_schemas_naming_types_outside_the_allow_list_are_reported(string schema, Verdict verdict)
    {
        var result = Inspect("m.skops", ArtifactFiles.Zip(("schema.json", Encoding.UTF8.GetBytes(schema)), ("coef.npy", ArtifactFiles.Npy("<f8", new byte[16]))));

        Assert.Equal("skops", result.Metadata["format"]);
        Assert.True(result.Verdict == verdict, $"{result.Verdict}: {string.Join("; ", result.Findings)}");
    }

    public void Dispose() => _files.Dispose();

    private InspectionResult Inspect(string name, byte[] content) => ArtifactInspector.Inspect(_files.WriteBytes(name, content));
}
