using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>What OM1003 and OM1004 need to know about a method: its downloads, whether it stores or loads a model, whether it hashes.</summary>
internal sealed class ModelDownloads
{
    private static readonly ImmutableHashSet<string> DownloadMethods = ImmutableHashSet.Create(
        "System.Net.Http.HttpClient.GetAsync", "System.Net.Http.HttpClient.GetByteArrayAsync", "System.Net.Http.HttpClient.GetStreamAsync",
        "System.Net.WebClient.DownloadFile", "System.Net.WebClient.DownloadFileTaskAsync", "System.Net.WebClient.DownloadData", "System.Net.WebClient.DownloadDataTaskAsync");

    private static readonly ImmutableHashSet<string> FileWrites = ImmutableHashSet.Create(
        "System.IO.File.WriteAllBytes", "System.IO.File.WriteAllBytesAsync", "System.IO.File.Create", "System.IO.File.OpenWrite", "System.IO.File.Move");

    private static readonly ImmutableHashSet<string> HashTypes = ImmutableHashSet.Create(
        "System.Security.Cryptography.SHA256", "System.Security.Cryptography.SHA384", "System.Security.Cryptography.SHA512",
        "System.Security.Cryptography.IncrementalHash", "System.Security.Cryptography.CryptographicOperations");

    private ModelDownloads(List<(IInvocationOperation Call, ResolvedValue Url)> downloads, bool storesOrLoadsModel, bool hashes)
    {
        Downloads = downloads;
        StoresOrLoadsModel = storesOrLoadsModel;
        Hashes = hashes;
    }

    public List<(IInvocationOperation Call, ResolvedValue Url)> Downloads { get; }

    /// <summary>The downloaded bytes can end up as a model: a catalogue loader runs here, or a file with a model or dataset extension is written.</summary>
    public bool StoresOrLoadsModel { get; }

    public bool Hashes { get; }

    private static readonly ImmutableHashSet<string> DownloadNames = DownloadMethods.Select(m => m.Substring(m.LastIndexOf('.') + 1)).ToImmutableHashSet();

    /// <summary>The facts of the method around a call, when the call is a download; null for every other call.</summary>
    public static ModelDownloads? AroundDownload(IInvocationOperation call, Configuration.AppSettings settings, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (!DownloadNames.Contains(call.TargetMethod.Name) || !DownloadMethods.Contains(Name(call.TargetMethod)))
        {
            return null;
        }

        return Of(OperationRoot.Of(call), new ValueResolver(compilation, settings, cancellationToken), compilation, cancellationToken);
    }

    private static ModelDownloads Of(IOperation root, ValueResolver resolver, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        var calls = root.Descendants().OfType<IInvocationOperation>().ToList();
        var downloads = new List<(IInvocationOperation, ResolvedValue)>();
        foreach (var call in calls)
        {
            if (DownloadMethods.Contains(Name(call.TargetMethod)) && call.Arguments.FirstOrDefault(a => a.Parameter?.Name is "requestUri" or "address") is { } url)
            {
                downloads.Add((call, resolver.Resolve(url.Value)));
            }
        }

        // Most methods download nothing: only the few that do pay for the rest.
        if (downloads.Count == 0)
        {
            return new ModelDownloads(downloads, false, false);
        }

        var storesOrLoads = false;
        var hashes = false;
        foreach (var creation in root.Descendants().OfType<IObjectCreationOperation>())
        {
            storesOrLoads |= creation.Constructor is { } constructor && LoaderCatalog.Find(constructor) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset };
        }

        foreach (var call in calls)
        {
            storesOrLoads |= LoaderCatalog.Find(call.TargetMethod) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset }
                || (FileWrites.Contains(Name(call.TargetMethod)) && call.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String) is { } path
                    && IsArtifactPath(resolver.Resolve(path.Value)));
            hashes |= HashTypes.Contains(call.TargetMethod.ContainingType?.ToDisplayString() ?? string.Empty) || CallsHashing(call.TargetMethod, compilation, cancellationToken);
        }

        return new ModelDownloads(downloads, storesOrLoads, hashes);
    }

    private static string Name(IMethodSymbol method) => method.ContainingType?.ToDisplayString() + "." + method.Name;

    public static bool IsArtifactPath(ResolvedValue value) =>
        value.IsResolved && value.Candidates.Any(c =>
        {
            var extension = ArtifactPath.Extension(ArtifactPath.Normalize(c.Split('?')[0]));
            return ArtifactExtensions.IsModel(extension) || ArtifactExtensions.IsDataset(extension) || extension is ".bin" or ".pb";
        });

    /// <summary>A helper of this compilation that hashes counts (VerifySha256(path)), one level deep.</summary>
    private static bool CallsHashing(IMethodSymbol method, Compilation compilation, System.Threading.CancellationToken cancellationToken)
    {
        if (method.DeclaringSyntaxReferences.FirstOrDefault() is not { } reference)
        {
            return false;
        }

#pragma warning disable RS1030 // One level deep, only in methods that download.
        var body = compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(reference.GetSyntax(cancellationToken), cancellationToken);
#pragma warning restore RS1030
        return body?.Descendants().OfType<IInvocationOperation>().Any(c => HashTypes.Contains(c.TargetMethod.ContainingType?.ToDisplayString() ?? string.Empty)) == true;
    }
}
