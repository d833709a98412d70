using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using OpenModel.Core.AIBom;
using OpenModel.Core.Facts;
using OpenModel.Core.Artifacts;
using OpenModel.Core.Build;
using OpenModel.Core.Hashing;
using OpenModel.Core.Openness;

namespace OpenModel.Sdk.Tasks;

/// <summary>Writes &lt;AssemblyName&gt;.aibom.cdx.json: translates MSBuild inputs for OpenModel.Core and its findings back to the build log.</summary>
public sealed class GenerateAIBom : OpenModelTask
{
    [Required]
    public string ProjectFile { get; set; } = string.Empty;

    [Required]
    public string ProjectName { get; set; } = string.Empty;

    [Required]
    public string OutputFile { get; set; } = string.Empty;

    public string? ProjectVersion { get; set; }

    public string? OutputType { get; set; }

    public string? Description { get; set; }

    public string? Authors { get; set; }

    public string? PackageLicenseExpression { get; set; }

    public string? RepositoryUrl { get; set; }

    public string? RepositoryCommit { get; set; }

    public ITaskItem[] Models { get; set; } = [];

    public ITaskItem[] Datasets { get; set; } = [];

    public ITaskItem[] Components { get; set; } = [];

    public string? AssetsFile { get; set; }

    public string? ErrorLog { get; set; }

    public string? CacheFile { get; set; }

    /// <summary>Hash every artefact afresh whatever the cache says (ContinuousIntegrationBuild, AIBomRehash).</summary>
    public bool Rehash { get; set; }

    public string SpecVersion { get; set; } = "1.6";

    public string[] KnownLicenseRefs { get; set; } = [];

    public string? PackageTags { get; set; }

    public string? OpennessMinimumClass { get; set; }

    public string[] OpennessClaims { get; set; } = [];

    public string[] AllowedLicenses { get; set; } = [];

    public string[] DeniedLicenses { get; set; } = [];

    public bool OpennessTreatWarningsAsErrors { get; set; }

    /// <summary>AIBomComplianceProfiles: the BOM is completed for these profiles (known facts filled, gaps marked unknown).</summary>
    public string[] ComplianceProfiles { get; set; } = [];

    /// <summary>AIBomInfrastructureSoftware: the runtime, operating system or hosting platform the AI system runs on.</summary>
    public string[] InfrastructureSoftware { get; set; } = [];

    /// <summary>AIBomInfrastructureHardware: the hardware it runs on ("withheld": known, not disclosed).</summary>
    public string[] InfrastructureHardware { get; set; } = [];

    /// <summary>AIBomFormats: CycloneDX is always written; SPDX3 adds SPDX 3.0.1 JSON-LD at <see cref="SpdxOutputFile"/>.</summary>
    public string[] Formats { get; set; } = [];

    public string? SpdxOutputFile { get; set; }

    /// <summary>Where the openness report goes; empty for none. The HTML page is written beside it.</summary>
    public string? ReportFile { get; set; }

    /// <summary>Where the reviewer page goes (Markdown; the HTML page beside it); empty for none.</summary>
    public string? ReviewReportFile { get; set; }

    /// <summary>AIBomPreviousPath: the previous release's AI-BOM, whose differences the reviewer page starts with.</summary>
    public string? PreviousBomFile { get; set; }

