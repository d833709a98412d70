using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Pickle;

/// <summary>
/// Runs a pickle as a symbolic stack machine, without executing anything: every opcode of protocols 0–5, a real
/// stack, mark stack and memo, so the callables a pickle imports are known exactly, however they are spelled.
/// Payloads are skipped, not read, and opcode count, stack depth, memo size and line length are bounded, so hostile
/// input cannot exhaust memory. Stack values are structs on an array stack: the numbers, short strings and markers
/// that make up most of a pickle cost no allocation.
/// </summary>
public sealed class PickleScanner
{
    public const int MaxStackDepth = 1_000_000;
    public const int MaxMemoEntries = 500_000;
    public const int MaxLineLength = 65_536;
    public const int MaxTextLength = 1_024;
    public const long MaxOpcodes = 500_000_000;

    // pickle's legacy torch.save format starts with this magic number, pickled as LONG1.
    private static readonly byte[] LegacyTorchMagic = [0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

    /// <summary>Byte strings up to this size are kept, so a pickle handed to pickle.loads inside a pickle is scanned too.</summary>
    public const int MaxKeptBytes = 1 << 16;

    private const long MaxKeptBytesTotal = 16 << 20;
    private const int MaxNestedDepth = 4;
    private const int LargeStack = 1 << 16;
    private const int LargeMemo = 1 << 16;

    // Calls whose result is a real dict, list or set: SETITEM/APPEND/ADD on anything else call the object's own
    // __setitem__/append/extend/add, the gadget class behind CVE-2026-24747.
    private static readonly HashSet<string> DictTypes = new(StringComparer.Ordinal) { "collections.OrderedDict", "collections.defaultdict", "collections.Counter", "builtins.dict" };
    private static readonly HashSet<string> ListTypes = new(StringComparer.Ordinal) { "builtins.list" };
    private static readonly HashSet<string> SetTypes = new(StringComparer.Ordinal) { "builtins.set" };

    // Allowed callables whose result has no state for BUILD to set: BUILD on them reaches an attribute the scan cannot see.
    private static readonly HashSet<string> StatelessResults = new(StringComparer.Ordinal)
    {
        "_codecs.encode", "builtins.int", "builtins.float", "builtins.bool", "builtins.str", "builtins.bytes", "builtins.complex",
        "builtins.tuple", "builtins.frozenset", "builtins.slice", "torch.device", "torch.Size", "torch.serialization._get_layout",
    };

    private static readonly HashSet<string> TensorRebuilders = new(StringComparer.Ordinal)
    {
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3", "torch._utils._rebuild_qtensor",
    };

    private readonly PickleInput _input;
    private readonly string? _member;
    private readonly int _nesting;
    private bool _persistentIdsAllowed;
    private readonly Func<string, bool>? _loaderGlobals;
    private long _keptBytes;
    private readonly List<InspectionFinding> _findings = [];
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private Value[] _stack = new Value[64];
    private int _count;
    // The stack index of the innermost MARK (0 with none open) and, below it, the outer marks: the hot Peek and Pop
    // compare against a field instead of asking a Stack<int>.
    private readonly Stack<int> _marks = new();
    private int _markTop;
    private readonly Dictionary<long, Value> _memo = [];
    private long _opcodes;

    private PickleScanner(Stream stream, long? length, string? member, bool persistentIds, int nesting, Func<string, bool>? loaderGlobals = null)
    {
        _input = new PickleInput(stream, length);
        _member = member;
        _persistentIdsAllowed = persistentIds;
        _nesting = nesting;
        _loaderGlobals = loaderGlobals;
    }

    /// <summary>The callables the pickle imports, in order of first appearance.</summary>
    public List<string> Globals { get; } = [];

    private List<StorageReference> Storages { get; } = [];

    private List<TensorRebuild> Rebuilds { get; } = [];

    /// <summary>
    /// Scans one pickle stream. <paramref name="persistentIds"/> is true where the real loader has a persistent_load
    /// (a PyTorch archive's data.pkl, a legacy torch.save stream); elsewhere CPython refuses PERSID, so it is not-safe.
    /// <paramref name="loaderGlobals"/> names the globals a loader other than CPython's resolves without importing Python
    /// (TorchScript's classes, which its C++ unpickler takes from the archive's code/).
    /// </summary>
    public static PickleScan Scan(Stream stream, long? length = null, string? member = null, bool persistentIds = false, Func<string, bool>? loaderGlobals = null) =>
        Scan(stream, length, member, persistentIds, nesting: 0, loaderGlobals);

    /// <summary>
    /// Scans the one pickle at the start of the stream, as pickle.load does when more data follows it (legacy torch.save
    /// members interleave pickles with raw storage bytes): End says where it stopped, RootNumber what integer it made.
    /// </summary>
    public static PickleScan ScanFirst(Stream stream, long? length, string? member)
    {
        var scanner = new PickleScanner(stream, length, member, persistentIds: false, nesting: 0);
        var root = scanner.ScanOne();
        return new PickleScan(scanner._findings, scanner.Globals, scanner.Storages, scanner.Rebuilds, scanner._input.Offset, root is { Kind: Kind.Int } number ? number.Number : null);
    }

    private static PickleScan Scan(Stream stream, long? length, string? member, bool persistentIds, int nesting, Func<string, bool>? loaderGlobals = null)
    {
        var scanner = new PickleScanner(stream, length, member, persistentIds, nesting, loaderGlobals);
        scanner.ScanAll();
        return new PickleScan(scanner._findings, scanner.Globals, scanner.Storages, scanner.Rebuilds, scanner._input.Offset);
    }

    private void ScanAll()
    {
        var first = ScanOne();
        if (first is null)
        {
            return;
        }

        // Legacy torch.save: magic, protocol, sys info, the object and its storage keys are five pickles; raw storages follow.
        if (first is { Kind: Kind.Long } magic && magic.ByteContent.AsSpan().SequenceEqual(LegacyTorchMagic))
        {
            _persistentIdsAllowed = true;
            for (var i = 0; i < 4 && ScanOne() is not null; i++)
            {
            }

            return;
        }

        if (!_input.AtEnd)
        {
            Report(BuildRules.PickleEvadesAnalysis, "data follows the pickle's STOP opcode; a second pickle or payload can hide there", _input.Offset);
        }
    }

    /// <summary>Scans one pickle up to STOP and returns the value it produces, or null when it cannot be followed to the end.</summary>
    private Value? ScanOne()
    {
        _count = 0;
        _marks.Clear();
        _markTop = 0;
        _memo.Clear();
        while (true)
        {
            var offset = _input.Offset;
            var opcode = _input.ReadByte();
            if (opcode < 0)
            {
                Report(BuildRules.PickleEvadesAnalysis, "the pickle ends without a STOP opcode (truncated)", offset);
                return null;
            }

            if (++_opcodes > MaxOpcodes)
            {
                Report(BuildRules.PickleEvadesAnalysis, $"more than {MaxOpcodes:N0} opcodes; analysis stopped", offset);
                return null;
            }

            if (opcode == '.')
            {
                // CPython's STOP pops the result: an empty stack is an underflow, not an empty pickle.
                return _count > _markTop ? _stack[_count - 1] : Underflow(offset);
            }

            if (!Execute(opcode, offset))
            {
                return null;
            }
        }
    }

    /// <summary>
    /// The opcodes that make up nearly all of a dense pickle, each handled by a small method. The JIT zeroes every
    /// struct temporary of a method on entry, and the full switch below has hundreds of bytes of them: it is entered
    /// only for the other opcodes.
    /// </summary>
    private bool Execute(int opcode, long offset)
    {
        switch (opcode)
        {
            case 'K': // BININT1
                return _input.ReadByte() is var k and >= 0 ? PushInt(k, offset) : Truncated(offset);
            case 'M': // BININT2
                return _input.ReadLittleEndian(2) is { } m2 ? PushInt(m2, offset) : Truncated(offset);
            case 'J': // BININT
                return _input.ReadLittleEndian(4) is { } j4 ? PushInt((int)j4, offset) : Truncated(offset);
            case 'U' or 0x8c: // SHORT_BINSTRING, SHORT_BINUNICODE: a one-byte length is never negative
                return _input.ReadByte() is var n1 and >= 0 ? Text(n1, offset) : Truncated(offset);
            case 0x85 or 0x86 or 0x87: // TUPLE1, TUPLE2, TUPLE3
                return PopTuple(opcode - 0x84, offset);
            case '(': // MARK
                return Mark(offset);
            case 'q': // BINPUT
                return _input.ReadByte() is var q and >= 0 ? Memoize(q, offset) : Truncated(offset);
            case 'h': // BINGET
                return _input.ReadByte() is var h and >= 0 ? Recall(h, offset) : Truncated(offset);
            case 0x94: // MEMOIZE
                return Memoize(_memo.Count, offset);
            default:
                return ExecuteRare(opcode, offset);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool ExecuteRare(int opcode, long offset)
    {
        switch (opcode)
        {
            case '0': // POP
                return Pop(offset) is not null;
            case '1': // POP_MARK
                return DropMark(offset);
            case '2': // DUP
                return Peek(offset) is { } top && Push(top, offset);

            case 'N' or 0x88 or 0x89: // NONE, NEWTRUE, NEWFALSE
                return Push(Value.Unit, offset);
            case 'I' or 'L': // INT, LONG (text)
                return Line(offset) is { } digits && Push(ParseIndex(digits.TrimEnd('L')) is { } number ? Value.Int(number) : Value.Unit, offset);
            case 'F': // FLOAT (text)
                return Line(offset) is not null && Push(Value.Unit, offset);
            case 'G': // BINFLOAT
                return Fixed(8, offset) && Push(Value.Unit, offset);
            case 0x8a: // LONG1
                return Length(1, offset) is { } long1 && LongValue(long1, offset);
            case 0x8b: // LONG4
                return Length(4, offset) is { } long4 && LongValue(long4, offset);

            case 'S': // STRING (quoted text)
                return Line(offset) is { } quoted && Push(Value.Text(Unquote(quoted)), offset);
            case 'V': // UNICODE (raw-unicode-escape text)
                return Line(offset) is { } unicode && Push(Value.Text(unicode), offset);
            case 'T' or 'X': // BINSTRING, BINUNICODE
                return Length(4, offset) is { } n4 && Text(n4, offset);
            case 0x8d: // BINUNICODE8
                return Length(8, offset) is { } n8 && Text(n8, offset);
            case 'B': // BINBYTES
                return Length(4, offset) is { } b4 && Bytes(b4, offset);
            case 'C': // SHORT_BINBYTES
                return _input.ReadByte() is var b1 and >= 0 ? Bytes(b1, offset) : Truncated(offset);
            case 0x8e or 0x96: // BINBYTES8, BYTEARRAY8
                return Length(8, offset) is { } b8 && Bytes(b8, offset);

            case ']': // EMPTY_LIST
                return Push(Value.List, offset);
            case '}': // EMPTY_DICT
                return Push(Value.Dict, offset);
            case 0x8f: // EMPTY_SET
                return Push(Value.Set, offset);
            case ')': // EMPTY_TUPLE
                return Push(Value.Tuple([]), offset);
            case 'l': // LIST
                return DropMark(offset) && Push(Value.List, offset);
            case 'd': // DICT
                return DropMark(offset) && Push(Value.Dict, offset);
            case 0x91: // FROZENSET
                return DropMark(offset) && Push(Value.Unit, offset);
            case 't': // TUPLE
                return PopMark(offset) is { } tupleItems && Push(Value.Tuple(tupleItems), offset);
            case 'a': // APPEND
                return Pop(offset) is not null && Peek(offset) is { } appendTarget && Into(appendTarget, Kind.List, "APPEND", offset);
            case 'e': // APPENDS
                return DropMark(offset) && Peek(offset) is { } appendsTarget && Into(appendsTarget, Kind.List, "APPENDS", offset);
            case 'u': // SETITEMS
                return DropMark(offset) && Peek(offset) is { } setItemsTarget && Into(setItemsTarget, Kind.Dict, "SETITEMS", offset);
            case 0x90: // ADDITEMS
                return DropMark(offset) && Peek(offset) is { } addTarget && Into(addTarget, Kind.Set, "ADDITEMS", offset);
            case 's': // SETITEM
                return PopMany(2, offset) && Peek(offset) is { } setItemTarget && Into(setItemTarget, Kind.Dict, "SETITEM", offset);

            case 'c': // GLOBAL module\nname\n
                return Line(offset) is { } module && Line(offset) is { } name && Push(Import(module, name, offset), offset);
            case 0x93: // STACK_GLOBAL
                return StackGlobal(offset);
            case 'i': // INST module\nname\n, arguments since MARK
                return Line(offset) is { } instModule && Line(offset) is { } instName && DropMark(offset)
                    && Push(Call(Import(instModule, instName, offset), offset), offset);
            case 'o': // OBJ: class and arguments since MARK
                return PopMark(offset) is { Length: > 0 } objItems && Push(Call(objItems[0], offset), offset);
            case 'R': // REDUCE
                return Pop(offset) is { } arguments && Pop(offset) is { } callable && Push(Call(callable, offset, arguments), offset);
            case 0x81: // NEWOBJ
                return Pop(offset) is not null && Pop(offset) is { } cls && Push(Call(cls, offset), offset);
            case 0x92: // NEWOBJ_EX
                return PopMany(2, offset) && Pop(offset) is { } clsEx && Push(Call(clsEx, offset), offset);
            case 'b': // BUILD
                return Build(offset);

            case 'p': // PUT (text index)
                return Line(offset) is { } putIndex && Memoize(ParseIndex(putIndex), offset);
            case 'r': // LONG_BINPUT
                return _input.ReadLittleEndian(4) is { } r ? Memoize(r, offset) : Truncated(offset);
            case 'g': // GET (text index)
                return Line(offset) is { } getIndex && Recall(ParseIndex(getIndex), offset);
            case 'j': // LONG_BINGET
                return _input.ReadLittleEndian(4) is { } j ? Recall(j, offset) : Truncated(offset);

            case 'P': // PERSID (text id)
                return Line(offset) is { } persistentText && Persistent(Value.Text(persistentText), offset);
            case 'Q': // BINPERSID: torch archives reference their storages this way
                return Pop(offset) is { } persistentId && Persistent(persistentId, offset);
            case 0x80: // PROTO
                if (_input.ReadByte() is var protocol and (< 0 or > 5))
                {
                    Report(BuildRules.PickleEvadesAnalysis, protocol < 0 ? "the pickle ends inside PROTO" : $"unknown pickle protocol {protocol}", offset);
                    return false;
                }

                return true;
            case 0x95: // FRAME: CPython refuses a frame longer than the data that follows
                if (Length(8, offset) is not { } frame)
                {
                    return false;
                }

                if (_input.Remaining is { } left && frame > left)
                {
                    Report(BuildRules.PickleEvadesAnalysis, $"a FRAME declares {frame:N0} bytes but only {left:N0} remain (the unpickler refuses it)", offset);
                    return false;
                }

                return true;
            case 0x97: // NEXT_BUFFER: an out-of-band buffer
                return Push(Value.Unit, offset);
            case 0x98: // READONLY_BUFFER
                return Peek(offset) is not null;
            case 0x82 or 0x83 or 0x84: // EXT1, EXT2, EXT4
                var size = opcode == 0x82 ? 1 : opcode == 0x83 ? 2 : 4;
                Report(BuildRules.PickleEvadesAnalysis, "EXT opcode: the callable comes from the copyreg extension registry and cannot be known", offset);
                return Fixed(size, offset) && Push(Value.Unit, offset);
            default:
                Report(BuildRules.PickleEvadesAnalysis, $"unknown opcode 0x{opcode:x2}; the stream is not a pickle the analysis can follow", offset);
                return false;
        }
    }

    private bool Mark(long offset)
    {
        if (_marks.Count >= MaxStackDepth)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"more than {MaxStackDepth:N0} open MARKs", offset);
            return false;
        }

        _marks.Push(_markTop);
        _markTop = _count;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool PushInt(long number, long offset) => Push(Value.Int(number), offset);

    private Value Import(string module, string name, long offset)
    {
        var dotted = GlobalPolicy.Normalize(module, name);
        if (!Globals.Contains(dotted))
        {
            Globals.Add(dotted);
        }

        switch (Classify(dotted))
        {
            case GlobalClass.Denied:
                Report(BuildRules.PickleDangerousImport, $"imports {dotted}, which can run code or reach the system", offset, dotted);
                break;
            case GlobalClass.Unknown:
                Report(BuildRules.PickleImportOutsideAllowList, $"imports {dotted}, which is not on the allow-list of tensor and container types", offset, dotted);
                break;
        }

        if (GlobalPolicy.IsNestedLoader(dotted))
        {
            Report(BuildRules.PickleEvadesAnalysis, $"{dotted} loads a second, nested payload the scan cannot see", offset, "nested:" + dotted);
        }

        return Value.Global(dotted);
    }

    private bool StackGlobal(long offset)
    {
        if (Pop(offset) is not { } name || Pop(offset) is not { } module)
        {
            return false;
        }

        if (module is { Kind: Kind.Text, Content: { } m } && name is { Kind: Kind.Text, Content: { } n })
        {
            return Push(Import(m, n, offset), offset);
        }

        Report(BuildRules.PickleEvadesAnalysis, "STACK_GLOBAL takes its module or name from a value that is not a string literal", offset);
        return Push(Value.Unit, offset);
    }

    private Value Call(Value callable, long offset, Value? arguments = null)
    {
        if (callable.Kind != Kind.Global || callable.Name is not { } dotted)
        {
            Report(BuildRules.PickleEvadesAnalysis, "calls a value that is not an imported callable (a computed function)", offset);
            return Value.Constructed(null);
        }

        if (arguments is { Kind: Kind.Tuple } tuple)
        {
            var items = tuple.Items;
            if (TensorRebuilders.Contains(dotted))
            {
                RecordRebuild(items, offset);
            }
            else if (GlobalPolicy.IsNestedLoader(dotted) && items.Length > 0 && items[0] is { Kind: Kind.Bytes, ByteContent: { } nested })
            {
                ScanNested(nested, dotted, offset);
            }
        }

        return DictTypes.Contains(dotted) ? Value.Dict
            : ListTypes.Contains(dotted) ? Value.List
            : SetTypes.Contains(dotted) ? Value.Set
            : Value.Constructed(dotted);
    }

    /// <summary>A pickle passed to pickle.loads inside the pickle: its findings are the file's findings too.</summary>
    private void ScanNested(byte[] nested, string loader, long offset)
    {
        if (_nesting >= MaxNestedDepth)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"pickles nested more than {MaxNestedDepth} deep", offset);
            return;
        }

        var where = $"{(_member is null ? string.Empty : _member + " → ")}{loader} argument @ offset {offset}";
        using var stream = new MemoryStream(nested, writable: false);
        var inner = Scan(stream, nested.Length, where, persistentIds: false, _nesting + 1);
        _findings.AddRange(inner.Findings.Where(f => _reported.Add(where + f.Id + f.Message)));
    }

