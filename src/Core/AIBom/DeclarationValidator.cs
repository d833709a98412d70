using OpenModel.Core.Artifacts;
using OpenModel.Core.Facts;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.IO;

namespace OpenModel.Core.AIBom;

/// <summary>
/// Checks the declarations as a whole before anything is built from them, so every fact in the BOM belongs to one item:
/// a path the platform cannot name is OM3008; a declared document (ModelCard, DataCard, an AIComponent file) that does not
/// exist is OM3001 and is not counted; two items with one Name, one file or service declared twice, and one model card
/// claimed by two models are OM3009 naming both, and the second is left out — so bom-refs and MOF release file names are
/// unique by construction. A folder's README.md is the card of a model only when no other model there could be its subject.
/// </summary>
internal static class DeclarationValidator
{

    public static List<DeclaredArtifact> Validate(IReadOnlyList<DeclaredArtifact> artifacts, string projectFile, DiagnosticBag diagnostics)
    {
        var present = artifacts.Select(a => Present(a, projectFile, diagnostics)).OfType<DeclaredArtifact>().ToList();
        var unique = Unique(present, projectFile, diagnostics);
        return OwnCards(unique, projectFile, diagnostics);
    }

    private static string Describe(DeclaredArtifact d) => d.Describe();

    /// <summary>The item with its missing or unnameable documents removed, or null when the item itself cannot be used.</summary>
    private static DeclaredArtifact? Present(DeclaredArtifact declaration, string projectFile, DiagnosticBag diagnostics)
    {
        if (!RegularFile.IsValidPath(declaration.Include))
        {
            diagnostics.Add(BuildRules.MalformedInput, $"{declaration.ItemType} '{RegularFile.Printable(declaration.Include)}' is not a valid path (it holds a NUL or another invalid character); it is left out of the AI-BOM", projectFile);
            return null;
        }

        if (declaration is DeclaredModel { ModelCard: { } card } model && !DocumentPresent(model, "ModelCard", card, projectFile, diagnostics))
        {
            declaration = model with { ModelCard = null, MayUseFolderReadme = false };
        }

        if (declaration is DeclaredDataset { DataCard: { } dataCard } dataset && !DocumentPresent(dataset, "DataCard", dataCard, projectFile, diagnostics))
        {
            declaration = dataset with { DataCard = null };
        }

        if (declaration is DeclaredComponent component && component.IsLocal && RegularFile.Probe(component.FullPath).Kind is var kind && kind is not (FileKind.Regular or FileKind.Directory))
        {
            diagnostics.Add(BuildRules.ArtifactNotFound, $"{Describe(component)} (Kind '{component.ComponentKind}'): {RegularFile.Problem(component.FullPath)}; it is not counted as present", projectFile);
            return null;
        }

        return declaration;
    }

    private static bool DocumentPresent(DeclaredArtifact declaration, string document, string path, string projectFile, DiagnosticBag diagnostics)
    {
        var problem = RegularFile.IsValidPath(path) ? RegularFile.Problem(declaration.Item.FullPathOf(path)) : RegularFile.Problem(path);
        if (problem is not null)
        {
            diagnostics.Add(RegularFile.IsValidPath(path) ? BuildRules.ArtifactNotFound : BuildRules.MalformedInput, $"the {document} of {Describe(declaration)}: {problem}; it is not counted as present", projectFile);
        }

        return problem is null;
    }

    private static List<DeclaredArtifact> Unique(List<DeclaredArtifact> declarations, string projectFile, DiagnosticBag diagnostics)
    {
        var byRef = new Dictionary<string, DeclaredArtifact>(StringComparer.Ordinal);
        var byFile = new Dictionary<string, DeclaredArtifact>(StringComparer.Ordinal);
        var byName = new Dictionary<string, DeclaredArtifact>(StringComparer.OrdinalIgnoreCase);
        var kept = new List<DeclaredArtifact>();
        foreach (var d in declarations)
        {
            var bomRef = d.BomRef;
            var nameKey = $"{d.Kind}\n{d.Name}";
            string? clash = null;
            if (byRef.TryGetValue(bomRef, out var first))
            {
                clash = $"{Describe(first)} and {Describe(d)} declare the same {(d is DeclaredService ? "model service" : d.IsLocal ? "file" : "artefact")} '{d.Include}'";
            }
            else if (d.Kind != ArtifactKind.Component && d.IsLocal && byFile.TryGetValue(d.FullPath, out first))
            {
                clash = $"{Describe(first)} and {Describe(d)} declare the same file '{d.RelativePath}'";
            }
            else if (d.Kind != ArtifactKind.Component && byName.TryGetValue(nameKey, out first))
            {
                clash = $"{Describe(first)} and {Describe(d)} have the same name '{d.Name}'";
            }

            if (clash is not null)
            {
                diagnostics.Add(BuildRules.ConflictingDeclarations, $"{clash}; each artefact is declared once, under a name of its own — the second is left out of the AI-BOM", projectFile);
                continue;
            }

            byRef[bomRef] = d;
            if (d.Kind != ArtifactKind.Component)
            {
                byName[nameKey] = d;
                if (d.IsLocal)
                {
                    byFile[d.FullPath] = d;
                }
            }

            kept.Add(d);
        }

        return kept;
    }

    /// <summary>Each model card describes one model: a card claimed twice, or a folder README two models could claim, is no one's second card.</summary>
    private static List<DeclaredArtifact> OwnCards(List<DeclaredArtifact> declarations, string projectFile, DiagnosticBag diagnostics)
    {
        var result = declarations.ToList();
        var models = Enumerable.Range(0, result.Count).Where(i => result[i] is DeclaredModel { IsService: false }).ToList();
        DeclaredModel Model(int i) => (DeclaredModel)result[i];
        void NoCard(int i) => result[i] = Model(i) with { ModelCard = null, MayUseFolderReadme = false };

        var claimed = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var i in models.Where(i => Model(i).ModelCard is not null))
        {
            var card = result[i].Item.FullPathOf(Model(i).ModelCard!);
            if (claimed.TryGetValue(card, out var owner))
            {
                diagnostics.Add(BuildRules.ConflictingDeclarations, $"{Describe(result[owner])} and {Describe(result[i])} both declare the model card '{Model(i).ModelCard}'; a card describes one model — give each model its own card", projectFile);
                NoCard(i);
                continue;
            }

            claimed[card] = i;
        }

        var candidates = models.Where(i => Model(i).ModelCard is null && Model(i).MayUseFolderReadme && result[i].IsLocal).ToList();
        foreach (var folder in candidates.GroupBy(i => Path.Combine(Path.GetDirectoryName(result[i].FullPath)!, "README.md"), StringComparer.Ordinal))
        {
            if (RegularFile.Probe(folder.Key).Kind != FileKind.Regular)
            {
                continue;
            }

            var others = folder.Select(i => Describe(result[i])).ToList();
            if (claimed.TryGetValue(folder.Key, out var owner))
            {
                others.Insert(0, Describe(result[owner]));
            }

            if (others.Count < 2)
            {
                continue;
            }

            foreach (var i in folder)
            {
                diagnostics.Add(BuildRules.ModelCardIncomplete, $"'{Path.GetRelativePath(result[i].ProjectDirectory, folder.Key).Replace('\\', '/')}' is not used as the model card of {Describe(result[i])}: it could describe any of {string.Join(", ", others)}; set ModelCard on each model", projectFile);
                NoCard(i);
            }
        }

        return result;
    }
}
