using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using OpenModel.Core.Inspection;

namespace OpenModel.Benchmarks;

/// <summary>
/// Scan speed and memory: a 2 GB PyTorch ZIP checkpoint (only the central directory and the pickles are read), a
/// 200 MB opcode-dense pickle, and the process's peak memory growth on hostile inputs.
/// </summary>
public static class InspectionBenchmark
{
    public static Task<int> RunAsync()
    {
        var folder = Directory.CreateTempSubdirectory("openmodel-scan-bench-").FullName;
        try
        {
            // Hostile inputs first, while the process is small: a sampler records the working set during each scan.
            foreach (var (name, content) in HostileInputs())
            {
                var path = Path.Combine(folder, name);
                File.WriteAllBytes(path, content);
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var (result, growth) = MeasurePeakGrowth(() => ArtifactInspector.Inspect(path));
                Console.WriteLine($"hostile {name} ({content.Length / (1024.0 * 1024):F1} MB): verdict {result.Verdict}, peak working-set growth {growth:F1} MB");
            }

            var checkpoint = Path.Combine(folder, "model-2gb.pt");
            WriteTorchZip(checkpoint, shards: 8, shardSize: 256L * 1024 * 1024, tensors: 2_000);
            ArtifactInspector.Inspect(checkpoint);
            var zipTimes = Enumerable.Range(0, 3).Select(_ => Time(() => ArtifactInspector.Inspect(checkpoint))).ToList();
            var zipResult = ArtifactInspector.Inspect(checkpoint);
            Console.WriteLine($"2 GB PyTorch ZIP ({new FileInfo(checkpoint).Length / 1e9:F2} GB, 2,000 tensors): scan {zipTimes.Min():F3} s (best of 3), verdict {zipResult.Verdict}");

            var pickle = Path.Combine(folder, "dense-200mb.pkl");
            WriteDensePickle(pickle, 200L * 1024 * 1024);
            ArtifactInspector.Inspect(pickle);
            var pickleTimes = Enumerable.Range(0, 3).Select(_ => Time(() => ArtifactInspector.Inspect(pickle))).ToList();
            var pickleCpu = Enumerable.Range(0, 3).Select(_ => CpuTime(() => ArtifactInspector.Inspect(pickle))).ToList();
            var megabytes = new FileInfo(pickle).Length / (1024.0 * 1024);
            Console.WriteLine($"{megabytes:F0} MB opcode-dense pickle: {pickleTimes.Min():F2} s = {megabytes / pickleTimes.Min():F0} MB/s wall, {megabytes / pickleCpu.Min():F0} MB/s of process CPU time (less sensitive to other builds on the machine), verdict {ArtifactInspector.Inspect(pickle).Verdict}");

            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The opcode-dense pickle alone, <paramref name="runs"/> scans of <paramref name="megabytes"/> MB (0 runs: only write
    /// it). Run under <c>valgrind --tool=callgrind</c> with 0 and with N runs, the difference in instructions is the
    /// scan's own work, which other builds on the machine do not change.
    /// </summary>
    public static Task<int> RunPickleAsync(int megabytes, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("openmodel-pickle-bench-").FullName;
        try
        {
            var pickle = Path.Combine(folder, "dense.pkl");
            WriteDensePickle(pickle, megabytes * 1024L * 1024);
            var size = new FileInfo(pickle).Length / (1024.0 * 1024);
            for (var run = 0; run < runs; run++)
            {
                var cpu = 0.0;
                var wall = Time(() => cpu = CpuTime(() => ArtifactInspector.Inspect(pickle)));
                Console.WriteLine($"run {run + 1}: {size:F0} MB opcode-dense pickle in {wall:F3} s = {size / wall:F0} MB/s wall, {size / cpu:F0} MB/s of process CPU time");
            }

            return Task.FromResult(0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static (T Result, double GrowthMegabytes) MeasurePeakGrowth<T>(Func<T> action)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        var peak = baseline;
        using var done = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(2);
            }
        });
        var result = action();
        process.Refresh();
        peak = Math.Max(peak, process.WorkingSet64);
        done.Cancel();
        sampler.Wait();
        return (result, (peak - baseline) / (1024.0 * 1024));
    }

    /// <summary>Process CPU time of an action (all threads, so GC work counts): a contention-resistant companion to wall time.</summary>
    private static double CpuTime(Action action)
    {
        var process = Process.GetCurrentProcess();
        var before = process.TotalProcessorTime;
        action();
        process.Refresh();
        return (process.TotalProcessorTime - before).TotalSeconds;
    }

    private static double Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalSeconds;
    }

    private static void WriteTorchZip(string path, int shards, long shardSize, int tensors)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var data = zip.CreateEntry("archive/data.pkl", CompressionLevel.NoCompression).Open())
        {
            data.Write(StateDict(tensors));
        }