    /// <summary>_rebuild_tensor_v2(storage, storage_offset, size, stride, …): the literal offset, size and stride.</summary>
    private void RecordRebuild(Value[] items, long offset)
    {
        if (items.Length < 4 || items[0] is not { Kind: Kind.Persistent, Storage: { } storage })
        {
            return;
        }

        Rebuilds.Add(new TensorRebuild(
            storage.Key,
            items[1] is { Kind: Kind.Int } storageOffset ? storageOffset.Number : null,
            Ints(items[2]),
            Ints(items[3]),
            offset));

        static IReadOnlyList<long>? Ints(Value value)
        {
            if (value.Kind != Kind.Tuple)
            {
                return null;
            }

            var parts = value.Items;
            var numbers = new long[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (parts[i].Kind != Kind.Int)
                {
                    return null;
                }

                numbers[i] = parts[i].Number;
            }

            return numbers;
        }
    }

    /// <summary>PERSID/BINPERSID: torch's persistent ids are ('storage', storage type, key, location, numel).</summary>
    private bool Persistent(Value id, long offset)
    {
        if (!_persistentIdsAllowed)
        {
            Report(BuildRules.PickleEvadesAnalysis, "a persistent id (PERSID/BINPERSID) outside a PyTorch archive: pickle.load refuses it, and a custom loader would resolve it with code the scan cannot see", offset, level: DiagnosticLevel.Warning);
        }

        StorageReference? storage = null;
        if (id is { Kind: Kind.Tuple, Items: [{ Kind: Kind.Text, Content: "storage" }, var type, { Kind: Kind.Text, Content: { } key }, _, { Kind: Kind.Int } elements] })
        {
            storage = new StorageReference(key, type.Kind == Kind.Global ? type.Name : null, elements.Number, offset);
            Storages.Add(storage);
        }

        return Push(Value.Persistent(storage), offset);
    }