    public override bool Execute()
    {
        try
        {
            var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(ProjectFile))!;
            var cache = CacheFile is { Length: > 0 } ? ArtifactFactCache.Load(CacheFile, Rehash) : ArtifactFactCache.InMemory();
            var request = new AIBomRequest
            {
                Project = new ProjectInfo
                {
                    Name = ProjectName,
                    Directory = projectDirectory,
                    Version = ProjectVersion is { Length: > 0 } version ? version : "1.0.0",
                    Type = OutputType is "Exe" or "WinExe" ? "application" : "library",
                    Description = Empty(Description),
                    Authors = Empty(Authors),
                    LicenseExpression = Empty(PackageLicenseExpression),
                    RepositoryUrl = Empty(RepositoryUrl),
                    RepositoryCommit = Empty(RepositoryCommit),
                    Tags = (PackageTags ?? string.Empty).Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                },
                Artifacts = Declarations(ArtifactKind.Model, Models, projectDirectory)
                    .Concat(Declarations(ArtifactKind.Dataset, Datasets, projectDirectory))
                    .Concat(Declarations(ArtifactKind.Component, Components, projectDirectory))
                    .ToList(),
                AssetsFilePath = Empty(AssetsFile),
                SarifPath = SarifPath(projectDirectory),
                SpecVersion = SpecVersion,
                SourceDateEpoch = Environment.GetEnvironmentVariable("SOURCE_DATE_EPOCH"),
                KnownLicenseRefs = new HashSet<string>(KnownLicenseRefs, StringComparer.OrdinalIgnoreCase),
                Cache = cache,
                Openness = new OpennessOptions
                {
                    MinimumClass = Empty(OpennessMinimumClass),
                    Claims = OpennessClaims,
                    AllowedLicenses = AllowedLicenses,
                    DeniedLicenses = DeniedLicenses,
                    TreatWarningsAsErrors = OpennessTreatWarningsAsErrors,
                },
            };

            var result = AIBomBuilder.Build(request, ProjectFile);
            Report(result.Diagnostics);
            if (!ComplianceProfileList.TryResolve(ComplianceProfiles, Log, ProjectFile, out var profiles))
            {
                return false;
            }

            var infrastructure = InfrastructureSoftware.Length + InfrastructureHardware.Length == 0
                ? null
                : new OpenModel.Core.Release.Compliance.DeclaredInfrastructure(InfrastructureSoftware, InfrastructureHardware, Path.GetFileName(ProjectFile));
            OpenModel.Core.Release.Compliance.ComplianceFacts.Apply(result.Bom, profiles, Empty(Authors), infrastructure);
            var formats = BuildOutputs.Formats(Formats, ProjectFile, out var formatProblem);
            if (formatProblem is not null)
            {
                BuildLog.Write(Log, [formatProblem]);
                return false;
            }

            OpenModel.Core.CycloneDx.Bom? previous = null;
            if (Empty(PreviousBomFile) is { } previousPath)
            {
                previous = OpenModel.Core.CycloneDx.BomReader.TryRead(Path.GetFullPath(Path.Combine(projectDirectory, previousPath)), out var previousProblem);
                if (previousProblem is not null)
                {
                    // A release compared with nothing would read as "nothing changed": the build fails instead.
                    BuildLog.Fatal(Log, OpenModel.Core.Diagnostics.BuildRules.MalformedInput, previousProblem.File, $"AIBomPreviousPath: {previousProblem.Message}");
                    return false;
                }
            }

            var outputs = BuildOutputs.Files(result, new OutputRequest
            {
                ProjectName = ProjectName,
                BomPath = OutputFile,
                Formats = formats,
                SpdxPath = Empty(SpdxOutputFile),
                ReportPath = Empty(ReportFile),
                ReviewPath = Empty(ReviewReportFile),
                Previous = previous,
            });
            foreach (var output in outputs)
            {
                OutputFiles.WriteIfChanged(output.Path, output.Content);
            }

            cache.Save();
            return !Log.HasLoggedErrors;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            BuildLog.Fatal(Log, OpenModel.Core.Diagnostics.BuildRules.MalformedInput, OutputFile, $"the AI-BOM could not be written: {e.Message}");
            return false;
        }
        catch (Exception e)
        {
            // A defect of ours must still read as a finding about this project, not as MSB4018 or a stack trace.
            BuildLog.Fatal(Log, OpenModel.Core.Diagnostics.BuildRules.MalformedInput, ProjectFile, $"the AI-BOM was not written: OpenModel failed with {e.GetType().Name}: {e.Message} (please report this)");
            return false;
        }
    }

    private static IEnumerable<ArtifactDeclaration> Declarations(ArtifactKind kind, ITaskItem[] items, string projectDirectory) =>
        items.Select(item => new ArtifactDeclaration(
            kind,
            item.ItemSpec,
            item.CloneCustomMetadata().Keys.Cast<string>().ToDictionary(name => name, item.GetMetadata),
            projectDirectory)
        {
            DefinedIn = Empty(item.GetMetadata("DefiningProjectFullPath")),
        });

    /// <summary>ErrorLog is "path" or "path,version=2.1"; relative to the project.</summary>
    private string? SarifPath(string projectDirectory) =>
        ErrorLog is { Length: > 0 } log ? Path.GetFullPath(Path.Combine(projectDirectory, log.Split(',')[0])) : null;

    private static string? Empty(string? value) => value is { Length: > 0 } ? value : null;
}