        var block = new byte[4 * 1024 * 1024];
        new Random(1).NextBytes(block);
        for (var shard = 0; shard < shards; shard++)
        {
            using var entry = zip.CreateEntry($"archive/data/{shard}", CompressionLevel.NoCompression).Open();
            for (long written = 0; written < shardSize; written += block.Length)
            {
                entry.Write(block);
            }
        }
    }

    private static byte[] StateDict(int tensors)
    {
        var pickle = new MemoryStream();
        void Op(params byte[] bytes) => pickle.Write(bytes);
        void Text(string text) => pickle.Write(Encoding.UTF8.GetBytes(text));
        void Unicode(string text)
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            Op((byte)'X');
            Op(BitConverter.GetBytes(bytes.Length));
            Op(bytes);
        }

        Op(0x80, 2);
        Text("ccollections\nOrderedDict\n");
        Op((byte)')', (byte)'R', (byte)'(');
        for (var i = 0; i < tensors; i++)
        {
            Unicode($"layers.{i}.weight");
            Text("ctorch._utils\n_rebuild_tensor_v2\n(");
            Op((byte)'(');
            Unicode("storage");
            Text("ctorch\nFloatStorage\n");
            Unicode((i % 8).ToString());
            Unicode("cpu");
            Op((byte)'J');
            Op(BitConverter.GetBytes(1024));
            Op((byte)'t', (byte)'Q', (byte)'K', 0, (byte)'K', 32, (byte)'K', 32, 0x86, (byte)'K', 32, (byte)'K', 1, 0x86, 0x89);
            Text("ccollections\nOrderedDict\n");
            Op((byte)')', (byte)'R', (byte)'t', (byte)'R');
        }

        Op((byte)'u', (byte)'.');
        return pickle.ToArray();
    }

    /// <summary>A long list of small strings, ints and memo writes: every byte is an opcode or a short argument.</summary>
    private static void WriteDensePickle(string path, long size)
    {
        using var file = new BufferedStream(File.Create(path), 1 << 20);
        file.Write([0x80, 4, (byte)']', 0x94]);
        long written = 4;
        var index = 0;
        while (written < size)
        {
            file.WriteByte((byte)'(');
            for (var i = 0; i < 1000; i++, index++)
            {
                file.Write([0x8c, 6, .. Encoding.ASCII.GetBytes($"k{index % 100000:D5}"), (byte)'K', (byte)(index % 256), (byte)'J', .. BitConverter.GetBytes(index), 0x86]);
                written += 17;
            }

            file.WriteByte((byte)'e');
            written += 2;
        }

        file.WriteByte((byte)'.');
    }

    private static byte[] DeflateBomb(string member, byte value, long size)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(member, CompressionLevel.SmallestSize).Open();
            var block = Enumerable.Repeat(value, 1 << 20).ToArray();
            for (long written = 0; written < size; written += block.Length)
            {
                entry.Write(block);
            }
        }

        return buffer.ToArray();
    }

    private static byte[] ZstandardBomb(string member, byte value, long size)
    {
        using var buffer = new MemoryStream();
        using (var zip = SharpCompress.Writers.WriterFactory.OpenWriter(buffer, SharpCompress.Common.ArchiveType.Zip, new SharpCompress.Writers.WriterOptions(SharpCompress.Common.CompressionType.ZStandard) { LeaveStreamOpen = true }))
        {
            zip.Write(member, new RepeatedStream(value, size), modificationTime: null);
        }

        return buffer.ToArray();
    }

    /// <summary><paramref name="length"/> copies of one byte, read without holding them.</summary>
    private sealed class RepeatedStream(byte value, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var step = (int)Math.Min(count, length - _position);
            buffer.AsSpan(offset, step).Fill(value);
            _position += step;
            return step;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static IEnumerable<(string Name, byte[] Content)> HostileInputs()
    {
        var deep = new List<byte> { 0x80, 2 };
        for (var i = 0; i < 5_000_000; i++)
        {
            deep.Add((byte)'(');
        }

        deep.Add((byte)'.');
        yield return ("deep-marks.pkl", [.. deep]);

        var nested = new List<byte> { 0x80, 2 };
        for (var i = 0; i < 5_000_000; i++)
        {
            nested.Add((byte)']');
        }

        nested.Add((byte)'.');
        yield return ("deep-lists.pkl", [.. nested]);

        var memo = new List<byte> { 0x80, 4, (byte)']' };
        for (var i = 0; i < 3_000_000; i++)
        {
            memo.Add(0x94);
        }

        memo.Add((byte)'.');
        yield return ("memo-bomb.pkl", [.. memo]);

        yield return ("huge-length.pkl", [0x80, 4, 0x8e, .. BitConverter.GetBytes(long.MaxValue / 2), (byte)'.']);
        yield return ("huge-header.safetensors", [.. BitConverter.GetBytes(ulong.MaxValue / 4), (byte)'{', .. new byte[64]]);
        // A NumPy header of nested brackets: the literal parser stops at its depth bound.
        var literal = "{'descr': " + new string('[', 1_000_000);
        yield return ("deep-literal.npy", [0x93, .. "NUMPY"u8, 2, 0, .. BitConverter.GetBytes(literal.Length), .. Encoding.ASCII.GetBytes(literal)]);

        // A deflate bomb: 1 GiB of EMPTY_LIST opcodes in a few MB; the scan is bounded by stack depth, not by the size.
        yield return ("bomb.npz", DeflateBomb("payload.pkl", (byte)']', 1L << 30));

        // The same bomb as a Zstandard member (Python 3.14's zipfile reads method 93): bounded the same way.
        yield return ("zstd-bomb.npz", ZstandardBomb("payload.pkl", (byte)']', 1L << 30));

        // Pickles nested in pickle.loads arguments, as deep as the scanner allows and beyond.
        var nestedPickle = new byte[] { 0x80, 2, (byte)']', (byte)'.' };
        for (var level = 0; level < 8; level++)
        {
            nestedPickle = [0x80, 2, .. "cpickle\nloads\n"u8, (byte)'C', (byte)Math.Min(nestedPickle.Length, 255), .. nestedPickle.Take(255), 0x85, (byte)'R', (byte)'.'];
        }

        yield return ("nested.pkl", nestedPickle);

        // A GGUF string array whose count fits the file only one byte per element.
        yield return ("array-count.gguf", [.. "GGUF"u8, 3, 0, 0, 0, .. BitConverter.GetBytes(0UL), .. BitConverter.GetBytes(1UL), .. BitConverter.GetBytes(1UL), (byte)'k', 9, 0, 0, 0, 8, 0, 0, 0, .. BitConverter.GetBytes(1UL << 40), .. new byte[64]]);

        yield return ("forged-counts.gguf", [.. "GGUF"u8, 3, 0, 0, 0, .. BitConverter.GetBytes(ulong.MaxValue), .. BitConverter.GetBytes(ulong.MaxValue), .. new byte[64]]);
    }
}