    /// <summary>APPEND(S), SETITEM(S), ADDITEMS on anything but a real container call a method of that object.</summary>
    private bool Into(Value target, Kind expected, string opcode, long offset)
    {
        if (target.Kind == expected || target.Kind == Kind.Other)
        {
            return true;
        }

        if (target is { Kind: Kind.Constructed, Name: { } callable } && Classify(callable) != GlobalClass.Allowed)
        {
            // The callable itself is already reported (OM4001/OM4002); its own methods are its code.
            return true;
        }

        Report(BuildRules.PickleEvadesAnalysis, $"{opcode} on {Describe(target)}, not a {ContainerName(expected)}: the unpickler calls that object's own method (the CVE-2026-24747 class)", offset);
        return true;
    }

    private bool Build(long offset)
    {
        if (Pop(offset) is null || Peek(offset) is not { } target)
        {
            return false;
        }

        switch (target)
        {
            case { Kind: Kind.Global }:
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD sets state on the imported callable {target.Name} itself, not on an object", offset);
                break;
            case { Kind: Kind.Constructed, Name: { } callable } when StatelessResults.Contains(callable):
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD on the result of {callable}, which has no state to set: the unpickler calls a __setstate__ or attribute the scan cannot see", offset);
                break;
            case { Kind: Kind.Constructed, Name: null } or { Kind: Kind.Tuple or Kind.Text or Kind.Int or Kind.Bytes or Kind.Long }:
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD on {Describe(target)}: a call the scan cannot follow", offset);
                break;
        }

        return true;
    }

