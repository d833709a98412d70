using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1001UntrustedModelPath
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.UntrustedModelPath,
        "Model, tokenizer or dataset path from untrusted input",
        "{0} reaches the path of {1}; validate it with Path.GetFileName or a Path.GetFullPath + StartsWith containment check",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "An attacker-chosen path lets a request load any file as a model: a pickle that runs code, a tokenizer that leaks a secret file, or a model swapped for a poisoned one.");

    /// <summary>
    /// Every catalogue loader of weights, tokenizers and datasets is a sink, with the argument the catalogue names; the
    /// catalogue's own matching (overrides, interfaces, namespace patterns) decides, so the tables cannot drift apart.
    /// </summary>
    public static TaintSink? SinkFor(IMethodSymbol method) =>
        LoaderCatalog.Find(method) is { Kind: LoadKind.Model or LoadKind.Tokenizer or LoadKind.Dataset } entry
            ? new TaintSink(Descriptor, TaintKind.Any, LoaderCatalog.MetadataName(method.ContainingType.OriginalDefinition), method.MethodKind == MethodKind.Constructor ? CatalogEntry.Constructor : method.Name, entry.PathParameters.ToArray())
            : null;
}
