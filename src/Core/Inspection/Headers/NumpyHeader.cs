using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Inspection.Pickle;

namespace OpenModel.Core.Inspection.Headers;

/// <summary>
/// A .npy header, read as numpy.lib.format reads it: format version 1–3, the header parsed as a Python literal (any
/// key order, quoting or spacing), the three keys numpy requires, and the dtype judged through every nesting of a
/// structured descr. A dtype with an object field anywhere means the body is a pickle, which is then scanned.
/// </summary>
internal static partial class NumpyHeader
{
    /// <summary>numpy reads headers of any length once allow_pickle is set; this scan stops at 1 MiB (and says so).</summary>
    private const int MaxHeaderLength = 1 << 20;

    private enum DtypeKind
    {
        Plain,
        Object,
        Unknown,
    }

    public static void Inspect(Stream stream, string? member, InspectionWork work)
    {
        var prefix = new byte[8];
        if (stream.ReadAtLeast(prefix, 8, throwOnEndOfStream: false) < 8)
        {
            work.Add(BuildRules.UnscannableContainer, "the .npy header is truncated", member);
            return;
        }

        var (major, minor) = (prefix[6], prefix[7]);
        if (major is < 1 or > 3 || minor != 0)
        {
            work.Add(BuildRules.UnscannableContainer, $".npy format version {major}.{minor} is not one numpy reads (1.0, 2.0, 3.0)", member);
            return;
        }

        var lengthBytes = new byte[major == 1 ? 2 : 4];
        if (stream.ReadAtLeast(lengthBytes, lengthBytes.Length, throwOnEndOfStream: false) < lengthBytes.Length)
        {
            work.Add(BuildRules.UnscannableContainer, "the .npy header is truncated", member);
            return;
        }

        var headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            work.Add(BuildRules.UnscannableContainer, $"the .npy header declares {headerLength:N0} bytes, more than the 1 MiB this scan reads", member);
            return;
        }

        var header = new byte[headerLength];
        if (stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) < header.Length)
        {
            work.Add(BuildRules.UnscannableContainer, "the .npy header is truncated", member);
            return;
        }

        string text;
        try
        {
            text = major == 3 ? new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(header) : Encoding.Latin1.GetString(header);
        }
        catch (DecoderFallbackException)
        {
            work.Add(BuildRules.UnscannableContainer, "the version 3 .npy header is not valid UTF-8", member);
            return;
        }

        if (Problem(text, out var kind) is { } problem)
        {
            work.Add(BuildRules.UnscannableContainer, $"the .npy header is not one numpy accepts, so it cannot be judged: {problem}", member);
            return;
        }

        if (kind == DtypeKind.Unknown)
        {
            work.Add(BuildRules.UnscannableContainer, "the .npy dtype is not one this scan recognises, so the array body cannot be judged", member);
            return;
        }

        if (kind == DtypeKind.Object)
        {
            work.Add(BuildRules.NumpyObjectArray, "NumPy object array: its elements are pickled and unpickled on load (allow_pickle)", member);
            var (findings, _) = PickleScanner.Scan(stream, member: member);
            work.Findings.AddRange(findings);
        }
    }

    /// <summary>What numpy's _read_array_header would refuse, or null with the dtype's kind.</summary>
    private static string? Problem(string text, out DtypeKind kind)
    {
        kind = DtypeKind.Unknown;
        if (!PythonLiteral.TryParse(text, out var value, out var error))
        {
            return error;
        }

        if (value is not Dictionary<object, object?> header)
        {
            return "the header is not a dict";
        }

        if (header.Count != 3 || !header.ContainsKey("descr") || !header.ContainsKey("fortran_order") || !header.ContainsKey("shape"))
        {
            return "the header must have exactly the keys descr, fortran_order and shape";
        }

        if (header["fortran_order"] is not bool)
        {
            return "fortran_order is not a bool";
        }

        if (header["shape"] is not PythonLiteral.Tuple { Items: var shape } || !shape.All(d => d is long and >= 0))
        {
            return "shape is not a tuple of integers";
        }

        kind = Classify(header["descr"], 0);
        return null;
    }

    /// <summary>numpy's descr_to_dtype: a string, a (dtype, shape) tuple, or a list of (name, dtype[, shape]) fields.</summary>
    private static DtypeKind Classify(object? descr, int depth) => depth > 32 ? DtypeKind.Unknown : descr switch
    {
        string text => ClassifyString(text),
        PythonLiteral.Tuple { Items: [var inner, _] } => Classify(inner, depth + 1),
        List<object?> fields => Worst(fields.Select(field => field is PythonLiteral.Tuple { Items: [string or PythonLiteral.Tuple, var dtype, ..] items } && items.Count <= 3
            ? Classify(dtype, depth + 1)
            : DtypeKind.Unknown)),
        _ => DtypeKind.Unknown,
    };

    /// <summary>numpy.dtype(str): one type code, or the comma-separated form that makes a structured dtype ('i4,O').</summary>
    private static DtypeKind ClassifyString(string text) => Worst(text.Split(',').Select(part =>
    {
        var code = RepeatPrefix().Replace(part.Trim(), string.Empty);
        return ObjectCode().IsMatch(code) ? DtypeKind.Object : PlainCode().IsMatch(code) ? DtypeKind.Plain : DtypeKind.Unknown;
    }));

    private static DtypeKind Worst(IEnumerable<DtypeKind> kinds)
    {
        var list = kinds.ToList();
        return list.Contains(DtypeKind.Object) ? DtypeKind.Object : list.Count == 0 || list.Contains(DtypeKind.Unknown) ? DtypeKind.Unknown : DtypeKind.Plain;
    }

    [GeneratedRegex(@"^(\(\s*[\d\s,]*\)|\d+)\s*")]
    private static partial Regex RepeatPrefix();

    [GeneratedRegex(@"^[<>|=]?(O\d*|object_?)$")]
    private static partial Regex ObjectCode();

    [GeneratedRegex(@"^[<>|=]?([?bBhHiIlLqQpPefdgFDGSUVa]\d*|[mM]8?(\[\d*[A-Za-z]+\])?|bool_?|u?int(8|16|32|64|p|_)?|float(16|32|64|96|128|_)?|half|single|double|longdouble|complex(64|128|192|256)?|str_?|unicode|bytes_?|void|datetime64(\[\d*[A-Za-z]+\])?|timedelta64(\[\d*[A-Za-z]+\])?)$")]
    private static partial Regex PlainCode();
}