    private GlobalClass Classify(string dotted) => _loaderGlobals?.Invoke(dotted) == true ? GlobalClass.Allowed : GlobalPolicy.Classify(dotted);

    private static string Describe(Value value) => value switch
    {
        { Kind: Kind.Global } => $"the imported callable {value.Name}",
        { Kind: Kind.Constructed, Name: { } c } => $"the result of {c}",
        { Kind: Kind.Dict or Kind.List or Kind.Set } => $"a {ContainerName(value.Kind)}",
        { Kind: Kind.Tuple } => "a tuple",
        { Kind: Kind.Persistent } => "a persistent storage",
        { Kind: Kind.Text or Kind.Bytes } => "a string",
        { Kind: Kind.Int or Kind.Long } => "a number",
        _ => "a computed value",
    };

    private static string ContainerName(Kind kind) => kind switch { Kind.Dict => "dict", Kind.List => "list", _ => "set" };

    /// <summary>TUPLE1–3: the tuple takes the place of its first item on the stack.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool PopTuple(int count, long offset)
    {
        var first = _count - count;
        if (first < _markTop)
        {
            return Underflow(offset) is not null;
        }

        _stack[first] = Value.Tuple(_stack.AsSpan(first, count).ToArray());
        _count = first + 1;
        return true;
    }

