using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>What OM1003 and OM1004 need to know about one download: its URL, and whether the method around it stores or loads a model and hashes.</summary>
internal sealed class ModelDownload
{
    private static readonly MemberSet DownloadMethods = new(
        "System.Net.Http.HttpClient.GetAsync", "System.Net.Http.HttpClient.GetByteArrayAsync", "System.Net.Http.HttpClient.GetStreamAsync",
        "System.Net.WebClient.DownloadFile", "System.Net.WebClient.DownloadFileTaskAsync", "System.Net.WebClient.DownloadData", "System.Net.WebClient.DownloadDataTaskAsync");

    private static readonly MemberSet FileWrites = new(
        "System.IO.File.WriteAllBytes", "System.IO.File.WriteAllBytesAsync", "System.IO.File.Create", "System.IO.File.OpenWrite", "System.IO.File.Move");

    private static readonly ImmutableHashSet<string> HashTypes = ImmutableHashSet.Create(
        "System.Security.Cryptography.SHA256", "System.Security.Cryptography.SHA384", "System.Security.Cryptography.SHA512",
        "System.Security.Cryptography.IncrementalHash", "System.Security.Cryptography.CryptographicOperations");

    private ModelDownload(ResolvedValue url, bool storesOrLoadsModel, bool hashes)
    {
        Url = url;
        StoresOrLoadsModel = storesOrLoadsModel;
        Hashes = hashes;
    }

    public ResolvedValue Url { get; }

    /// <summary>The downloaded bytes can end up as a model: a catalogue loader runs here, or a file with a model or dataset extension is written.</summary>
    public bool StoresOrLoadsModel { get; }

    public bool Hashes { get; }

    /// <summary>The download a call makes, judged with the method around it; null for every call that is not a download.</summary>
    public static ModelDownload? Of(IInvocationOperation call, Configuration.AppSettings settings, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (!DownloadMethods.Contains(call.TargetMethod)
            || call.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "address") is not { } url)
        {
            return null;
        }

        var root = OperationRoot.Of(call);
        var resolver = new ValueResolver(compilation, settings, cancellationToken);
        var storesOrLoads = root.Descendants().OfType<IObjectCreationOperation>()
            .Any(creation => creation.Constructor is { } constructor && LoaderCatalog.Find(constructor) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset });
        var hashes = false;
        foreach (var other in root.Descendants().OfType<IInvocationOperation>())
        {
            storesOrLoads |= LoaderCatalog.Find(other.TargetMethod) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset }
                || (FileWrites.Contains(other.TargetMethod) && other.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String) is { } path
                    && IsArtifactPath(resolver.Resolve(path.Value)));
            hashes |= HashTypes.Contains(other.TargetMethod.ContainingType?.ToDisplayString() ?? string.Empty) || CallsHashing(other.TargetMethod, compilation, cancellationToken);
        }

        return new ModelDownload(resolver.Resolve(url.Value), storesOrLoads, hashes);
    }

    public static bool IsArtifactPath(ResolvedValue value) =>
        value.IsResolved && value.Candidates.Any(c =>
        {
            var extension = ArtifactPath.Extension(ArtifactPath.Normalize(c.Split('?')[0]));
            return ArtifactExtensions.IsModel(extension) || ArtifactExtensions.IsDataset(extension) || extension is ".bin" or ".pb";
        });

    /// <summary>A helper declared in source that hashes counts (VerifySha256(path)), one level deep.</summary>
    private static bool CallsHashing(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken) =>
        SourceModels.BodyOf(method, compilation, cancellationToken) is (var body, _)
        && body.Descendants().OfType<IInvocationOperation>().Any(c => HashTypes.Contains(c.TargetMethod.ContainingType?.ToDisplayString() ?? string.Empty));
}
