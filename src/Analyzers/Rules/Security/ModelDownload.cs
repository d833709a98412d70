using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Rules.Security;

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
        if (!DownloadMethods.Contains(call.TargetMethod)
            || call.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "address") is not { } urlArgument)
        {
            return null;
        }

        var root = OperationRoot.Of(call);
        var resolver = new ValueResolver(compilation, settings, cancellationToken);
        var url = resolver.Resolve(urlArgument.Value);
        var literals = UrlLiteralFinder.Find(urlArgument.Value, compilation);
        var artifactUrl = IsArtifactPath(url) || literals.Any(l => IsArtifactPath(ResolvedValue.Of((string)l.ConstantValue.Value!)));

        var storesOrLoads = root.Descendants().OfType<IObjectCreationOperation>()
            .Any(creation => creation.Constructor is { } constructor && LoaderCatalog.Find(constructor) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset });
        var writesFile = false;
        var hashes = false;
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
                    hashes |= IsHashing(target) || CallsHashing(target, compilation, cancellationToken);
                    break;
                case IObjectCreationOperation { Type: { } type } creation when type.ToDisplayString() == "System.IO.FileStream" && CreatesFile(creation):
                    writesFile = true;
                    storesOrLoads |= creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "path") is { } path && IsArtifactDestination(path.Value, resolver);
                    break;
            }
        }

        return new ModelDownload(url, literals, storesOrLoads || (artifactUrl && writesFile), hashes);
    }

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
        SourceModels.BodyOf(method, compilation, cancellationToken) is (var body, _)
        && body.Descendants().OfType<IInvocationOperation>().Any(c => IsHashing(c.TargetMethod));

    /// <summary>A helper declared in source that writes a file (SaveAsync(stream, path)), one level deep.</summary>
    private static bool WritesFile(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        SourceModels.BodyOf(method, compilation, cancellationToken) is (var body, _)
        && body.Descendants().Any(o => o switch
        {
            IInvocationOperation c => WrittenPath(c) is not null || StreamCopies.Contains(c.TargetMethod),
            IObjectCreationOperation { Type: { } type } creation => type.ToDisplayString() == "System.IO.FileStream" && CreatesFile(creation),
            _ => false,
        });
}