    /// <summary>A byte string: small ones are kept (a nested pickle may be scanned), large ones skipped.</summary>
    private bool Bytes(long length, long offset)
    {
        if (length > MaxKeptBytes || _keptBytes + length > MaxKeptBytesTotal)
        {
            return Payload(length, offset, Value.Bytes(null));
        }

        if (_input.Remaining is { } remaining && length > remaining)
        {
            return Payload(length, offset);
        }

        _keptBytes += length;
        return _input.ReadBytes((int)length) is { } bytes ? Push(Value.Bytes(bytes), offset) : Truncated(offset);
    }

    private bool LongValue(long length, long offset)
    {
        if (length > 64)
        {
            return Payload(length, offset);
        }

        return _input.ReadBytes((int)length) is { } bytes ? Push(Value.Long(bytes), offset) : Truncated(offset);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool Text(long length, long offset)
    {
        if (length > MaxTextLength)
        {
            return Payload(length, offset, Value.Text((string?)null));
        }

        if (_input.TryTake((int)length, out var span))
        {
            return Push(Value.Text(span), offset);
        }

        return _input.ReadBytes((int)length) is { } bytes ? Push(Value.Text(bytes), offset) : Truncated(offset);
    }

    private bool Payload(long length, long offset, Value? value = null)
    {
        if (_input.Remaining is { } remaining && length > remaining)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"declares {length:N0} bytes of payload but only {remaining:N0} remain (truncated or forged length)", offset);
            return false;
        }

