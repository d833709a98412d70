using System.Diagnostics;
using OpenModel.Core.Hashing;

namespace OpenModel.Benchmarks;

/// <summary>
/// SHA-256 of a 2 GB file against `openssl dgst -sha256` on the same file in the same run (best of three each, page cache
/// warm for both), the process's peak memory growth while hashing, and four 512 MB files hashed in parallel.
/// </summary>
public static class HashingBenchmark
{
    private const long TwoGigabytes = 2L * 1024 * 1024 * 1024;

    public static async Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("openmodel-hash-bench-").FullName;
        try
        {
            var large = Path.Combine(folder, "model-2gb.safetensors");
            BenchmarkProcess.WriteLargeFile(large, TwoGigabytes);

            var openssl = new List<double>();
            var ours = new List<double>();
            string? expected = null;
            var peakBefore = Process.GetCurrentProcess().PeakWorkingSet64;
            string? actual = null;
            for (var round = 0; round < 3; round++)
            {
                var run = await BenchmarkProcess.RunAsync("openssl", folder, "dgst", "-sha256", "-r", large);
                openssl.Add(run.Elapsed.TotalSeconds);
                expected = run.Output.Split(' ')[0];

                var watch = Stopwatch.StartNew();
                actual = FileSha256.Compute(large);
                ours.Add(watch.Elapsed.TotalSeconds);
            }

            Process.GetCurrentProcess().Refresh();
            var growth = (Process.GetCurrentProcess().PeakWorkingSet64 - peakBefore) / (1024.0 * 1024);
            var gbps = 2.0 / ours.Min();
            Console.WriteLine($"2 GB file: openssl {openssl.Min():F2} s, OpenModel {ours.Min():F2} s ({gbps:F2} GB/s) = {openssl.Min() / ours.Min():P0} of openssl's speed; hashes equal: {expected == actual}");
            Console.WriteLine($"Peak working-set growth while hashing: {growth:F1} MB");

            var parts = Enumerable.Range(0, 4).Select(i => Path.Combine(folder, $"shard-{i}.gguf")).ToList();
            parts.ForEach(p => BenchmarkProcess.WriteLargeFile(p, TwoGigabytes / 4));
            parts.ForEach(p => FileSha256.Compute(p));
            var sequential = Stopwatch.StartNew();
            parts.ForEach(p => FileSha256.Compute(p));
            sequential.Stop();
            var parallel = Stopwatch.StartNew();
            var cache = ArtifactFactCache.InMemory();
            Parallel.ForEach(parts, p => cache.GetSha256(p));
            parallel.Stop();
            Console.WriteLine($"4 x 512 MB: sequential {sequential.Elapsed.TotalSeconds:F2} s, parallel on {Environment.ProcessorCount} cores {parallel.Elapsed.TotalSeconds:F2} s ({sequential.Elapsed / parallel.Elapsed:F2}x)");
            return expected == actual ? 0 : 1;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
