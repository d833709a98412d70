using OpenModel.Core.CycloneDx;

namespace OpenModel.Core.Release.Compliance;

/// <summary>
/// What the build adds to a BOM for the profiles it is asked to meet: the facts it knows (generation context "build",
/// the SBOM author and the project's producer from the project's authors, the infrastructure the project declares and
/// the one its packages imply), and
/// for every element it cannot know an
/// explicit <c>openmodel:unknown</c> property, so that a gap is stated rather than silent.
/// </summary>
public static class ComplianceFacts
{
    public const string UnknownProperty = "openmodel:unknown";

    /// <summary>Known, deliberately not disclosed (the value names the element, as with <see cref="UnknownProperty"/>).</summary>
    public const string WithheldProperty = "openmodel:withheld";

    public static void Apply(Bom bom, IReadOnlyList<ComplianceProfile> profiles, string? authors, DeclaredInfrastructure? infrastructure = null)
    {
        // A declaration is the project's own statement, recorded whether or not a profile asks for it.
        if (infrastructure is not null)
        {
            InfrastructureFacts.Declare(bom, infrastructure);
        }

        if (profiles.Count == 0)
        {
            return;
        }

        bom.Metadata.Lifecycles ??= [new Lifecycle { Phase = "build" }];
        var names = (authors ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length > 0)
        {
            bom.Metadata.Authors ??= names.Select(n => new OrganizationalContact { Name = n }).ToList();
            if (bom.Metadata.Component is { Supplier: null } root)
            {
                root.Supplier = new OrganizationalEntity { Name = string.Join(", ", names) };
            }
        }

        if (profiles.Any(p => p.Elements.Any(e => e.Key is InfrastructureFacts.SoftwareKey or InfrastructureFacts.HardwareKey)))
        {
            InfrastructureFacts.Apply(bom);
        }

        // Checking the typed BOM through its JSON keeps one definition of "present" for the build and the CLI.
        var json = BomSerializer.Serialize(bom);
        foreach (var profile in profiles)
        {
            var report = ComplianceChecker.Check(profile, string.Empty, json, null);
            foreach (var result in report.Results.Where(r => r.Status == ElementStatus.Missing))
            {
                // A signature is made after the BOM, by the attest step; an unsigned BOM must be reported, never excused.
                if (result.Element.Key == "signature")
                {
                    continue;
                }

                if (result.Element.Scope == ElementScope.Document)
                {
                    Mark(bom.Metadata.Properties ??= [], result.Element.Key);
                    continue;
                }

                foreach (var component in AllComponents(bom).Where(c => result.Missing.Contains(c.BomRef ?? c.Name)))
                {
                    Mark(component.Properties ??= [], result.Element.Key);
                }
            }
        }
    }

    private static IEnumerable<Component> AllComponents(Bom bom) =>
        bom.Metadata.Component is { } root ? (bom.Components ?? []).Prepend(root) : bom.Components ?? [];

    private static void Mark(List<Property> properties, string key)
    {
        if (!properties.Any(p => p.Name == UnknownProperty && p.Value == key))
        {
            properties.Add(new Property(UnknownProperty, key));
        }
    }
}
