namespace OpenModel.Core.Inspection.Pickle;

public enum GlobalClass
{
    Allowed,
    Unknown,
    Denied,
}

/// <summary>
/// Which callables a pickle may import. The allow-list follows PyTorch's weights-only unpickler (tensor and storage
/// rebuilders, OrderedDict, NumPy array reconstruction); the deny-list is matched on every dotted prefix, after
/// normalising Python 2 module names, so <c>os.path.join</c>, <c>posix.system</c> and <c>__builtin__.eval</c> are all caught.
/// </summary>
public static class GlobalPolicy
{
    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "collections.defaultdict", "collections.Counter",
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_qtensor",
        "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_meta_tensor_no_storage", "torch._utils._rebuild_nested_tensor",
        "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_wrapper_subclass", "torch._tensor._rebuild_from_type_v2",
        "torch.nn.parameter.Parameter", "torch.Size", "torch.device", "torch.serialization._get_layout", "torch.storage.UntypedStorage",
        "torch.storage.TypedStorage",
        "torch.FloatStorage", "torch.DoubleStorage", "torch.HalfStorage", "torch.BFloat16Storage", "torch.LongStorage", "torch.IntStorage",
        "torch.ShortStorage", "torch.CharStorage", "torch.ByteStorage", "torch.BoolStorage", "torch.ComplexFloatStorage",
        "torch.ComplexDoubleStorage", "torch.QInt8Storage", "torch.QUInt8Storage", "torch.QInt32Storage", "torch.QUInt4x2Storage",
        "torch.float32", "torch.float16", "torch.bfloat16", "torch.float64", "torch.int64", "torch.int32", "torch.int16", "torch.int8",
        "torch.uint8", "torch.bool", "torch.complex64", "torch.complex128", "torch.strided", "torch.sparse_coo", "torch.per_tensor_affine",
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype",
        "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar", "numpy.dtypes.Float32DType", "numpy.dtypes.Float64DType",
        "numpy.dtypes.Int64DType", "numpy.dtypes.Int32DType",
        "_codecs.encode",
        "builtins.set", "builtins.frozenset", "builtins.bytearray", "builtins.complex", "builtins.slice", "builtins.int", "builtins.float",
        "builtins.bool", "builtins.str", "builtins.bytes", "builtins.tuple", "builtins.list", "builtins.dict",
    };

    private static readonly HashSet<string> Denied = new(StringComparer.Ordinal)
    {
        "os", "posix", "nt", "subprocess", "sys", "runpy", "pickle", "_pickle", "dill", "cloudpickle", "joblib", "marshal", "shelve",
        "importlib", "imp", "socket", "shutil", "webbrowser", "pty", "code", "codeop", "ctypes", "cffi", "multiprocessing", "threading",
        "asyncio", "signal", "pdb", "bdb", "trace", "timeit", "profile", "cProfile", "commands", "popen2", "platform", "tempfile",
        "urllib", "urllib2", "http", "httplib", "ftplib", "smtplib", "telnetlib", "requests", "socketserver", "xmlrpc", "ssl",
        "builtins.exec", "builtins.eval", "builtins.compile", "builtins.getattr", "builtins.setattr", "builtins.delattr",
        "builtins.__import__", "builtins.open", "builtins.input", "builtins.breakpoint", "builtins.globals", "builtins.locals",
        "builtins.vars", "builtins.apply", "builtins.execfile", "builtins.file", "builtins.reload", "builtins.memoryview",
        "operator.methodcaller", "operator.attrgetter", "functools.partial", "functools.reduce", "types.FunctionType", "types.CodeType",
        "types.MethodType", "torch.load", "torch.hub", "torch.jit", "torch.package", "torch.serialization.load", "torch._C",
        "numpy.load", "numpy.loads", "numpy.testing._private.utils.runstring", "numpy.lib.npyio", "io.open", "pathlib", "glob",
        "copyreg._reconstructor.__self__", "sqlite3", "zipimport", "pydoc", "lib2to3", "distutils", "setuptools", "pip",

        // String-to-callable resolvers and modules that run code or a process, from the 2025–2026 scanner bypasses.
        "pkgutil", "site", "atexit", "ensurepip", "venv", "idlelib", "doctest", "sysconfig", "uuid._get_command_stdout", "uuid._popen",
        "uuid._ifconfig_getnode", "uuid._ip_getnode", "uuid._arp_getnode", "uuid._lanscan_getnode", "uuid._netstat_getnode", "uuid._find_mac",
        "uuid._find_mac_near_keyword", "uuid._find_mac_under_heading", "logging.config", "mailcap", "cgi", "wsgiref", "imaplib", "poplib",
        "nntplib", "smtpd", "asyncore", "asynchat", "tkinter", "turtle", "readline", "rlcompleter", "linecache", "inspect", "gc",
        "operator.call", "functools.singledispatch", "functools.cached_property", "functools.wraps", "functools.update_wrapper",
        "zipfile", "tarfile", "fileinput", "filecmp", "mmap", "fcntl", "resource", "select", "selectors",
        "numpy.f2py", "numpy.distutils", "numpy.ctypeslib", "numpy.lib.format", "torch.fx", "torch.utils.cpp_extension", "torch._inductor",
        "torch._dynamo", "torch.compile", "torch.ops", "torch.library", "torch.utils._config_module", "torch.cuda.memory",
    };

    // A module that every package may import, so its attribute path from an allowed one (torch.os) still reaches it.
    private static readonly HashSet<string> ReachableThroughAttributes = new(StringComparer.Ordinal)
    {
        "os", "posix", "nt", "subprocess", "sys", "builtins", "importlib", "runpy", "pickle", "_pickle", "marshal", "ctypes",
        "socket", "shutil", "pty", "pdb", "webbrowser", "multiprocessing", "pkgutil", "site", "code", "codeop", "types", "operator", "functools",
    };

    private static readonly HashSet<string> DunderEscapes = new(StringComparer.Ordinal)
    {
        "__builtins__", "__globals__", "__import__", "__getattribute__", "__getattr__", "__subclasses__", "__code__", "__class__",
        "__bases__", "__mro__", "__base__", "__dict__", "__self__", "__func__", "__loader__", "__spec__", "__reduce__", "__reduce_ex__",
        "__call__", "__init__", "__new__", "__setattr__", "__delattr__", "__closure__", "__module__",
    };

    private static readonly HashSet<string> NestedLoaders = new(StringComparer.Ordinal)
    {
        "pickle.loads", "pickle.load", "pickle.Unpickler", "_pickle.loads", "_pickle.load", "_pickle.Unpickler", "dill.loads", "dill.load",
        "cloudpickle.loads", "joblib.load", "torch.load", "torch.serialization.load", "numpy.load", "marshal.loads", "marshal.load",
    };

    private static readonly Dictionary<string, string> Python2Modules = new(StringComparer.Ordinal)
    {
        ["__builtin__"] = "builtins", ["exceptions"] = "builtins", ["copy_reg"] = "copyreg", ["cPickle"] = "pickle",
        ["cStringIO"] = "io", ["StringIO"] = "io", ["Queue"] = "queue", ["SocketServer"] = "socketserver", ["urlparse"] = "urllib.parse",
        ["httplib"] = "http.client", ["__main__"] = "__main__",
    };

    /// <summary>
    /// "module.name" as a loader would resolve it: NFKC-normalised (identifiers in Python are), zero-width and control
    /// characters and surrounding whitespace removed, repeated or edge dots collapsed, Python 2 spellings made Python 3
    /// (copy_reg → copyreg, __builtin__ → builtins). Over-normalising only ever makes a match more likely.
    /// </summary>
    public static string Normalize(string module, string name)
    {
        module = Clean(module);
        name = Clean(name);
        var first = module.Split('.')[0];
        var normalized = Python2Modules.TryGetValue(first, out var replacement) ? replacement + module[first.Length..] : module;
        return normalized + "." + name;
    }

    public static GlobalClass Classify(string dotted)
    {
        if (Allowed.Contains(dotted))
        {
            return GlobalClass.Allowed;
        }

        var parts = dotted.Split('.');

        // An underscore-prefixed top-level module is a CPython internal (_posixsubprocess, _interpreters, _thread…).
        if (parts[0].StartsWith('_') && !parts[0].StartsWith("__", StringComparison.Ordinal))
        {
            return GlobalClass.Denied;
        }

        for (var length = 1; length <= parts.Length; length++)
        {
            if (Denied.Contains(string.Join('.', parts.Take(length))))
            {
                return GlobalClass.Denied;
            }
        }

        // Attribute paths through any module: torch.os.system reaches os.system, x.__globals__ reaches everything.
        for (var start = 1; start < parts.Length; start++)
        {
            if (ReachableThroughAttributes.Contains(parts[start]) || DunderEscapes.Contains(parts[start]))
            {
                return GlobalClass.Denied;
            }
        }

        return GlobalClass.Unknown;
    }

    public static bool IsNestedLoader(string dotted) => NestedLoaders.Contains(dotted);

    private static string Clean(string part)
    {
        var text = part.Normalize(System.Text.NormalizationForm.FormKC);
        var builder = new System.Text.StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c) && !char.IsControl(c) && System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        return string.Join('.', builder.ToString().Split('.', StringSplitOptions.RemoveEmptyEntries));
    }
}
