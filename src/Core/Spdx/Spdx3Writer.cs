using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using OpenModel.Core.Artifacts;
using OpenModel.Core.Facts;

namespace OpenModel.Core.Spdx;

/// <summary>
/// SPDX 3.0.1 JSON-LD of a build's typed facts — the same <see cref="BuildFacts"/> the CycloneDX writer writes, never the
/// finished CycloneDX document — with the Core, Software, SimpleLicensing, AI and Dataset profiles: the project, its NuGet
/// packages (purl, version, hashes), models as <c>ai_AIPackage</c>, datasets as <c>dataset_DatasetPackage</c>, files and
/// chat templates, licences, the dependency graph and <c>trainedOn</c>/<c>testedOn</c> from the datasets' declared Usage.
/// Deterministic: identifiers derive from the AI-BOM's serial number and the facts' bom-refs, never from the clock.
/// <para>
/// A licence that is not an SPDX License List expression (a name such as "Foo-1.0", a package's own licence file or URL)
/// is a <c>LicenseRef-</c> expression whose <c>simplelicensing_customIdToUri</c> points at a
/// <c>simplelicensing_SimpleLicensingText</c> holding its text, or, when the build only knows its name, that name.
/// </para>
/// <para>
/// SPDX 3.0.1 has no service class: a hosted model (a CycloneDX <c>service</c>) is written as what it serves, an
/// <c>ai_AIPackage</c> with primary purpose <c>model</c>, <c>suppliedBy</c> its provider (an <c>Organization</c>), its
/// endpoint as an <c>externalRef</c> locator and a comment saying that it is hosted, not distributed — never hashes or a
/// download location, which a hosted model does not have.
/// </para>
/// </summary>
public static class Spdx3Writer
{
    public const string Context = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld";
    private const string CreationInfo = "_:creationinfo";

    /// <summary>Dataset Usage values that mean the model was evaluated on it; any other stated use is training.</summary>
    private static readonly string[] EvaluationUses = ["Evaluation", "Testing", "Validation"];

    /// <summary>
    /// The SPDX document of <paramref name="facts"/>. <paramref name="serialNumber"/> is the AI-BOM's
    /// (<c>urn:uuid:…</c>): the document's namespace is named after it, so the two documents of one build find each other.
    /// </summary>
    public static byte[] Write(BuildFacts facts, DocumentCreation creation, string? serialNumber)
    {
        var serial = serialNumber?.Replace("urn:uuid:", string.Empty, StringComparison.Ordinal) ?? "unnumbered";
        var document = new DocumentBuilder($"https://openmodel-sdk.github.io/spdx/{serial}/");
        return document.Write(facts, creation);
    }

    /// <summary>One element to write with what it declares: its licence and the bom-refs it depends on.</summary>
    private sealed record Artefact(string Ref, Dictionary<string, object?> Element, Licence? Licence, IEnumerable<string> DependsOn);

    /// <summary>
    /// A licence as stated: <see cref="Expression"/> when it is a listed SPDX expression, else its name, with its text or
    /// URL when the build read them (a package's licence file or licenseUrl).
    /// </summary>
    private sealed record Licence(string? Expression, string Name, string? Text, string? Url)
    {
        public static Licence? Of(StatedLicense? stated, string? text = null, string? url = null) =>
            stated is null ? null : new Licence(stated.Spdx?.Text, stated.Display, stated.Spdx is null ? text : null, stated.Spdx is null ? url : null);
    }

    private sealed class DocumentBuilder(string ns)
    {
        private readonly List<Dictionary<string, object?>> _graph = [];
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);

