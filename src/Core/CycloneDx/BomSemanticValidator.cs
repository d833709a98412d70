using OpenModel.Core.Licensing;

namespace OpenModel.Core.CycloneDx;

/// <summary>Checks the JSON schema cannot express: reference integrity, licence syntax, and where a model card may appear.</summary>
public static class BomSemanticValidator
{
    public static IReadOnlyList<string> Validate(Bom bom)
    {
        var problems = new List<string>();
        var refs = new HashSet<string>(StringComparer.Ordinal);

        void Declare(string? bomRef, string what)
        {
            if (bomRef is not null && !refs.Add(bomRef))
            {
                problems.Add($"bom-ref '{bomRef}' of {what} is not unique");
            }
        }

        if (bom.Metadata.Component is { } root)
        {
            Declare(root.BomRef, "metadata.component");
        }

        foreach (var component in AllComponents(bom))
        {
            Declare(component.BomRef, $"component '{component.Name}'");
            if (component.ModelCard is not null && component.Type != "machine-learning-model")
            {
                problems.Add($"component '{component.Name}' of type '{component.Type}' has a modelCard; only machine-learning-model components may");
            }

            CheckLicenses(component.Licenses, $"component '{component.Name}'", problems);
        }

        foreach (var service in bom.Services ?? [])
        {
            Declare(service.BomRef, $"service '{service.Name}'");
            CheckLicenses(service.Licenses, $"service '{service.Name}'", problems);
        }

        foreach (var standard in bom.Definitions?.Standards ?? [])
        {
            Declare(standard.BomRef, $"standard '{standard.Name}'");
            foreach (var requirement in standard.Requirements ?? [])
            {
                Declare(requirement.BomRef, $"requirement '{requirement.Identifier}'");
            }

            foreach (var level in standard.Levels ?? [])
            {
                Declare(level.BomRef, $"level '{level.Identifier}'");
            }
        }

        foreach (var reference in (bom.Definitions?.Standards ?? []).SelectMany(s => s.Levels ?? []).SelectMany(l => l.Requirements ?? [])
            .Concat((bom.Declarations?.Attestations ?? []).SelectMany(a => a.Map ?? []).Select(m => m.Requirement ?? string.Empty)))
        {
            if (!refs.Contains(reference))
            {
                problems.Add($"requirement reference '{reference}' does not resolve");
            }
        }

        foreach (var dependency in bom.Dependencies ?? [])
        {
            foreach (var reference in new[] { dependency.Ref }.Concat(dependency.DependsOn ?? []))
            {
                if (!refs.Contains(reference))
                {
                    problems.Add($"dependency reference '{reference}' does not resolve to a component or service");
                }
            }
        }

        foreach (var reference in (bom.Compositions ?? []).SelectMany(c => c.Assemblies ?? []))
        {
            if (!refs.Contains(reference))
            {
                problems.Add($"composition reference '{reference}' does not resolve");
            }
        }

        return problems;
    }

    private static IEnumerable<Component> AllComponents(Bom bom) =>
        (bom.Components ?? []).Concat((bom.Components ?? []).SelectMany(c => c.Pedigree?.Ancestors ?? []));

    private static void CheckLicenses(List<LicenseChoice>? licenses, string owner, List<string> problems)
    {
        foreach (var choice in licenses ?? [])
        {
            if (choice.Expression is { } expression && SpdxExpression.TryParse(expression, out _, out var error) is false)
            {
                problems.Add($"{owner} has licence expression '{expression}' that does not parse: {error}");
            }
        }

        if (licenses is { Count: > 1 } && licenses.Any(l => l.Expression is not null))
        {
            problems.Add($"{owner} mixes a licence expression with other licences");
        }
    }
}