        return _input.Skip(length) ? Push(value ?? Value.Unit, offset) : Truncated(offset);
    }

    private long? Length(int size, long offset)
    {
        var length = _input.ReadLittleEndian(size);
        if (length is null)
        {
            Truncated(offset);
            return null;
        }

        if (length < 0)
        {
            Report(BuildRules.PickleEvadesAnalysis, "negative length", offset);
            return null;
        }

        return length;
    }

    private bool Fixed(int size, long offset) => _input.Skip(size) || Truncated(offset);

    private string? Line(long offset)
    {
        var line = _input.ReadLine(MaxLineLength);
        if (line is null)
        {
            Report(BuildRules.PickleEvadesAnalysis, "a text argument is unterminated or longer than 64 KiB", offset);
        }

        return line;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool Memoize(long? index, long offset)
    {
        if (index is null || Peek(offset) is not { } top)
        {
            return index is not null || Invalid("memo index is not a number", offset);
        }

        if (_memo.Count >= LargeMemo && !_memo.ContainsKey(index.Value))
        {
            if (_memo.Count >= MaxMemoEntries)
            {
                Report(BuildRules.PickleEvadesAnalysis, $"more than {MaxMemoEntries:N0} memo entries", offset);
                return false;
            }

            // As for the stack: past 64 Ki entries, one resize to the bound instead of a chain of doublings.
            _memo.EnsureCapacity(MaxMemoEntries);
        }

        _memo[index.Value] = top;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private bool Recall(long? index, long offset)
    {
        if (index is not null && _memo.TryGetValue(index.Value, out var value))
        {
            return Push(value, offset);
        }

        Report(BuildRules.PickleEvadesAnalysis, $"reads memo slot {index} that was never written", offset);
        return Push(Value.Unit, offset);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool Push(Value value, long offset)
    {
        if (_count < _stack.Length)
        {
            _stack[_count++] = value;
            return true;
        }

        return PushGrowing(value, offset);
    }

    private bool PushGrowing(Value value, long offset)
    {
        if (_count >= MaxStackDepth)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"stack deeper than {MaxStackDepth:N0}", offset);
            return false;
        }

        // Doubling up to 64 Ki values, then straight to the bound: a hostile stack costs one bounded array (24 MB), not
        // that plus the half-size copies the large-object heap keeps until a full collection.
        Array.Resize(ref _stack, _stack.Length < LargeStack ? _stack.Length * 2 : MaxStackDepth);
        _stack[_count++] = value;
        return true;
    }

    /// <summary>As in CPython, MARK starts a fresh stack: what lies below it is out of reach until the mark is popped.</summary>
    private Value? Peek(long offset) => _count > _markTop ? _stack[_count - 1] : Underflow(offset);

    private Value? Pop(long offset) => _count > _markTop ? _stack[--_count] : Underflow(offset);

    private bool PopMany(int count, long offset)
    {
        for (var i = 0; i < count; i++)
        {
            if (Pop(offset) is null)
            {
                return false;
            }
        }

        return true;
    }

    private Value[]? PopMark(long offset)
    {
        if (_marks.Count == 0)
        {
            Invalid("an opcode needs a MARK that is not there", offset);
            return null;
        }

        var mark = _markTop;
        _markTop = _marks.Pop();
        var items = _stack.AsSpan(mark, _count - mark).ToArray();
        _count = mark;
        return items;
    }

    /// <summary>POP_MARK, APPENDS, SETITEMS…: the items since the mark are consumed, never needed as values.</summary>
    private bool DropMark(long offset)
    {
        if (_marks.Count == 0)
        {
            return Invalid("an opcode needs a MARK that is not there", offset);
        }

        _count = _markTop;
        _markTop = _marks.Pop();
        return true;
    }

    private Value? Underflow(long offset)
    {
        Invalid("stack underflow", offset);
        return null;
    }

    private bool Invalid(string message, long offset)
    {
        Report(BuildRules.PickleEvadesAnalysis, $"malformed pickle: {message}", offset);
        return false;
    }

    private bool Truncated(long offset)
    {
        Report(BuildRules.PickleEvadesAnalysis, "the pickle ends inside an opcode's argument (truncated)", offset);
        return false;
    }

    private void Report(BuildRule rule, string message, long offset, string? key = null, DiagnosticLevel? level = null)
    {
        // One finding per callable (or per kind of structural problem) keeps huge pickles readable.
        if (_reported.Add(key ?? rule.Id + message))
        {
            _findings.Add(new InspectionFinding(rule, message, _member, offset, level));
        }
    }

    private static long? ParseIndex(string text) => long.TryParse(text.Trim(), out var index) ? index : null;

    private static string? Unquote(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2 && (trimmed[0] is '\'' or '"') && trimmed[^1] == trimmed[0] ? trimmed[1..^1] : null;
    }

    private enum Kind : byte
    {
        /// <summary>A value no rule looks at (None, a float, a frozenset, an out-of-band buffer…).</summary>
        Other,
        Text,
        Long,
        Global,
        Constructed,
        Int,
        Bytes,
        Tuple,
        Persistent,

        /// <summary>A real dict, list or set: the only targets of SETITEM(S), APPEND(S), ADDITEMS that call nothing.</summary>
        Dict,
        List,
        Set,
    }

    /// <summary>
    /// What the symbolic machine knows about a stack value, in 24 bytes: a kind, a number (Int) and one reference — a
    /// string (the text, the imported callable's name, the callable a result came from), a byte array (Bytes, Long), the
    /// items (Tuple) or the storage (Persistent). Strings of up to <see cref="InlineBytes"/> UTF-8 bytes (dict keys,
    /// storage keys, module names) are kept inline in the number and spare fields and decoded only when a rule reads them.
    /// </summary>
    [StructLayout(LayoutKind.Auto)]
    private readonly struct Value
    {
        public const int InlineBytes = 12;

        public static readonly Value Unit = default;
        public static readonly Value Dict = new(Kind.Dict);
        public static readonly Value List = new(Kind.List);
        public static readonly Value Set = new(Kind.Set);

        private readonly object? _reference;
        private readonly long _number;
        private readonly int _spare;
        private readonly sbyte _inlineLength;

        private Value(Kind kind, object? reference = null, long number = 0, int spare = 0, sbyte inlineLength = -1)
        {
            Kind = kind;
            _reference = reference;
            _number = number;
            _spare = spare;
            _inlineLength = inlineLength;
        }

        public Kind Kind { get; }

        public long Number => _number;

        /// <summary>The imported callable (Global) or the one a result came from (Constructed; null when computed).</summary>
        public string? Name => _reference as string;

        public byte[]? ByteContent => _reference as byte[];

        public Value[] Items => _reference as Value[] ?? [];

        public StorageReference? Storage => _reference as StorageReference;

        /// <summary>The text as CPython decodes it (UTF-8, invalid bytes replaced); null for a string too long to keep.</summary>
        public string? Content
        {
            get
            {
                if (_inlineLength < 0)
                {
                    return _reference as string;
                }

                Span<byte> inline = stackalloc byte[InlineBytes];
                BinaryPrimitives.WriteInt64LittleEndian(inline, _number);
                BinaryPrimitives.WriteInt32LittleEndian(inline[8..], _spare);
                return System.Text.Encoding.UTF8.GetString(inline[.._inlineLength]);
            }
        }

        public static Value Int(long number) => new(Kind.Int, number: number);

        public static Value Text(string? content) => new(Kind.Text, content);

        public static Value Text(ReadOnlySpan<byte> utf8)
        {
            if (utf8.Length > InlineBytes)
            {
                return new(Kind.Text, System.Text.Encoding.UTF8.GetString(utf8));
            }

            // Little-endian packing, as Content unpacks it; the unused tail stays zero.
            return utf8.Length >= 8
                ? new(Kind.Text, null, BinaryPrimitives.ReadInt64LittleEndian(utf8), (int)Pack(utf8[8..]), (sbyte)utf8.Length)
                : new(Kind.Text, null, Pack(utf8), 0, (sbyte)utf8.Length);

            static long Pack(ReadOnlySpan<byte> bytes)
            {
                long packed = 0;
                for (var i = bytes.Length - 1; i >= 0; i--)
                {
                    packed = (packed << 8) | bytes[i];
                }

                return packed;
            }
        }

        public static Value Global(string dotted) => new(Kind.Global, dotted);

        public static Value Constructed(string? callable) => new(Kind.Constructed, callable);

        public static Value Bytes(byte[]? content) => new(Kind.Bytes, content);

        public static Value Long(byte[] digits) => new(Kind.Long, digits);

        public static Value Tuple(Value[] items) => new(Kind.Tuple, items);

        public static Value Persistent(StorageReference? storage) => new(Kind.Persistent, storage);

        public override string ToString() => Kind switch
        {
            Kind.Text => $"Text({Content})",
            Kind.Int => $"Int({Number})",
            Kind.Tuple => $"Tuple({Items.Length})",
            _ => $"{Kind}({_reference})",
        };
    }
}
