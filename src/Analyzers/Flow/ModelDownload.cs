using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;
using OpenModel.Contract;

namespace OpenModel.Analyzers.Flow;

/// <summary>
/// What OM1003 and OM1004 need to know about one download: its URL (and the literals it is built from), whether the
/// bytes become a model, tokenizer or dataset, and whether the method around it compares a digest.
/// </summary>
internal sealed class ModelDownload
{
    private static readonly MemberSet DownloadMethods = new(
        "System.Net.Http.HttpClient.GetAsync", "System.Net.Http.HttpClient.GetByteArrayAsync", "System.Net.Http.HttpClient.GetStreamAsync",
        "System.Net.WebClient.DownloadFile", "System.Net.WebClient.DownloadFileTaskAsync", "System.Net.WebClient.DownloadFileAsync",
        "System.Net.WebClient.DownloadData", "System.Net.WebClient.DownloadDataTaskAsync", "System.Net.WebClient.DownloadDataAsync",
        "System.Net.WebClient.OpenRead", "System.Net.WebClient.OpenReadTaskAsync");

    /// <summary>
    /// Library calls that fetch a model from its hub themselves (the URL is the library's): Whisper.net's ggml
    /// downloader, PaddleSharp's online models. Nothing the caller can see compares a digest.
    /// </summary>
    private static readonly MemberSet LibraryDownloads = new(
        "Whisper.net.Ggml.WhisperGgmlDownloader.GetGgmlModelAsync", "Whisper.net.Ggml.WhisperGgmlDownloader.GetEncoderCoreMLModelAsync",
        "Whisper.net.Ggml.WhisperGgmlDownloader.GetEncoderOpenVinoModelAsync", "Whisper.net.Ggml.WhisperGgmlDownloader.GetGgmlSileroVadModelAsync",
        "Sdcb.PaddleOCR.Models.Online.OnlineFullModels.DownloadAsync", "Sdcb.PaddleOCR.Models.Online.OnlineDetectionModel.DownloadAsync",
        "Sdcb.PaddleOCR.Models.Online.OnlineClassificationModel.DownloadAsync", "Sdcb.PaddleOCR.Models.Online.OnlineRecognizationModel.DownloadAsync",
        "Sdcb.PaddleOCR.Models.Online.LocalDictOnlineRecognizationModel.DownloadAsync", "Sdcb.PaddleOCR.Models.Online.OnlineTableRecognitionModel.DownloadAsync");

    /// <summary>Per compilation: which methods of the source download a URL they take as a parameter (a DownloadAsync(url, path) helper).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, HelperDownload?>> Helpers = new();

    /// <summary>WebClient downloads that write the file themselves: their destination is a file write.</summary>
    private static readonly ImmutableHashSet<string> DownloadsToFile = ImmutableHashSet.Create("DownloadFile", "DownloadFileTaskAsync", "DownloadFileAsync");

    private static readonly MemberSet FileWrites = new(
        "System.IO.File.WriteAllBytes", "System.IO.File.WriteAllBytesAsync", "System.IO.File.Create", "System.IO.File.OpenWrite", "System.IO.File.Move",
        "System.IO.File.Copy", "System.IO.File.Open", "System.IO.FileInfo.Create", "System.IO.FileInfo.OpenWrite");

    private static readonly MemberSet StreamCopies = new("System.IO.Stream.CopyTo", "System.IO.Stream.CopyToAsync", "System.Net.Http.HttpContent.CopyToAsync");

    private static readonly ImmutableHashSet<string> HashTypes = ImmutableHashSet.Create(
        "System.Security.Cryptography.SHA256", "System.Security.Cryptography.SHA384", "System.Security.Cryptography.SHA512",
        "System.Security.Cryptography.SHA1", "System.Security.Cryptography.MD5", "System.Security.Cryptography.HashAlgorithm",
        "System.Security.Cryptography.IncrementalHash", "System.Security.Cryptography.CryptographicOperations");

    private ModelDownload(ResolvedValue url, ImmutableArray<IOperation> urlLiterals, bool storesOrLoadsModel, bool hashes)
    {
        Url = url;
        UrlLiterals = urlLiterals;
        StoresOrLoadsModel = storesOrLoadsModel;
        Hashes = hashes;
    }

    public ResolvedValue Url { get; }

    /// <summary>The string literals the URL starts with, where they are defined (a constant, a field, an array of mirrors).</summary>
    public ImmutableArray<IOperation> UrlLiterals { get; }

    /// <summary>
    /// The downloaded bytes can end up as a model: a catalogue loader runs here, a file with a model or dataset extension
    /// is written, or the URL names a model or dataset file and the bytes reach a file (a WebClient download to disk, a
    /// stream copied to a FileStream, File.WriteAllBytes, a helper of this compilation that writes).
    /// </summary>
    public bool StoresOrLoadsModel { get; }

    public bool Hashes { get; }