        public byte[] Write(BuildFacts facts, DocumentCreation creation)
        {
            var toolId = ns + "tool";
            var agentId = ns + "agent";
            _graph.Add(new()
            {
                ["type"] = "CreationInfo",
                ["@id"] = CreationInfo,
                ["specVersion"] = "3.0.1",
                ["created"] = creation.Timestamp ?? "1970-01-01T00:00:00Z",
                ["createdBy"] = new[] { agentId },
                ["createdUsing"] = new[] { toolId },
                ["comment"] = creation.Timestamp is null ? "created is the Unix epoch: the build is reproducible and SOURCE_DATE_EPOCH was not set" : null,
            });
            _graph.Add(Element("SoftwareAgent", agentId, $"{DocumentCreation.ToolGroup}/{DocumentCreation.ToolName}"));
            _graph.Add(Element("Tool", toolId, $"{DocumentCreation.ToolName} {creation.ToolVersion}".TrimEnd()));

            // The project first, then every component and every hosted model, each group in bom-ref order (as CycloneDX sorts them).
            var root = Project(facts);
            var artefacts = facts.Packages.Select(Package)
                .Concat(facts.Artifacts.SelectMany(Artifact))
                .OrderBy(a => a.Ref, StringComparer.Ordinal)
                .Prepend(root)
                .ToList();
            var organizations = new SortedDictionary<string, string>(StringComparer.Ordinal);
            artefacts.AddRange(facts.Declarations.Services.Select(s => HostedModel(s, organizations)).OrderBy(a => a.Ref, StringComparer.Ordinal));
            _graph.AddRange(artefacts.Select(a => a.Element));
            _graph.AddRange(organizations.Select(o => Element("Organization", o.Value, o.Key)));

            var relationships = new List<(string From, string Type, List<string> To)>();
            var licences = new Licences(ns, artefacts.Select(a => a.Licence?.Expression).OfType<string>());
            foreach (var artefact in artefacts.Where(a => a.Licence is not null))
            {
                relationships.Add((IdOf(artefact.Ref), "hasDeclaredLicense", [licences.IdOf(artefact.Licence!)]));
            }

            _graph.AddRange(licences.Elements());
            var known = artefacts.Select(a => a.Ref).ToHashSet(StringComparer.Ordinal);
            foreach (var artefact in artefacts.OrderBy(a => a.Ref, StringComparer.Ordinal))
            {
                var targets = artefact.DependsOn.Where(known.Contains).Select(IdOf).ToList();
                if (targets.Count > 0)
                {
                    relationships.Add((IdOf(artefact.Ref), "dependsOn", targets));
                }
            }

            relationships.AddRange(TrainingRelationships(facts, known));
            var relationshipIds = new List<string>();
            foreach (var (from, type, to) in relationships.OrderBy(r => r.From, StringComparer.Ordinal).ThenBy(r => r.Type, StringComparer.Ordinal))
            {
                var id = ns + "relationship/" + (relationshipIds.Count + 1).ToString(CultureInfo.InvariantCulture);
                relationshipIds.Add(id);
                _graph.Add(new()
                {
                    ["type"] = "Relationship",
                    ["spdxId"] = id,
                    ["creationInfo"] = CreationInfo,
                    ["from"] = from,
                    ["relationshipType"] = type,
                    ["to"] = to.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                });
            }

            var elements = artefacts.Select(a => IdOf(a.Ref)).Concat(organizations.Values).Concat(licences.Ids).Concat(relationshipIds).ToList();
            var sbomId = ns + "sbom";
            _graph.Insert(3, new()
            {
                ["type"] = "software_Sbom",
                ["spdxId"] = sbomId,
                ["creationInfo"] = CreationInfo,
                ["rootElement"] = new[] { IdOf(root.Ref) },
                ["element"] = elements,
                ["software_sbomType"] = new[] { "build" },
            });
            _graph.Insert(3, new()
            {
                ["type"] = "SpdxDocument",
                ["spdxId"] = ns + "document",
                ["creationInfo"] = CreationInfo,
                ["name"] = $"AI-BOM of {facts.Project.Name} {facts.Project.Version}".TrimEnd(),
                ["rootElement"] = new[] { sbomId },
                ["element"] = elements.Prepend(sbomId).Prepend(toolId).Prepend(agentId).ToList(),
                ["profileConformance"] = new[] { "core", "software", "simpleLicensing", "ai", "dataset" },
            });

            // Absent facts are left out, not written as null (JSON-LD has no null values for these properties).
            foreach (var node in _graph)
            {
                foreach (var key in node.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    node.Remove(key);
                }
            }

            var bytes = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?> { ["@context"] = Context, ["@graph"] = _graph }, new JsonSerializerOptions
            {
                WriteIndented = true,
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            });
            return [.. bytes, (byte)'\n'];
        }

        private string IdOf(string bomRef) => _ids.TryGetValue(bomRef, out var id) ? id : _ids[bomRef] = ns + "element/" + Uri.EscapeDataString(bomRef);

        private Artefact Project(BuildFacts facts)
        {
            var project = facts.Project;
            var element = Package("software_Package", project.BomRef, project.Name, project.Description, PrimaryPurpose(project.Type));
            element["software_packageVersion"] = project.Version;
            element["software_packageUrl"] = project.BomRef;
            var dependsOn = facts.DirectDependencies
                .Concat(facts.Artifacts.Select(a => a.Declared.BomRef))
                .Concat(facts.Declarations.Services.Select(s => s.BomRef));
            return new Artefact(project.BomRef, element, Licence.Of(StatedLicense.Of(facts.ProjectLicense)), dependsOn);
        }

        private Artefact Package(PackageFacts facts)
        {
            var package = facts.Package;
            var element = Package("software_Package", package.BomRef, package.Id, package.Description, "library", package.Sha512Hex is { } sha512 ? ("sha512", sha512) : null);
            element["software_packageVersion"] = package.Version;
            element["software_packageUrl"] = package.IsProject ? null : package.Purl;
            element["software_downloadLocation"] = package.IsProject ? null : $"https://www.nuget.org/packages/{package.Id}/{package.Version}";
            return new Artefact(package.BomRef, element, Licence.Of(facts.License, package.LicenseFileText, package.LicenseUrl), package.DependsOn);
        }

        /// <summary>A declared artefact, then the chat templates it carries (files it depends on).</summary>
        private IEnumerable<Artefact> Artifact(ArtifactFacts facts)
        {
            var declared = facts.Declared;
            var type = declared.Kind switch
            {
                ArtifactKind.Model => "ai_AIPackage",
                ArtifactKind.Dataset => "dataset_DatasetPackage",
                _ => "software_File",
            };
            var purpose = declared.Kind switch
            {
                ArtifactKind.Model => "model",
                ArtifactKind.Dataset => "data",
                _ => null,
            };
            var element = Package(type, declared.BomRef, declared.Name, declared.Description, purpose, facts.Sha256 is { } sha256 ? ("sha256", sha256) : null);
            if (declared.Kind != ArtifactKind.Component)
            {
                element["software_packageVersion"] = declared.Version;
                element["software_packageUrl"] = declared.Kind == ArtifactKind.Model ? HuggingFaceSource.ModelPurl(declared.SourceUrl, declared.SourceRevision) : null;
                element["software_downloadLocation"] = declared.IsUrl && Uri.IsWellFormedUriString(declared.Include, UriKind.Absolute) ? declared.Include : declared.SourceUrl;
            }

            if (facts.ModelCard is { HasContent: true } card)
            {
                element["ai_typeOfModel"] = card.Task is { } task ? new[] { task } : null;
                element["ai_limitation"] = card.Limitations.Count > 0 ? string.Join(" ", card.Limitations) : null;
                element["ai_metric"] = card.Metrics.Count > 0
                    ? card.Metrics.Select(m => new Dictionary<string, object?> { ["type"] = "DictionaryEntry", ["key"] = m.Dataset is null ? m.Type : $"{m.Type} ({m.Dataset})", ["value"] = m.Value }).ToList()
                    : null;
            }

            if (declared.Kind == ArtifactKind.Dataset)
            {
                // The declarations do not say what kind of data it is; SPDX requires the field, so it says so.
                element["dataset_datasetType"] = new[] { "noAssertion" };
            }

            var templates = facts.ChatTemplates
                .Select(t => new Artefact(t.BomRef(declared), Package("software_File", t.BomRef(declared), t.Name(declared), t.Description(declared), null, ("sha256", t.Part.Sha256)), null, []))
                .ToList();
            var dependsOn = (facts.ModelCard?.Datasets ?? []).Select(d => d.Ref).OfType<string>().Concat(templates.Select(t => t.Ref)).ToList();
            return templates.Prepend(new Artefact(declared.BomRef, element, Licence.Of(facts.StatedLicense), dependsOn));
        }

        private Artefact HostedModel(DeclaredService service, SortedDictionary<string, string> organizations)
        {
            var element = Element("ai_AIPackage", IdOf(service.BomRef), service.Provider is null ? service.ServiceName : $"{service.Provider}:{service.ServiceName}");
            element["description"] = service.Description;

            // Calls to a hosted model are always authenticated and cross a trust boundary (the CycloneDX service says so too).
            element["comment"] = "A hosted model this software calls over the network (a CycloneDX service in the AI-BOM): it is not distributed with the software; calls are authenticated; calls cross a trust boundary.";
            element["software_packageVersion"] = service.Version;
            element["software_primaryPurpose"] = "model";
            if (HostedModelProviders.ProviderName(service) is { } provider)
            {
                element["suppliedBy"] = organizations.TryGetValue(provider, out var supplier) ? supplier : organizations[provider] = ns + "organization/" + Uri.EscapeDataString(provider);
            }

            element["externalRef"] = HostedModelProviders.Endpoint(service) is { } endpoint && Uri.IsWellFormedUriString(endpoint, UriKind.Absolute)
                ? new[] { new Dictionary<string, object?> { ["type"] = "ExternalRef", ["externalRefType"] = "other", ["locator"] = new[] { endpoint }, ["comment"] = "service endpoint" } }
                : null;
            return new Artefact(service.BomRef, element, Licence.Of(StatedLicense.Of(service.License)), []);
        }

        /// <summary>An element with what every package and file states: its name, description, hash and primary purpose.</summary>
        private Dictionary<string, object?> Package(string type, string bomRef, string name, string? description, string? purpose, (string Algorithm, string Value)? hash = null)
        {
            var element = Element(type, IdOf(bomRef), name);
            element["description"] = description;
            element["verifiedUsing"] = hash is { } h ? new[] { new Dictionary<string, object?> { ["type"] = "Hash", ["algorithm"] = h.Algorithm, ["hashValue"] = h.Value.ToLowerInvariant() } } : null;
            element["software_primaryPurpose"] = purpose;
            return element;
        }

        /// <summary>
        /// trainedOn and testedOn from the datasets a model names (TrainedOn, its card) and their declared Usage: an
        /// evaluation use (<see cref="EvaluationUses"/>) is testedOn; no Usage, or any other use, is trainedOn.
        /// </summary>
        private IEnumerable<(string, string, List<string>)> TrainingRelationships(BuildFacts facts, HashSet<string> known)
        {
            foreach (var model in facts.Artifacts.Where(a => a.Declared.Kind == ArtifactKind.Model).OrderBy(a => a.Declared.BomRef, StringComparer.Ordinal))
            {
                var datasets = (model.ModelCard?.Datasets ?? []).Select(d => d.Dataset).OfType<DeclaredDataset>().Where(d => known.Contains(d.BomRef)).ToList();
                var trained = datasets.Where(d => d.Usage.Items.Count == 0 || d.Usage.Items.Any(u => !EvaluationUses.Contains(u, StringComparer.OrdinalIgnoreCase))).Select(d => IdOf(d.BomRef)).ToList();
                var tested = datasets.Where(d => d.Usage.Items.Any(u => EvaluationUses.Contains(u, StringComparer.OrdinalIgnoreCase))).Select(d => IdOf(d.BomRef)).ToList();
                if (trained.Count > 0)
                {
                    yield return (IdOf(model.Declared.BomRef), "trainedOn", trained);
                }

                if (tested.Count > 0)
                {
                    yield return (IdOf(model.Declared.BomRef), "testedOn", tested);
                }
            }
        }

        private static string? PrimaryPurpose(string projectType) => projectType is "application" or "library" ? projectType : null;
    }

    /// <summary>
    /// The licence elements of one document, once each: a listed expression as itself; anything else as a
    /// <c>LicenseRef-</c> expression mapped to the <c>simplelicensing_SimpleLicensingText</c> that holds it.
    /// </summary>
    private sealed class Licences(string ns, IEnumerable<string> listedExpressions)
    {
        private readonly SortedDictionary<string, string> _expressions = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Ref, Licence Licence)> _custom = new(StringComparer.Ordinal);

        // A LicenseRef a stated expression already uses ("LicenseRef-Gemma") names that licence: a custom one never takes it.
        private readonly HashSet<string> _refs = listedExpressions.SelectMany(e => e.Split([' ', '(', ')'], StringSplitOptions.RemoveEmptyEntries)).ToHashSet(StringComparer.Ordinal);

        /// <summary>The licence elements' ids, in the order <see cref="Elements"/> writes them.</summary>
        public IEnumerable<string> Ids => _expressions.Values.Concat(Custom.SelectMany(c => new[] { ExpressionId(c.Ref), TextId(c.Ref) }));

        private IEnumerable<(string Ref, Licence Licence)> Custom => _custom.Values.OrderBy(c => c.Ref, StringComparer.Ordinal);

        public string IdOf(Licence licence)
        {
            if (licence.Expression is { } expression)
            {
                return _expressions.TryGetValue(expression, out var id) ? id : _expressions[expression] = ns + "license/" + Uri.EscapeDataString(expression);
            }

            // One custom licence per name and text: a package's own licence file is a licence of its own.
            var key = $"{licence.Name}\n{licence.Url}\n{licence.Text}";
            if (!_custom.TryGetValue(key, out var custom))
            {
                _custom[key] = custom = (UniqueRef(licence.Name), licence);
            }

            return ExpressionId(custom.Ref);
        }

        public IEnumerable<Dictionary<string, object?>> Elements()
        {
            foreach (var (expression, id) in _expressions)
            {
                yield return Expression(id, expression, null);
            }

            foreach (var (reference, licence) in Custom)
            {
                yield return Expression(ExpressionId(reference), reference, new[] { new Dictionary<string, object?> { ["type"] = "DictionaryEntry", ["key"] = reference, ["value"] = TextId(reference) } });
                yield return new()
                {
                    ["type"] = "simplelicensing_SimpleLicensingText",
                    ["spdxId"] = TextId(reference),
                    ["creationInfo"] = CreationInfo,
                    ["name"] = licence.Name,
                    ["comment"] = licence.Text is null
                        ? $"The licence is stated as '{licence.Name}', which is not an SPDX License List expression; its text was not available to the build{(licence.Url is null ? string.Empty : ", only its URL")}."
                        : "Not on the SPDX License List: the text is the package's own licence file.",
                    ["simplelicensing_licenseText"] = licence.Text ?? (licence.Url is { } url ? $"{licence.Name}: {url}" : licence.Name),
                    ["externalRef"] = licence.Url is { } locator && Uri.IsWellFormedUriString(locator, UriKind.Absolute)
                        ? new[] { new Dictionary<string, object?> { ["type"] = "ExternalRef", ["externalRefType"] = "license", ["locator"] = new[] { locator } } }
                        : null,
                };
            }
        }

        private static Dictionary<string, object?> Expression(string id, string expression, object? customIdToUri) => new()
        {
            ["type"] = "simplelicensing_LicenseExpression",
            ["spdxId"] = id,
            ["creationInfo"] = CreationInfo,
            ["simplelicensing_licenseExpression"] = expression,
            ["simplelicensing_customIdToUri"] = customIdToUri,
        };

        private string ExpressionId(string reference) => ns + "license/" + Uri.EscapeDataString(reference);

        private string TextId(string reference) => ns + "license-text/" + Uri.EscapeDataString(reference);

        /// <summary>"Foo 1.0 (custom)" → "LicenseRef-Foo-1.0-custom": SPDX idstrings are letters, digits, '.' and '-'; a clash gets a number.</summary>
        private string UniqueRef(string name)
        {
            var idstring = string.Join('-', new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c == '.' ? c : '-').ToArray()).Split('-', StringSplitOptions.RemoveEmptyEntries));
            var reference = "LicenseRef-" + (idstring.Length > 0 ? idstring : "unnamed");
            var candidate = reference;
            for (var n = 2; !_refs.Add(candidate); n++)
            {
                candidate = $"{reference}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            return candidate;
        }
    }

    private static Dictionary<string, object?> Element(string type, string id, string name) => new()
    {
        ["type"] = type,
        ["spdxId"] = id,
        ["creationInfo"] = CreationInfo,
        ["name"] = name,
    };
}
