using System.Diagnostics;
using System.Text;

namespace OpenModel.RealWorld;

/// <summary>
/// Writes the pinned commit of a repository from its fetched bare mirror into a work folder. Blobs the mirror does not
/// hold (large binaries kept out of the snapshot) are skipped and counted; <c>git archive</c> would abort on them.
/// </summary>
internal static class Snapshot
{
    private const string Marker = ".openmodel-realworld-commit";

    public static string GitDir(string mirrors, CorpusRepo repo) => Path.Combine(mirrors, repo.Mirror, "repo");

    /// <summary>Returns the extracted tree, or null with a reason when the mirror or the commit is not on this machine.</summary>
    public static string? Extract(string mirrors, string work, CorpusRepo repo, out string message)
    {
        var gitDir = GitDir(mirrors, repo);
        var dest = Path.Combine(work, repo.Name);
        var marker = Path.Combine(dest, Marker);
        if (File.Exists(marker) && File.ReadAllText(marker).Trim() == repo.Commit)
        {
            message = $"{repo.Name}: snapshot {repo.Commit[..10]} already extracted in {dest}";
            return dest;
        }

        if (!Directory.Exists(gitDir))
        {
            message = $"{repo.Name}: no mirror at {gitDir}; bring it onto the machine with the fetch tool (github:{repo.Repository}) and run again";
            return null;
        }

        var (code, listing, error) = Git(gitDir, $"ls-tree -r -z -l {repo.Commit}");
        if (code != 0)
        {
            message = $"{repo.Name}: commit {repo.Commit} is not in {gitDir} ({error.Trim()}); fetch a newer snapshot of github:{repo.Repository}";
            return null;
        }

        if (Directory.Exists(dest))
        {
            Directory.Delete(dest, recursive: true);
        }

        var blobs = new List<(string Sha, string Path)>();
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t');
            var meta = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Regular files only: symbolic links (120000) and submodules (commit) are not written.
            if (meta[1] == "blob" && meta[0] != "120000")
            {
                blobs.Add((meta[2], entry[(tab + 1)..]));
            }
        }

        var missing = WriteBlobs(gitDir, blobs, dest);
        File.WriteAllText(marker, repo.Commit);
        message = $"{repo.Name}: extracted {blobs.Count - missing} files of {repo.Commit[..10]} into {dest}" +
                  (missing > 0 ? $" ({missing} blobs not in the snapshot, skipped)" : string.Empty);
        return dest;
    }

    private static int WriteBlobs(string gitDir, List<(string Sha, string Path)> blobs, string dest)
    {
        var start = new ProcessStartInfo("git", ["--git-dir", gitDir, "cat-file", "--batch"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var feeder = Task.Run(() =>
        {
            foreach (var (sha, _) in blobs)
            {
                process.StandardInput.Write(sha + "\n");
            }

            process.StandardInput.Close();
        });
        var output = process.StandardOutput.BaseStream;
        var root = Path.GetFullPath(dest) + Path.DirectorySeparatorChar;
        var missing = 0;
        foreach (var (_, path) in blobs)
        {
            var header = ReadLine(output).Split(' ');
            if (header.Length < 3 || header[1] == "missing")
            {
                missing++;
                continue;
            }

            var size = long.Parse(header[2]);
            var target = Path.GetFullPath(Path.Combine(dest, path));
            if (!target.StartsWith(root, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"{path}: path leaves the snapshot folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using (var file = File.Create(target))
            {
                Copy(output, file, size);
            }

            output.ReadByte(); // the newline after each object
        }

        feeder.Wait();
        process.WaitForExit();
        return missing;
    }

    private static void Copy(Stream from, Stream to, long count)
    {
        var buffer = new byte[81920];
        while (count > 0)
        {
            var read = from.Read(buffer, 0, (int)Math.Min(buffer.Length, count));
            if (read == 0)
            {
                throw new EndOfStreamException("git cat-file ended inside an object");
            }

            to.Write(buffer, 0, read);
            count -= read;
        }
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) is not -1 and not '\n')
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    public static (int Code, string Output, string Error) Git(string gitDir, string arguments) =>
        Run("git", $"--git-dir \"{gitDir}\" {arguments}", workingDirectory: null, TimeSpan.FromMinutes(5));

    public static (int Code, string Output, string Error) Run(string file, string arguments, string? workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, stdout.Result, $"timed out after {timeout.TotalMinutes} minutes");
        }

        // A build server the command started may keep the output pipes open after it exits: read what is there, then go on.
        Task.WaitAll([stdout, stderr], TimeSpan.FromSeconds(30));
        return (process.ExitCode, stdout.IsCompleted ? stdout.Result : "(output still open)", stderr.IsCompleted ? stderr.Result : string.Empty);
    }
}
