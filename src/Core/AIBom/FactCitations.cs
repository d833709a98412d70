using OpenModel.Core.CycloneDx;
using OpenModel.Core.Facts;

namespace OpenModel.Core.AIBom;

/// <summary>
/// CycloneDX 1.7 per-field provenance: for each licence, hash, model-card, dataset, inspection and load-site fact of the
/// finished BOM, a <c>citations[]</c> entry saying who supplied it and where it was read — the project file (a
/// declaration's metadata, with its line), the model card (with the line of the front-matter key), the package's
/// .nuspec, the file's own header, or the compiler's log of the analyzers (one citation per load site, on the evidence
/// occurrence that holds its file and line). The source follows the order the BOM builder takes facts in: a declared value, else the model card, else
/// the file's own metadata (<see cref="ArtifactFacts.LicenseFromFile"/>).
/// </summary>
public static class FactCitations
{
    public const string SpecVersion = "1.7";

    /// <summary>Stands in for the required citation timestamp when SOURCE_DATE_EPOCH gave the BOM none (said so in the note).</summary>
    private const string Epoch = "1970-01-01T00:00:00Z";

    public static void Add(Bom bom, BuildFacts facts, string projectFile)
    {
        if (bom.SpecVersion != SpecVersion || bom.Metadata.Tools?.Components?.FirstOrDefault() is not { } tool)
        {
            return;
        }

        tool.BomRef ??= $"tool:{tool.Group}/{tool.Name}@{tool.Version}";
        var timestamp = bom.Metadata.Timestamp ?? Epoch;
        var when = bom.Metadata.Timestamp is null ? "; time not recorded (SOURCE_DATE_EPOCH unset), the Unix epoch stands in" : string.Empty;
        var project = Path.GetFileName(projectFile);
        var root = bom.Metadata.Component;
        var citations = new List<Citation>();
        void Cite(string expression, string? by, string note) =>
            citations.Add(new Citation { Expressions = [expression], Timestamp = timestamp, AttributedTo = by ?? tool.BomRef, Note = note + when });

        if (root?.Licenses is not null)
        {
            Cite("$.metadata.component.licenses", root.BomRef, $"PackageLicenseExpression in {project}{At(facts.Sites.PropertyLine(projectFile, "PackageLicenseExpression"))}");
        }

        foreach (var package in (bom.Components ?? []).Where(c => c.Purl?.StartsWith("pkg:nuget/", StringComparison.Ordinal) == true))
        {
            var at = Select("components", package.BomRef!);
            if (package.Licenses is not null)
            {
                var source = facts.Packages.FirstOrDefault(p => p.Package.Purl == package.Purl)?.Package.LicenseSource;
                Cite(at + ".licenses", package.BomRef, $"the licence element of {package.Name} {package.Version}'s .nuspec" + (source is null ? string.Empty : $", {source} in the NuGet packages folder"));
            }

            if (package.Hashes is not null)
            {
                Cite(at + ".hashes", null, $"{package.Name.ToLowerInvariant()}.{package.Version}.nupkg.sha512 in the NuGet packages folder (the hash NuGet verified on restore)");
            }
        }

        foreach (var declaration in facts.Declarations.All)
        {
            var reference = declaration.BomRef;
            var (file, line) = facts.Sites.Of(declaration, projectFile);
            var declared = $"{declaration.ItemType} '{declaration.Include}' in {file}{At(line)}";
            if (declaration is DeclaredService remote)
            {
                if ((bom.Services ?? []).FirstOrDefault(s => s.BomRef == reference) is { } service)
                {
                    CiteService(service, remote, declared, root?.BomRef, Cite);
                }

                continue;
            }

            if ((bom.Components ?? []).FirstOrDefault(c => c.BomRef == reference) is { } component)
            {
                CiteComponent(component, declaration, facts.FactsOf(declaration), declared, root?.BomRef, Cite);
            }
        }

        bom.Citations = citations.Count > 0 ? citations : null;
    }

    private static void CiteService(Service service, DeclaredService declaration, string declared, string? project, Action<string, string?, string> cite)
    {
        var at = Select("services", service.BomRef!);
        if (service.Licenses is not null)
        {
            cite(at + ".licenses", project, $"LicenseExpression of {declared}");
        }

        if (service.Endpoints is not null)
        {
            cite(at + ".endpoints", declaration.Endpoint is null ? null : project,
                declaration.Endpoint is null ? $"OpenModel's known endpoint of provider '{service.Group}'" : $"Endpoint of {declared}");
        }
    }