    /// <summary>The download a call makes, judged with the method around it; null for every call that is not a download.</summary>
    public static ModelDownload? Of(IInvocationOperation call, Configuration.AppSettings settings, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (LibraryDownloads.Contains(call.TargetMethod))
        {
            return new ModelDownload(ResolvedValue.Unknown("the library chooses the URL"), ImmutableArray<IOperation>.Empty, storesOrLoadsModel: true, HashesIn(OperationRoot.Of(call), compilation, cancellationToken));
        }

        HelperDownload? helper = null;
        IArgumentOperation? urlArgument;
        if (DownloadMethods.Contains(call.TargetMethod))
        {
            urlArgument = call.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "address");
        }
        else if (call.TargetMethod.DeclaringSyntaxReferences.Length > 0
            && call.Arguments.Any(a => a.Parameter?.Type is { SpecialType: SpecialType.System_String } or { Name: "Uri" })
            && (helper = HelperOf(call.TargetMethod, compilation, cancellationToken)) is not null)
        {
            // A loop, not a lambda: a captured local would cost a closure on every invocation this method is asked about.
            urlArgument = null;
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal == helper.UrlParameter)
                {
                    urlArgument = argument;
                    break;
                }
            }
        }
        else
        {
            return null;
        }

        if (urlArgument is null)
        {
            return null;
        }

        // Only a download needs the method around it (asked for every invocation: the walk up is not made for the rest).
        var root = OperationRoot.Of(call);

        var resolver = new ValueResolver(compilation, settings, cancellationToken);
        var url = resolver.Resolve(urlArgument.Value);
        var literals = UrlLiteralFinder.Find(urlArgument.Value, compilation);
        var artifactUrl = IsArtifactPath(url)
            || literals.Any(l => IsArtifactPath(ResolvedValue.Of((string)l.ConstantValue.Value!)))
            || (UrlLiteralFinder.Suffix(urlArgument.Value) is { } suffix && IsArtifactPath(ResolvedValue.Of("file" + suffix)));

        var storesOrLoads = root.Descendants().OfType<IObjectCreationOperation>()
            .Any(creation => creation.Constructor is { } constructor && LoaderCatalog.Find(constructor) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset });

        // A download whose bytes are returned (a library's GetModelStreamAsync) hands the model to its caller.
        var writesFile = helper?.WritesFile == true || Returned(call);
        foreach (var other in root.Descendants())
        {
            switch (other)
            {
                case IInvocationOperation invocation:
                    var target = invocation.TargetMethod;
                    var destination = WrittenPath(invocation);
                    storesOrLoads |= LoaderCatalog.Find(target) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset }
                        || (destination is not null && IsArtifactDestination(destination, resolver));
                    writesFile |= destination is not null || StreamCopies.Contains(target) || WritesFile(target, compilation, cancellationToken);
                    break;
                case IObjectCreationOperation { Type: { } type } creation when type.ToDisplayString() == "System.IO.FileStream" && CreatesFile(creation):
                    writesFile = true;
                    storesOrLoads |= creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "path") is { } path && IsArtifactDestination(path.Value, resolver);
                    break;
            }
        }

        var hashes = HashesIn(root, compilation, cancellationToken) || (helper is not null && CallsHashing(call.TargetMethod, compilation, cancellationToken));
        return new ModelDownload(url, literals, storesOrLoads || (artifactUrl && writesFile), hashes);
    }

    private static bool HashesIn(IOperation root, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        root.Descendants().OfType<IInvocationOperation>().Any(c => IsHashing(c.TargetMethod) || CallsHashing(c.TargetMethod, compilation, cancellationToken));

    private static bool Returned(IOperation call)
    {
        for (var current = call.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IReturnOperation:
                    return true;
                case IAwaitOperation or IConversionOperation or IInvocationOperation { TargetMethod.Name: "ConfigureAwait" }:
                    continue;
                default:
                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// A method of the source that downloads the URL one of its parameters carries (<c>DownloadFile(Uri uri, string
    /// path)</c>), one level deep: its callers are judged as downloads of the URL they pass. Cached per compilation;
    /// methods whose text names no download API are never bound.
    /// </summary>
    private static HelperDownload? HelperOf(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length == 0 || method.Parameters.Length == 0)
        {
            return null;
        }

        var cache = Helpers.GetValue(compilation, _ => new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, HelperDownload?>(SymbolEqualityComparer.Default));
        if (cache.TryGetValue(method.OriginalDefinition, out var known))
        {
            return known;
        }

        return cache.GetOrAdd(method.OriginalDefinition, definition =>
        {
            var syntax = definition.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken);
            if (!syntax.DescendantTokens().Any(t => t.ValueText is "GetAsync" or "GetByteArrayAsync" or "GetStreamAsync" or "DownloadFile" or "DownloadFileTaskAsync" or "DownloadFileAsync" or "DownloadData" or "DownloadDataTaskAsync" or "OpenRead" or "OpenReadTaskAsync")
                || SourceModels.BodyOf(definition, compilation, cancellationToken) is not (var body, var symbol))
            {
                return null;
            }

            foreach (var inner in body.Descendants().OfType<IInvocationOperation>())
            {
                if (DownloadMethods.Contains(inner.TargetMethod)
                    && inner.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "address") is { } url
                    && ParameterOf(url.Value) is { } parameter
                    && symbol.Parameters.Contains(parameter, SymbolEqualityComparer.Default))
                {
                    return new HelperDownload(parameter.Ordinal, WritesAFile(body));
                }
            }

            return null;
        });
    }

    private static IParameterSymbol? ParameterOf(IOperation value) => value switch
    {
        IConversionOperation conversion => ParameterOf(conversion.Operand),
        IParameterReferenceOperation parameter => parameter.Parameter,
        IObjectCreationOperation { Type.Name: "Uri" } uri when uri.Arguments.Length > 0 => ParameterOf(uri.Arguments[0].Value),
        _ => null,
    };

    public static bool IsArtifactPath(ResolvedValue value) =>
        value.IsResolved && value.Candidates.Any(c =>
        {
            var extension = ArtifactPath.Extension(ArtifactPath.Normalize(c.Split('?', '#')[0]));
            return ArtifactExtensions.IsModel(extension) || ArtifactExtensions.IsDataset(extension) || extension is ".bin" or ".pb";
        });

    private static bool IsArtifactDestination(IOperation path, ValueResolver resolver) =>
        IsArtifactPath(resolver.Resolve(path)) || (UrlLiteralFinder.Suffix(path) is { } suffix && IsArtifactPath(ResolvedValue.Of("file" + suffix)));

    /// <summary>The path a call writes the downloaded bytes to: File.WriteAllBytes, File.Create, a WebClient download's destination.</summary>
    private static IOperation? WrittenPath(IInvocationOperation invocation)
    {
        if (DownloadsToFile.Contains(invocation.TargetMethod.Name) && DownloadMethods.Contains(invocation.TargetMethod))
        {
            return invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "fileName")?.Value;
        }

        return FileWrites.Contains(invocation.TargetMethod)
            ? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String)?.Value
            : null;
    }

    /// <summary>new FileStream(path, FileMode.Create…) creates or overwrites; FileMode.Open only reads.</summary>
    private static bool CreatesFile(IObjectCreationOperation creation) =>
        creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "mode")?.Value.ConstantValue is { HasValue: true, Value: int mode } && mode != 3;

    private static bool IsHashing(IMethodSymbol method) => HashTypes.Contains(method.ContainingType?.ToDisplayString() ?? string.Empty);

    /// <summary>A helper declared in source that hashes counts (VerifySha256(path)), one level deep.</summary>
    private static bool CallsHashing(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        BodyFacts(method, compilation, cancellationToken).Hashes;

    /// <summary>A helper declared in source that writes a file (SaveAsync(stream, path)), one level deep.</summary>
    private static bool WritesFile(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        BodyFacts(method, compilation, cancellationToken).WritesFile;

    /// <summary>Per compilation: whether a source method's body hashes and whether it writes a file.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Compilation, System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, (bool Hashes, bool WritesFile)>> Bodies = new();

    /// <summary>
    /// Every call in the method around each download asks about its callee, and each helper called is asked again for
    /// every download that calls it: a callee's body is walked once per compilation. Metadata methods have no body.
    /// </summary>
    private static (bool Hashes, bool WritesFile) BodyFacts(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.Length == 0)
        {
            return (false, false);
        }

        var cache = Bodies.GetValue(compilation, _ => new System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, (bool, bool)>(SymbolEqualityComparer.Default));
        // The body is the declaration's: every construction of a generic method shares it.
        method = method.OriginalDefinition;
        if (cache.TryGetValue(method, out var known))
        {
            return known;
        }

        var facts = SourceModels.BodyOf(method, compilation, cancellationToken) is (var body, _)
            ? (body.Descendants().OfType<IInvocationOperation>().Any(c => IsHashing(c.TargetMethod)), WritesAFile(body))
            : (false, false);
        cache.TryAdd(method, facts);
        return facts;
    }

    private static bool WritesAFile(IOperation body) => body.Descendants().Any(o => o switch
    {
        IInvocationOperation c => WrittenPath(c) is not null || StreamCopies.Contains(c.TargetMethod),
        IObjectCreationOperation { Type: { } type } creation => type.ToDisplayString() == "System.IO.FileStream" && CreatesFile(creation),
        _ => false,
    });

    /// <summary>A helper that downloads the URL of parameter <see cref="UrlParameter"/>, and whether it writes the bytes to a file itself.</summary>
    private sealed class HelperDownload
    {
        public HelperDownload(int urlParameter, bool writesFile)
        {
            UrlParameter = urlParameter;
            WritesFile = writesFile;
        }

        public int UrlParameter { get; }

        public bool WritesFile { get; }
    }
}
