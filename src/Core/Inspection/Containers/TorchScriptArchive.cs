using System.Text.RegularExpressions;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Containers;

/// <summary>
/// A TorchScript archive as <c>torch.jit.save</c> writes it and <c>torch.jit.load</c> reads it: data.pkl (the module
/// object) and constants.pkl read by libtorch's C++ unpickler, which resolves <c>__torch__.*</c> classes from the
/// archive's own code/ instead of importing Python; tensor records under data/ and constants/; code/ (judged by
/// <see cref="TorchScriptCode"/>) with its debug_pkl source maps; version, byteorder, serialization ids and extra/ files.
/// A member outside that layout is not understood, so the archive is never safe with one.
/// </summary>
internal static partial class TorchScriptArchive
{
    /// <summary>Helpers of torch.jit._pickle that the C++ unpickler implements itself (typed lists, tensors by id, type tags).</summary>
    private static readonly HashSet<string> JitPickleHelpers = new(StringComparer.Ordinal)
    {
        "torch.jit._pickle.build_intlist", "torch.jit._pickle.build_tensorlist", "torch.jit._pickle.build_doublelist",
        "torch.jit._pickle.build_boollist", "torch.jit._pickle.build_tensor_from_id", "torch.jit._pickle.restore_type_tag",
    };

    public static bool IsTorchScript(IReadOnlyList<ZipMember> members) =>
        members.Any(m => m.Name.EndsWith("constants.pkl", StringComparison.Ordinal) || m.Name.StartsWith("code/", StringComparison.Ordinal) || m.Name.Contains("/code/", StringComparison.Ordinal));

    /// <summary>
    /// Judges the member list and every code member; returns the globals the C++ unpickler resolves without Python:
    /// the classes the code defines and torch.jit._pickle's helpers.
    /// </summary>
    public static Func<string, bool> Inspect(Stream archive, IReadOnlyList<ZipMember> members, string prefix, InspectionWork work)
    {
        var classes = new HashSet<string>(StringComparer.Ordinal);
        var code = 0;
        foreach (var member in members)
        {
            var relative = member.Name.StartsWith(prefix, StringComparison.Ordinal) ? member.Name[prefix.Length..] : null;
            if (relative is null || !KnownMember().IsMatch(relative))
            {
                work.Add(BuildRules.UnscannableContainer, "the member is not part of a TorchScript archive as torch.jit.save writes it, so the archive cannot be judged as one", member.Name);
                continue;
            }

            if (!relative.StartsWith("code/", StringComparison.Ordinal) || !relative.EndsWith(".py", StringComparison.Ordinal) || (member.Flags & 1) != 0)
            {
                continue;
            }

            code++;
            if (ZipArchiveReader.Open(archive, member, work.Findings) is not { } content)
            {
                continue;
            }

            using (content)
            {
                try
                {
                    classes.UnionWith(TorchScriptCode.Inspect(content, member.Name, prefix + "code/", work));
                }
                catch (InvalidDataException e)
                {
                    work.Add(BuildRules.UnscannableContainer, $"the TorchScript code cannot be read: {e.Message}", member.Name);
                }
            }
        }

        if (code == 0)
        {
            work.Add(BuildRules.UnscannableContainer, "the TorchScript archive holds no code/ member: torch.jit.load cannot build its module, so it cannot be judged");
        }

        return dotted => classes.Contains(dotted) || JitPickleHelpers.Contains(dotted);
    }

    /// <summary>torch.jit.load turns data.pkl's root into the module: a root that is no TorchScript class is not a TorchScript model.</summary>
    public static void CheckModule(PickleScan scan, string member, InspectionWork work)
    {
        if (!scan.Globals.Any(g => g.StartsWith("__torch__.", StringComparison.Ordinal)))
        {
            work.Add(BuildRules.UnscannableContainer, "the TorchScript data.pkl constructs no __torch__ class, so torch.jit.load cannot make a module of it and the archive cannot be judged", member);
        }
    }

    [GeneratedRegex(@"\A(data\.pkl|constants\.pkl|version|byteorder|serialization_id|\.data/version|\.data/serialization_id|(data|constants)/[0-9]+|code/[^\0]+\.py(\.debug_pkl)?|extra/[^\0]+)\z")]
    private static partial Regex KnownMember();
}
