using System.Diagnostics;
using System.Globalization;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Release;

namespace OpenModel.Benchmarks;

/// <summary>
/// `openmodel merge` of 200 project BOMs with 150 packages each (drawn from a pool of 600, so most are shared), a shared
/// model and a dataset per project: read, parse, merge, serialize and write, best of five after a warm-up. Target ≤ 2 s.
/// </summary>
public static class MergeBenchmark
{
    private const int Projects = 200;
    private const int PackagesPerProject = 150;
    private const int PackagePool = 600;

    public static Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("openmodel-merge-bench-").FullName;
        try
        {
            var files = Enumerable.Range(0, Projects).Select(i => Write(folder, i)).ToList();
            var output = Path.Combine(folder, "merged.json");
            var times = new List<double>();
            MergeResult? result = null;
            for (var round = 0; round < 6; round++)
            {
                var watch = Stopwatch.StartNew();
                var sources = files.AsParallel().AsOrdered().Select(f => new MergeSource(f, BomSerializer.Deserialize(File.ReadAllBytes(f)))).ToList();
                result = BomMerger.Merge(sources, "Product", "1.0.0", null);
                File.WriteAllBytes(output, BomSerializer.Serialize(result.Bom));
                watch.Stop();
                if (round > 0)
                {
                    times.Add(watch.Elapsed.TotalSeconds);
                }
            }

            var inputBytes = files.Sum(f => new FileInfo(f).Length);
            Console.WriteLine($"merge of {Projects} BOMs x {PackagesPerProject} packages ({inputBytes / (1024.0 * 1024):F1} MB in): best {times.Min():F2} s, median {times.Order().ElementAt(times.Count / 2):F2} s on {Environment.ProcessorCount} cores; " +
                $"{result!.Bom.Components!.Count} components, {result.Bom.Dependencies!.Count} dependency entries, {result.Diagnostics.Count} diagnostics, output {new FileInfo(output).Length / (1024.0 * 1024):F1} MB");
            return Task.FromResult(times.Min() <= 2.0 && result.Diagnostics.Count == 0 ? 0 : 1);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, int index)
    {
        var random = new Random(index);
        var name = "Project" + index.ToString(CultureInfo.InvariantCulture);
        var root = $"pkg:nuget/{name}@1.0.0";
        var packages = Enumerable.Range(0, PackagePool).OrderBy(_ => random.Next()).Take(PackagesPerProject).Order().ToList();
        var components = packages.Select(p => new Component
        {
            BomRef = Purl(p),
            Name = "Package" + p.ToString(CultureInfo.InvariantCulture),
            Version = "1.0.0",
            Purl = Purl(p),
            Scope = "required",
            Hashes = [new Hash("SHA-512", Convert.ToHexStringLower(System.Security.Cryptography.SHA512.HashData(BitConverter.GetBytes(p))))],
            Licenses = [new LicenseChoice { Expression = p % 3 == 0 ? "Apache-2.0" : "MIT" }],
            Properties = [new Property("openmodel:nuget:targetFrameworks", "net10.0")],
        }).ToList();
        components.Add(new Component { Type = "machine-learning-model", BomRef = "model:models/shared.onnx", Name = "shared", Hashes = [new Hash("SHA-256", new string('a', 64))], Licenses = [new LicenseChoice { Expression = "MIT" }] });
        components.Add(new Component { Type = "data", BomRef = $"data:data/{name}.csv", Name = name + "-data", Hashes = [new Hash("SHA-256", new string('b', 64))] });
        var dependencies = packages.Select((p, i) => new Dependency { Ref = Purl(p), DependsOn = i + 1 < packages.Count && i % 4 != 3 ? [Purl(packages[i + 1])] : [] }).ToList();
        dependencies.Add(new Dependency { Ref = root, DependsOn = [.. packages.Where((_, i) => i % 4 == 0).Select(Purl), "model:models/shared.onnx"] });
        var bom = new Bom
        {
            Metadata = new BomMetadata { Component = new Component { Type = "application", BomRef = root, Name = name, Version = "1.0.0", Purl = root } },
            Components = components,
            Dependencies = dependencies,
        };
        var path = Path.Combine(folder, name + ".aibom.cdx.json");
        File.WriteAllBytes(path, BomSerializer.Serialize(bom));
        return path;
    }

    private static string Purl(int package) => $"pkg:nuget/Package{package.ToString(CultureInfo.InvariantCulture)}@1.0.0";
}
