using System.Buffers.Binary;
using System.Text;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>A .npy header; an object dtype means the array body is a pickle, which is then scanned like any other.</summary>
internal static class NumpyHeader
{
    public static void Inspect(Stream stream, string? member, InspectionWork work)
    {
        var prefix = new byte[10];
        if (stream.ReadAtLeast(prefix, 10, throwOnEndOfStream: false) < 10)
        {
            work.Add("OM4004", DiagnosticLevel.Warning, "the .npy header is truncated", member);
            return;
        }

        var major = prefix[6];
        int headerLength;
        if (major == 1)
        {
            headerLength = BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8));
        }
        else
        {
            var extra = new byte[2];
            stream.ReadExactly(extra);
            headerLength = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian([prefix[8], prefix[9], extra[0], extra[1]]), 1 << 20);
        }

        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false) < headerLength)
        {
            work.Add("OM4004", DiagnosticLevel.Warning, "the .npy header is truncated", member);
            return;
        }

        var text = Encoding.Latin1.GetString(header);
        if (text.Contains("'descr': '|O'", StringComparison.Ordinal) || text.Contains("'descr': 'O'", StringComparison.Ordinal) || text.Contains("'descr': '<O'", StringComparison.Ordinal))
        {
            work.Add("OM4005", DiagnosticLevel.Warning, "NumPy object array: its elements are pickled and unpickled on load (allow_pickle)", member);
            var (findings, _) = PickleScanner.Scan(stream, member: member);
            work.Findings.AddRange(findings);
        }
    }
}
