using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Release.Compliance;

/// <summary>
/// What the project says it runs on (AIBomInfrastructureSoftware, AIBomInfrastructureHardware): the runtime, operating
/// system or hosting platform, and the hardware. "withheld" as the only value says it is known but not disclosed.
/// </summary>
/// <param name="Source">The project file that declares it (quoted in each statement).</param>
public sealed record DeclaredInfrastructure(IReadOnlyList<string> Software, IReadOnlyList<string> Hardware, string Source)
{
    public const string SoftwareProperty = "AIBomInfrastructureSoftware";

    public const string HardwareProperty = "AIBomInfrastructureHardware";

    public const string Withheld = "withheld";
}

/// <summary>
/// The G7 Infrastructure cluster as far as a build knows it: what the project declares (<see cref="Declare"/>), the
/// software the models run on (the .NET target frameworks,
/// the inference runtime packages in the graph) and the hardware a runtime package is built for (a CUDA or DirectML
/// package means a GPU; the plain ONNX Runtime, ML.NET or a CPU backend means the CPU). Each statement names the package
/// it was derived from; where the machine the system will run on cannot be known, nothing is guessed and the element is
/// marked unknown by <see cref="ComplianceFacts"/>.
/// </summary>
public static class InfrastructureFacts
{
    public const string SoftwareKey = "infrastructure-software";
    public const string HardwareKey = "infrastructure-hardware";
    public const string SoftwareProperty = "openmodel:infrastructure:software";
    public const string HardwareProperty = "openmodel:infrastructure:hardware";

    /// <summary>Package id (exact, case-insensitive) → the runtime it is and the hardware it runs models on, when the package decides that.</summary>
    private static readonly Dictionary<string, (string Runtime, string? Hardware)> Runtimes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Microsoft.ML.OnnxRuntime"] = ("ONNX Runtime", "CPU (ONNX Runtime's default execution provider)"),
        ["Microsoft.ML.OnnxRuntime.Gpu"] = ("ONNX Runtime", "NVIDIA GPU (CUDA execution provider)"),
        ["Microsoft.ML.OnnxRuntime.Gpu.Windows"] = ("ONNX Runtime", "NVIDIA GPU (CUDA execution provider)"),
        ["Microsoft.ML.OnnxRuntime.Gpu.Linux"] = ("ONNX Runtime", "NVIDIA GPU (CUDA execution provider)"),
        ["Microsoft.ML.OnnxRuntime.DirectML"] = ("ONNX Runtime", "DirectX 12 GPU (DirectML execution provider)"),
        ["Microsoft.ML.OnnxRuntime.QNN"] = ("ONNX Runtime", "Qualcomm NPU (QNN execution provider)"),
        ["Intel.ML.OnnxRuntime.OpenVino"] = ("ONNX Runtime", "Intel CPU, GPU or NPU (OpenVINO execution provider)"),
        ["Microsoft.ML.OnnxRuntimeGenAI"] = ("ONNX Runtime GenAI", "CPU"),
        ["Microsoft.ML.OnnxRuntimeGenAI.Cuda"] = ("ONNX Runtime GenAI", "NVIDIA GPU (CUDA)"),
        ["Microsoft.ML.OnnxRuntimeGenAI.DirectML"] = ("ONNX Runtime GenAI", "DirectX 12 GPU (DirectML)"),
        ["Microsoft.ML"] = ("ML.NET", "CPU"),
        ["LLamaSharp"] = ("llama.cpp (LLamaSharp)", null),
        ["LLamaSharp.Backend.Cpu"] = ("llama.cpp (LLamaSharp)", "CPU"),
        ["LLamaSharp.Backend.Cuda11"] = ("llama.cpp (LLamaSharp)", "NVIDIA GPU (CUDA 11)"),
        ["LLamaSharp.Backend.Cuda12"] = ("llama.cpp (LLamaSharp)", "NVIDIA GPU (CUDA 12)"),
        ["LLamaSharp.Backend.Vulkan"] = ("llama.cpp (LLamaSharp)", "GPU (Vulkan)"),
        ["TorchSharp"] = ("libtorch (TorchSharp)", null),
        ["TorchSharp-cpu"] = ("libtorch (TorchSharp)", "CPU"),
        ["TorchSharp-cuda-windows"] = ("libtorch (TorchSharp)", "NVIDIA GPU (CUDA)"),
        ["TorchSharp-cuda-linux"] = ("libtorch (TorchSharp)", "NVIDIA GPU (CUDA)"),
        ["TensorFlow.NET"] = ("TensorFlow (TensorFlow.NET)", null),
    };

    /// <summary>
    /// The project's declaration, each value naming the property and file it came from; "withheld" marks the element
    /// <c>openmodel:withheld</c> instead, so the check reports it withheld rather than missing or unknown.
    /// </summary>
    public static void Declare(Bom bom, DeclaredInfrastructure declared)
    {
        var properties = bom.Metadata.Properties ??= [];
        foreach (var (values, setting, property, key) in new[]
        {
            (declared.Software, DeclaredInfrastructure.SoftwareProperty, SoftwareProperty, SoftwareKey),
            (declared.Hardware, DeclaredInfrastructure.HardwareProperty, HardwareProperty, HardwareKey),
        })
        {
            if (values.Count == 1 && values[0].Equals(DeclaredInfrastructure.Withheld, StringComparison.OrdinalIgnoreCase))
            {
                properties.Add(new Property("openmodel:withheld", key));
                continue;
            }

            properties.AddRange(values.Distinct(StringComparer.Ordinal).Select(v => new Property(property, $"{v} (declared by {setting} in {declared.Source})")));
        }
    }

    public static void Apply(Bom bom)
    {
        var packages = (bom.Components ?? []).Where(c => c.Purl?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true && c.Scope != "excluded").ToList();
        var software = packages
            .SelectMany(p => p.Properties?.Where(q => q.Name == "openmodel:nuget:targetFrameworks").SelectMany(q => (q.Value ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) ?? [])
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(tfm => $".NET (target framework {tfm})")
            .ToList();
        var hardware = new List<string>();
        foreach (var package in packages.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase))
        {
            if (Runtimes.TryGetValue(package.Name, out var runtime))
            {
                software.Add($"{runtime.Runtime} {package.Version} (package {package.Name})".Replace("  ", " ", StringComparison.Ordinal));
                if (runtime.Hardware is { } device)
                {
                    hardware.Add($"{device}, from package {package.Name} {package.Version}".TrimEnd());
                }
            }
        }

        // Target frameworks alone say what runs the code, not the models: without a runtime the cluster stays unknown.
        if (software.Count == software.Count(s => s.StartsWith(".NET", StringComparison.Ordinal)))
        {
            return;
        }

        var properties = bom.Metadata.Properties ??= [];
        properties.AddRange(software.Distinct(StringComparer.Ordinal).Select(s => new Property(SoftwareProperty, s)));
        properties.AddRange(hardware.Distinct(StringComparer.Ordinal).Select(h => new Property(HardwareProperty, h)));
    }
}
