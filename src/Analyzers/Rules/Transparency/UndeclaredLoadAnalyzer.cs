using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using OpenModel.Contract;
using Microsoft.CodeAnalysis.Diagnostics;
using OpenModel.Analyzers.Catalog;
using OpenModel.Analyzers.Configuration;
using OpenModel.Analyzers.Declarations;
using OpenModel.Analyzers.Resolution;

namespace OpenModel.Analyzers.Rules.Transparency;

/// <summary>
/// Finds every catalogue load site once per method body and checks it against the project's declarations
/// (OM2001–OM2004), then reports declarations nothing loads (OM2005) at the end of the compilation.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class UndeclaredLoadAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        OM2000LoadSitesRecorded.Descriptor,
        OM2001ModelNotDeclared.Descriptor,
        OM2002DatasetNotDeclared.Descriptor,
        OM2003RemoteModelNotDeclared.Descriptor,
        OM2004PathNotVerifiable.Descriptor,
        OM2005DeclaredNeverLoaded.Descriptor,
        OM3008MalformedInput.Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext context)
    {
        var additionalFiles = context.Options.AdditionalFiles;
        var declarations = DeclarationSet.From(additionalFiles, context.CancellationToken);
        var settings = AppSettings.From(additionalFiles, context.CancellationToken);
        var state = new CompilationState(declarations);

        context.RegisterOperationBlockStartAction(block =>
        {
            var finder = new LoadSiteFinder(new ValueResolver(block.Compilation, settings, block.CancellationToken));
            var sites = new List<LoadSite>();
            block.RegisterOperationAction(
                operation =>
                {
                    if (finder.Find(operation.Operation) is { } site)
                    {
                        lock (sites)
                        {
                            sites.Add(site);
                        }
                    }
                },
                OperationKind.Invocation,
                OperationKind.ObjectCreation);
            block.RegisterOperationBlockEndAction(end =>
            {
                // Most blocks call no catalogue API: nothing to check, nothing to allocate.
                if (sites.Count == 0)
                {
                    return;
                }

                var consumed = new HashSet<SyntaxNode>(sites.Where(s => s.ConsumedFileRead is not null).Select(s => s.ConsumedFileRead!));
                foreach (var site in sites.Where(s => !consumed.Contains(s.Operation.Syntax)))
                {
                    var diagnostic = Check(site, declarations, state);
                    if (diagnostic is not null)
                    {
                        end.ReportDiagnostic(diagnostic);
                    }
                }
            });
        });

        context.RegisterCompilationEndAction(end =>
        {
            foreach (var problem in declarations.Problems.Concat(settings.Problems))
            {
                end.ReportDiagnostic(Diagnostic.Create(OM3008MalformedInput.Descriptor, problem.ToLocation(), problem.Path, problem.Message));
            }

            if (state.Evidence() is { } evidence)
            {
                end.ReportDiagnostic(evidence);
            }

            foreach (var artifact in state.NeverLoaded())
            {
                end.ReportDiagnostic(Diagnostic.Create(
                    OM2005DeclaredNeverLoaded.Descriptor,
                    Location.None,
                    artifact.ItemType,
                    artifact.Include,
                    System.IO.Path.GetFileName(artifact.DefiningProject)));
            }
        });
    }

    private static Diagnostic? Check(LoadSite site, DeclarationSet declarations, CompilationState state)
    {
        if (!site.Value.IsResolved)
        {
            state.MarkUnresolved(site.Kind);
            var what = site.Kind switch
            {
                LoadKind.RemoteModel => "model id",
                LoadKind.Dataset => "dataset path",
                LoadKind.Tokenizer => "tokenizer path",
                _ => "model path",
            };
            return Diagnostic.Create(OM2004PathNotVerifiable.Descriptor, site.Location, what, site.DisplayName, site.Value.Reason);
        }

        var undeclared = new List<string>();
        foreach (var candidate in site.Value.Candidates)
        {
            var matches = (site.Kind == LoadKind.RemoteModel
                ? declarations.MatchRemote(candidate)
                : declarations.MatchLocal(candidate, site.Entry.Kind == LoadKind.RawRead ? null : site.DeclaredAs)).ToList();
            if (matches.Count == 0)
            {
                undeclared.Add(site.Kind == LoadKind.RemoteModel ? candidate : ArtifactPath.Normalize(candidate));
            }

            foreach (var match in matches)
            {
                state.MarkLoaded(match, site.Location);
            }
        }

        if (undeclared.Count == 0)
        {
            return null;
        }

        var descriptor = site.Kind switch
        {
            LoadKind.RemoteModel => OM2003RemoteModelNotDeclared.Descriptor,
            LoadKind.Dataset => OM2002DatasetNotDeclared.Descriptor,
            _ => OM2001ModelNotDeclared.Descriptor,
        };
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.ItemType, site.Kind == LoadKind.RemoteModel ? DeclarationsFile.ModelItemType : site.DeclaredAs.ToString())
            .Add(DiagnosticProperties.Include, undeclared[0]);
        // A tokenizer is declared with its model (an AIModel), but the message says what was loaded.
        var loader = site.Kind == LoadKind.Tokenizer ? site.DisplayName + " (a tokenizer)" : site.DisplayName;
        return Diagnostic.Create(descriptor, site.Location, properties, loader, string.Join("', '", undeclared));
    }

    /// <summary>What the whole compilation has loaded, for OM2005.</summary>
    private sealed class CompilationState
    {
        private readonly DeclarationSet _declarations;
        private readonly ConcurrentDictionary<DeclaredArtifact, bool> _loaded = new();
        private readonly ConcurrentBag<(DeclaredArtifact Artifact, Location Location)> _sites = new();
        private readonly ConcurrentDictionary<LoadKind, bool> _unresolvedKinds = new();

        public CompilationState(DeclarationSet declarations) => _declarations = declarations;

        public void MarkLoaded(DeclaredArtifact artifact, Location location)
        {
            _loaded[artifact] = true;
            _sites.Add((artifact, location));
        }

        /// <summary>OM2000: every site that loads a declared artefact, in a stable order.</summary>
        public Diagnostic? Evidence()
        {
            var sites = _sites
                .Distinct()
                .OrderBy(s => s.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(s => s.Location.SourceSpan.Start)
                .ThenBy(s => s.Artifact.Include, System.StringComparer.Ordinal)
                .ToList();
            if (sites.Count == 0)
            {
                return null;
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            for (var i = 0; i < sites.Count; i++)
            {
                properties.Add(DiagnosticProperties.SitePrefix + i, DiagnosticProperties.Site(sites[i].Artifact.ItemType.ToString(), sites[i].Artifact.Include));
            }

            return Diagnostic.Create(OM2000LoadSitesRecorded.Descriptor, Location.None, sites.Select(s => s.Location), properties.ToImmutable(), sites.Count);
        }

        public void MarkUnresolved(LoadKind kind) => _unresolvedKinds[kind] = true;

        /// <summary>Declarations no site loads; a load the analyzer could not resolve might be the one, so those kinds are not reported.</summary>
        public IEnumerable<DeclaredArtifact> NeverLoaded() =>
            _declarations.LocalModelsAndDatasets
                .Where(a => !_loaded.ContainsKey(a))
                .Where(a => !CouldBeLoadedByUnresolvedSite(a));

        private bool CouldBeLoadedByUnresolvedSite(DeclaredArtifact artifact) => artifact switch
        {
            { IsRemote: true } => _unresolvedKinds.ContainsKey(LoadKind.RemoteModel),
            { ItemType: ArtifactItemType.AIDataset } => _unresolvedKinds.ContainsKey(LoadKind.Dataset),
            _ => _unresolvedKinds.ContainsKey(LoadKind.Model) || _unresolvedKinds.ContainsKey(LoadKind.Tokenizer),
        };
    }
}
