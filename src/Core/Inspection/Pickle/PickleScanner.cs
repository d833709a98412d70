using OpenModel.Core.Diagnostics;

namespace OpenModel.Core.Inspection.Pickle;

/// <summary>
/// Runs a pickle as a symbolic stack machine, without executing anything: every opcode of protocols 0–5, a real
/// stack, mark stack and memo, so the callables a pickle imports are known exactly, however they are spelled.
/// Payloads are skipped, not read, and opcode count, stack depth, memo size and line length are bounded, so hostile
/// input cannot exhaust memory.
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

    private static readonly Value.Int[] SmallInts = [.. Enumerable.Range(0, 256).Select(i => new Value.Int(i))];

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
    private readonly List<Value> _stack = [];
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
        return new PickleScan(scanner._findings, scanner.Globals, scanner.Storages, scanner.Rebuilds, scanner._input.Offset, (root as Value.Int)?.Number);
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
        if (first is Value.Long { Digits: var magic } && magic.AsSpan().SequenceEqual(LegacyTorchMagic))
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
        _stack.Clear();
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
                return _stack.Count > _markTop ? _stack[^1] : Underflow(offset);
            }

            if (!Execute(opcode, offset))
            {
                return null;
            }
        }
    }

    private bool Execute(int opcode, long offset)
    {
        switch (opcode)
        {
            case '(': // MARK
                if (_marks.Count >= MaxStackDepth)
                {
                    Report(BuildRules.PickleEvadesAnalysis, $"more than {MaxStackDepth:N0} open MARKs", offset);
                    return false;
                }

                _marks.Push(_markTop);
                _markTop = _stack.Count;
                return true;
            case '0': // POP
                return Pop(offset) is not null;
            case '1': // POP_MARK
                return DropMark(offset);
            case '2': // DUP
                return Peek(offset) is { } top && Push(top, offset);

            case 'N' or 0x88 or 0x89: // NONE, NEWTRUE, NEWFALSE
                return Push(Value.Other.Unit, offset);
            case 'I' or 'L': // INT, LONG (text)
                return Line(offset) is { } digits && Push(ParseIndex(digits.TrimEnd('L')) is { } number ? IntValue(number) : Value.Other.Unit, offset);
            case 'F': // FLOAT (text)
                return Line(offset) is not null && Push(Value.Other.Unit, offset);
            case 'J': // BININT
                return _input.ReadLittleEndian(4) is { } j4 ? Push(IntValue((int)j4), offset) : Truncated(offset);
            case 'K': // BININT1
                return _input.ReadByte() is var k and >= 0 ? Push(SmallInts[k], offset) : Truncated(offset);
            case 'M': // BININT2
                return _input.ReadLittleEndian(2) is { } m2 ? Push(IntValue(m2), offset) : Truncated(offset);
            case 'G': // BINFLOAT
                return Fixed(8, offset) && Push(Value.Other.Unit, offset);
            case 0x8a: // LONG1
                return Length(1, offset) is { } long1 && LongValue(long1, offset);
            case 0x8b: // LONG4
                return Length(4, offset) is { } long4 && LongValue(long4, offset);

            case 'S': // STRING (quoted text)
                return Line(offset) is { } quoted && Push(new Value.Text(Unquote(quoted)), offset);
            case 'V': // UNICODE (raw-unicode-escape text)
                return Line(offset) is { } unicode && Push(new Value.Text(unicode), offset);
            case 'T' or 'X': // BINSTRING, BINUNICODE
                return Length(4, offset) is { } n4 && Text(n4, offset);
            case 'U' or 0x8c: // SHORT_BINSTRING, SHORT_BINUNICODE
                return Length(1, offset) is { } n1 && Text(n1, offset);
            case 0x8d: // BINUNICODE8
                return Length(8, offset) is { } n8 && Text(n8, offset);
            case 'B': // BINBYTES
                return Length(4, offset) is { } b4 && Bytes(b4, offset);
            case 'C': // SHORT_BINBYTES
                return Length(1, offset) is { } b1 && Bytes(b1, offset);
            case 0x8e or 0x96: // BINBYTES8, BYTEARRAY8
                return Length(8, offset) is { } b8 && Bytes(b8, offset);

            case ']': // EMPTY_LIST
                return Push(Value.Container.List, offset);
            case '}': // EMPTY_DICT
                return Push(Value.Container.Dict, offset);
            case 0x8f: // EMPTY_SET
                return Push(Value.Container.Set, offset);
            case ')': // EMPTY_TUPLE
                return Push(Value.Tuple.Empty, offset);
            case 'l': // LIST
                return DropMark(offset) && Push(Value.Container.List, offset);
            case 'd': // DICT
                return DropMark(offset) && Push(Value.Container.Dict, offset);
            case 0x91: // FROZENSET
                return DropMark(offset) && Push(Value.Other.Unit, offset);
            case 't': // TUPLE
                return PopMark(offset) is { } tupleItems && Push(new Value.Tuple(tupleItems), offset);
            case 0x85 or 0x86 or 0x87: // TUPLE1, TUPLE2, TUPLE3
                return PopTuple(opcode - 0x84, offset);
            case 'a': // APPEND
                return Pop(offset) is not null && Peek(offset) is { } appendTarget && Into(appendTarget, Value.Container.List, "APPEND", offset);
            case 'e': // APPENDS
                return DropMark(offset) && Peek(offset) is { } appendsTarget && Into(appendsTarget, Value.Container.List, "APPENDS", offset);
            case 'u': // SETITEMS
                return DropMark(offset) && Peek(offset) is { } setItemsTarget && Into(setItemsTarget, Value.Container.Dict, "SETITEMS", offset);
            case 0x90: // ADDITEMS
                return DropMark(offset) && Peek(offset) is { } addTarget && Into(addTarget, Value.Container.Set, "ADDITEMS", offset);
            case 's': // SETITEM
                return PopMany(2, offset) && Peek(offset) is { } setItemTarget && Into(setItemTarget, Value.Container.Dict, "SETITEM", offset);

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
            case 'q': // BINPUT
                return _input.ReadLittleEndian(1) is { } q ? Memoize(q, offset) : Truncated(offset);
            case 'r': // LONG_BINPUT
                return _input.ReadLittleEndian(4) is { } r ? Memoize(r, offset) : Truncated(offset);
            case 0x94: // MEMOIZE
                return Memoize(_memo.Count, offset);
            case 'g': // GET (text index)
                return Line(offset) is { } getIndex && Recall(ParseIndex(getIndex), offset);
            case 'h': // BINGET
                return _input.ReadLittleEndian(1) is { } h ? Recall(h, offset) : Truncated(offset);
            case 'j': // LONG_BINGET
                return _input.ReadLittleEndian(4) is { } j ? Recall(j, offset) : Truncated(offset);

            case 'P': // PERSID (text id)
                return Line(offset) is { } persistentText && Persistent(new Value.Text(persistentText), offset);
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
                return Push(Value.Other.Unit, offset);
            case 0x98: // READONLY_BUFFER
                return Peek(offset) is not null;
            case 0x82 or 0x83 or 0x84: // EXT1, EXT2, EXT4
                var size = opcode == 0x82 ? 1 : opcode == 0x83 ? 2 : 4;
                Report(BuildRules.PickleEvadesAnalysis, "EXT opcode: the callable comes from the copyreg extension registry and cannot be known", offset);
                return Fixed(size, offset) && Push(Value.Other.Unit, offset);
            default:
                Report(BuildRules.PickleEvadesAnalysis, $"unknown opcode 0x{opcode:x2}; the stream is not a pickle the analysis can follow", offset);
                return false;
        }
    }

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

        return new Value.Global(dotted);
    }

    private bool StackGlobal(long offset)
    {
        if (Pop(offset) is not { } name || Pop(offset) is not { } module)
        {
            return false;
        }

        if (module is Value.Text { Content: { } m } && name is Value.Text { Content: { } n })
        {
            return Push(Import(m, n, offset), offset);
        }

        Report(BuildRules.PickleEvadesAnalysis, "STACK_GLOBAL takes its module or name from a value that is not a string literal", offset);
        return Push(Value.Other.Unit, offset);
    }

    private Value Call(Value callable, long offset, Value? arguments = null)
    {
        if (callable is not Value.Global global)
        {
            Report(BuildRules.PickleEvadesAnalysis, "calls a value that is not an imported callable (a computed function)", offset);
            return new Value.Constructed(null);
        }

        if (arguments is Value.Tuple { Items: var items })
        {
            if (TensorRebuilders.Contains(global.Dotted))
            {
                RecordRebuild(items, offset);
            }
            else if (GlobalPolicy.IsNestedLoader(global.Dotted) && items.Count > 0 && items[0] is Value.Bytes { Content: { } nested })
            {
                ScanNested(nested, global.Dotted, offset);
            }
        }

        return DictTypes.Contains(global.Dotted) ? Value.Container.Dict
            : ListTypes.Contains(global.Dotted) ? Value.Container.List
            : SetTypes.Contains(global.Dotted) ? Value.Container.Set
            : new Value.Constructed(global.Dotted);
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
    private void RecordRebuild(IReadOnlyList<Value> items, long offset)
    {
        if (items.Count < 4 || items[0] is not Value.Persistent { Storage: { } storage })
        {
            return;
        }

        Rebuilds.Add(new TensorRebuild(
            storage.Key,
            items[1] is Value.Int { Number: var storageOffset } ? storageOffset : null,
            Ints(items[2]),
            Ints(items[3]),
            offset));

        static IReadOnlyList<long>? Ints(Value value) =>
            value is Value.Tuple { Items: var parts } && parts.All(p => p is Value.Int) ? [.. parts.Select(p => ((Value.Int)p).Number)] : null;
    }

    /// <summary>PERSID/BINPERSID: torch's persistent ids are ('storage', storage type, key, location, numel).</summary>
    private bool Persistent(Value id, long offset)
    {
        if (!_persistentIdsAllowed)
        {
            Report(BuildRules.PickleEvadesAnalysis, "a persistent id (PERSID/BINPERSID) outside a PyTorch archive: pickle.load refuses it, and a custom loader would resolve it with code the scan cannot see", offset, level: DiagnosticLevel.Warning);
        }

        StorageReference? storage = null;
        if (id is Value.Tuple { Items: [Value.Text { Content: "storage" }, var type, Value.Text { Content: { } key }, _, Value.Int { Number: var elements }] })
        {
            storage = new StorageReference(key, (type as Value.Global)?.Dotted, elements, offset);
            Storages.Add(storage);
        }

        return Push(new Value.Persistent(storage), offset);
    }

    /// <summary>APPEND(S), SETITEM(S), ADDITEMS on anything but a real container call a method of that object.</summary>
    private bool Into(Value target, Value.Container expected, string opcode, long offset)
    {
        switch (target)
        {
            case Value.Container container when ReferenceEquals(container, expected):
            case Value.Other:
                return true;
            case Value.Constructed { Callable: { } callable } when Classify(callable) != GlobalClass.Allowed:
                // The callable itself is already reported (OM4001/OM4002); its own methods are its code.
                return true;
            default:
                Report(BuildRules.PickleEvadesAnalysis, $"{opcode} on {Describe(target)}, not a {expected.Kind}: the unpickler calls that object's own method (the CVE-2026-24747 class)", offset);
                return true;
        }
    }

    private bool Build(long offset)
    {
        if (Pop(offset) is null || Peek(offset) is not { } target)
        {
            return false;
        }

        switch (target)
        {
            case Value.Global global:
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD sets state on the imported callable {global.Dotted} itself, not on an object", offset);
                break;
            case Value.Constructed { Callable: { } callable } when StatelessResults.Contains(callable):
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD on the result of {callable}, which has no state to set: the unpickler calls a __setstate__ or attribute the scan cannot see", offset);
                break;
            case Value.Constructed { Callable: null } or Value.Tuple or Value.Text or Value.Int or Value.Bytes or Value.Long:
                Report(BuildRules.PickleEvadesAnalysis, $"BUILD on {Describe(target)}: a call the scan cannot follow", offset);
                break;
        }

        return true;
    }

    private GlobalClass Classify(string dotted) => _loaderGlobals?.Invoke(dotted) == true ? GlobalClass.Allowed : GlobalPolicy.Classify(dotted);

    private static string Describe(Value value) => value switch
    {
        Value.Global g => $"the imported callable {g.Dotted}",
        Value.Constructed { Callable: { } c } => $"the result of {c}",
        Value.Container c => $"a {c.Kind}",
        Value.Tuple => "a tuple",
        Value.Persistent => "a persistent storage",
        Value.Text or Value.Bytes => "a string",
        Value.Int or Value.Long => "a number",
        _ => "a computed value",
    };

    private static Value IntValue(long number) => number is >= 0 and < 256 ? SmallInts[number] : new Value.Int(number);

    /// <summary>TUPLE1–3: the tuple takes the place of its first item on the stack, with no array in between.</summary>
    private bool PopTuple(int count, long offset)
    {
        var first = _stack.Count - count;
        if (first < _markTop)
        {
            return Underflow(offset) is not null;
        }

        var items = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_stack)[first..];
        _stack[first] = count switch
        {
            1 => new Value.Tuple(items[0]),
            2 => new Value.Tuple(items[0], items[1]),
            _ => new Value.Tuple(items[0], items[1], items[2]),
        };
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(_stack, first + 1);
        return true;
    }

    /// <summary>A byte string: small ones are kept (a nested pickle may be scanned), large ones skipped.</summary>
    private bool Bytes(long length, long offset)
    {
        if (length > MaxKeptBytes || _keptBytes + length > MaxKeptBytesTotal)
        {
            return Payload(length, offset, new Value.Bytes(null));
        }

        if (_input.Remaining is { } remaining && length > remaining)
        {
            return Payload(length, offset);
        }

        _keptBytes += length;
        return _input.ReadBytes((int)length) is { } bytes ? Push(new Value.Bytes(bytes), offset) : Truncated(offset);
    }

    private bool LongValue(long length, long offset)
    {
        if (length > 64)
        {
            return Payload(length, offset);
        }

        return _input.ReadBytes((int)length) is { } bytes ? Push(new Value.Long(bytes), offset) : Truncated(offset);
    }

    private bool Text(long length, long offset)
    {
        if (length > MaxTextLength)
        {
            return Payload(length, offset, new Value.Text((string?)null));
        }

        if (_input.TryTake((int)length, out var span))
        {
            return Push(span.Length <= Value.Text.InlineBytes ? new Value.Text(span) : new Value.Text(System.Text.Encoding.UTF8.GetString(span)), offset);
        }

        return _input.ReadBytes((int)length) is { } bytes ? Push(new Value.Text(System.Text.Encoding.UTF8.GetString(bytes)), offset) : Truncated(offset);
    }

    private bool Payload(long length, long offset, Value? value = null)
    {
        if (_input.Remaining is { } remaining && length > remaining)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"declares {length:N0} bytes of payload but only {remaining:N0} remain (truncated or forged length)", offset);
            return false;
        }

        return _input.Skip(length) ? Push(value ?? Value.Other.Unit, offset) : Truncated(offset);
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

    private bool Memoize(long? index, long offset)
    {
        if (index is null || Peek(offset) is not { } top)
        {
            return index is not null || Invalid("memo index is not a number", offset);
        }

        if (_memo.Count >= MaxMemoEntries && !_memo.ContainsKey(index.Value))
        {
            Report(BuildRules.PickleEvadesAnalysis, $"more than {MaxMemoEntries:N0} memo entries", offset);
            return false;
        }

        _memo[index.Value] = top;
        return true;
    }

    private bool Recall(long? index, long offset)
    {
        if (index is not null && _memo.TryGetValue(index.Value, out var value))
        {
            return Push(value, offset);
        }

        Report(BuildRules.PickleEvadesAnalysis, $"reads memo slot {index} that was never written", offset);
        return Push(Value.Other.Unit, offset);
    }

    private bool Push(Value value, long offset)
    {
        if (_stack.Count >= MaxStackDepth)
        {
            Report(BuildRules.PickleEvadesAnalysis, $"stack deeper than {MaxStackDepth:N0}", offset);
            return false;
        }

        _stack.Add(value);
        return true;
    }

    /// <summary>As in CPython, MARK starts a fresh stack: what lies below it is out of reach until the mark is popped.</summary>
    private Value? Peek(long offset) => _stack.Count > _markTop ? _stack[^1] : Underflow(offset);

    private Value? Pop(long offset)
    {
        if (_stack.Count <= _markTop)
        {
            return Underflow(offset);
        }

        var value = _stack[^1];
        _stack.RemoveAt(_stack.Count - 1);
        return value;
    }

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
        var items = new Value[_stack.Count - mark];
        _stack.CopyTo(mark, items, 0, items.Length);
        _stack.RemoveRange(mark, items.Length);
        return items;
    }

    /// <summary>POP_MARK, APPENDS, SETITEMS…: the items since the mark are consumed, never needed as values.</summary>
    private bool DropMark(long offset)
    {
        if (_marks.Count == 0)
        {
            return Invalid("an opcode needs a MARK that is not there", offset);
        }

        var mark = _markTop;
        _markTop = _marks.Pop();
        System.Runtime.InteropServices.CollectionsMarshal.SetCount(_stack, mark);
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

    /// <summary>What the symbolic machine knows about a stack value.</summary>
    private abstract record Value
    {
        /// <summary>
        /// A string. Short ones (dict keys, storage keys, module names) keep their UTF-8 bytes inline and are decoded
        /// only when a rule reads Content, so the strings of an opcode-dense pickle cost one allocation, not two.
        /// </summary>
        public sealed record Text : Value
        {
            public const int InlineBytes = 16;

            private readonly ulong _low;
            private readonly ulong _high;
            private readonly int _length = -1;
            private string? _content;

            public Text(string? content) => _content = content;

            public Text(ReadOnlySpan<byte> utf8)
            {
                Span<byte> inline = stackalloc byte[InlineBytes];
                inline.Clear();
                utf8.CopyTo(inline);
                _low = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(inline);
                _high = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(inline[8..]);
                _length = utf8.Length;
            }

            /// <summary>The text as CPython decodes it (UTF-8, invalid bytes replaced); null for a string too long to keep.</summary>
            public string? Content
            {
                get
                {
                    if (_content is null && _length >= 0)
                    {
                        Span<byte> inline = stackalloc byte[InlineBytes];
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(inline, _low);
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(inline[8..], _high);
                        _content = System.Text.Encoding.UTF8.GetString(inline[.._length]);
                    }

                    return _content;
                }
            }

            public override string ToString() => $"Text({Content})";
        }

        public sealed record Long(byte[] Digits) : Value;

        public sealed record Global(string Dotted) : Value;

        /// <summary>What a call returned; Callable is the imported callable, or null for a computed one.</summary>
        public sealed record Constructed(string? Callable) : Value;

        public sealed record Int(long Number) : Value;

        public sealed record Bytes(byte[]? Content) : Value;

        /// <summary>
        /// A tuple. Up to three items are held inline (TUPLE1–3 build most tuples of a dense pickle), so making one is a
        /// single allocation; Items is the tuple itself.
        /// </summary>
        public sealed record Tuple : Value, IReadOnlyList<Value>
        {
            public static readonly Tuple Empty = new([]);

            private readonly Value? _first;
            private readonly Value? _second;
            private readonly Value? _third;
            private readonly Value[]? _more;

            public Tuple(Value first) => (_first, Count) = (first, 1);

            public Tuple(Value first, Value second) => (_first, _second, Count) = (first, second, 2);

            public Tuple(Value first, Value second, Value third) => (_first, _second, _third, Count) = (first, second, third, 3);

            public Tuple(Value[] items) => (_more, Count) = (items, items.Length);

            public int Count { get; }

            public IReadOnlyList<Value> Items => this;

            public Value this[int index] =>
                (uint)index >= (uint)Count ? throw new ArgumentOutOfRangeException(nameof(index))
                : _more is not null ? _more[index]
                : index == 0 ? _first! : index == 1 ? _second! : _third!;

            public IEnumerator<Value> GetEnumerator()
            {
                for (var i = 0; i < Count; i++)
                {
                    yield return this[i];
                }
            }

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

            // A record prints its properties, and Items is the tuple itself.
            public override string ToString() => $"Tuple({Count})";
        }

        public sealed record Persistent(StorageReference? Storage) : Value;

        /// <summary>A real dict, list or set: the only targets of SETITEM(S), APPEND(S), ADDITEMS that call nothing.</summary>
        public sealed record Container(string Kind) : Value
        {
            public static readonly Container Dict = new("dict");
            public static readonly Container List = new("list");
            public static readonly Container Set = new("set");
        }

        public sealed record Other : Value
        {
            public static readonly Other Unit = new();
        }
    }
}