    private static void CiteComponent(Component component, DeclaredArtifact declaration, ArtifactFacts? facts, string declared, string? project, Action<string, string?, string> cite)
    {
        var licenseFromFile = facts?.LicenseFromFile == true;
        var at = Select("components", component.BomRef!);
        var model = declaration as DeclaredModel;
        var card = model?.ModelCard?.Replace('\\', '/')
            ?? (Path.GetDirectoryName(declaration.RelativePath) is { Length: > 0 } folder ? $"{folder.Replace('\\', '/')}/README.md" : "README.md");
        string FromCard(string key) => $"the model card {card}{At(facts?.Card?.LineOf(key))}";
        if (component.Hashes is not null)
        {
            cite(at + ".hashes", null, $"SHA-256 computed by OpenModel.Sdk over {declaration.RelativePath}");
        }

        if (component.Licenses is not null)
        {
            (string? by, string note) source = declaration.License is not null ? (project, $"LicenseExpression of {declared}")
                : licenseFromFile ? (component.BomRef, $"the licence in {declaration.RelativePath}'s own metadata (file header)")
                : (component.BomRef, $"'license' in the front matter of {FromCard("license")}");
            cite(at + ".licenses", source.by, source.note);
        }

        foreach (var name in new[] { "openmodel:format", "openmodel:scan" })
        {
            if (component.Properties?.Any(p => p.Name == name) == true)
            {
                cite($"{at}.properties[?(@.name=='{name}')]", null, $"OpenModel's inspection of the header and structure of {declaration.RelativePath}");
            }
        }

        // Each load site on its own occurrence, which carries the file and line (a citation has no location of its own).
        foreach (var occurrence in component.Evidence?.Occurrences ?? [])
        {
            var where = occurrence.Line is { } line ? $"{occurrence.Location}:{line}" : occurrence.Location;
            var filter = $"@.location=={Literal(occurrence.Location)}" + (occurrence.Line is { } l ? $" && @.line=={l.ToString(System.Globalization.CultureInfo.InvariantCulture)}" : string.Empty);
            cite($"{at}.evidence.occurrences[?({filter})]", null, $"{where}, a load site the OpenModel analyzers reported (OM2000) in the compiler's SARIF log");
        }

        if (component.Data?.FirstOrDefault()?.Contents is not null)
        {
            cite(at + ".data[0].contents", project, $"Source of {declared}");
        }

        if (component.ModelCard is not { } modelCard)
        {
            return;
        }

        if (modelCard.ModelParameters?.Datasets is not null)
        {
            // The datasets are the declared TrainedOn names and then the card's: more entries than names means the card added some.
            var trainedOn = (model?.TrainedOn.Items ?? []).Distinct(StringComparer.OrdinalIgnoreCase).Count();
            if (trainedOn > 0)
            {
                cite(at + ".modelCard.modelParameters.datasets", project, $"TrainedOn of {declared}");
            }

            if (trainedOn < modelCard.ModelParameters.Datasets.Count)
            {
                cite(at + ".modelCard.modelParameters.datasets", component.BomRef, $"'datasets' in the front matter of {FromCard("datasets")}");
            }
        }

        if (modelCard.ModelParameters?.Task is not null)
        {
            cite(at + ".modelCard.modelParameters.task", model?.Task is null ? component.BomRef : project,
                model?.Task is null ? $"'pipeline_tag' in the front matter of {FromCard("pipeline_tag")}" : $"Task of {declared}");
        }

        if (modelCard.QuantitativeAnalysis is not null)
        {
            cite(at + ".modelCard.quantitativeAnalysis", component.BomRef, $"'model-index' results in the front matter of {FromCard("model-index")}");
        }

        if (modelCard.Considerations is not null)
        {
            var headings = facts?.Card?.Headings.Select(h => $"'{h.Title}' (line {h.Line.ToString(System.Globalization.CultureInfo.InvariantCulture)})").ToList() ?? [];
            cite(at + ".modelCard.considerations", component.BomRef, headings.Count == 0
                ? $"the intended use, limitations and risks sections of the model card {card}"
                : $"the section{(headings.Count > 1 ? "s" : string.Empty)} {(headings.Count > 1 ? string.Join(", ", headings[..^1]) + " and " + headings[^1] : headings[0])} of the model card {card}");
        }
    }

    /// <summary>JSONPath (RFC 9535) selecting the entry of <paramref name="collection"/> with this bom-ref.</summary>
    public static string Select(string collection, string bomRef) => $"$.{collection}[?(@['bom-ref']=={Literal(bomRef)})]";

    /// <summary>A JSONPath string literal in single quotes.</summary>
    private static string Literal(string text) =>
        $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    /// <summary>":12" after a file name when the line is known.</summary>
    private static string At(int? line) => line is { } l ? ":" + l.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
}
