using OpenModel.Core.Facts;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Licensing;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>Openwashing findings (OM5002–OM5007) and the policy gates (OM5001, OM5008) over an openness result.</summary>
internal sealed class OpennessPolicy(BuildFacts facts, OpennessOptions options, IReadOnlyList<LicensedItem> licensed, OpennessResult result, OpennessClaims claims, string projectFile)
{
    public IReadOnlyList<OpenModelDiagnostic> Evaluate()
    {
        var findings = new DiagnosticBag();
        MinimumClass(findings);
        ClaimedOpen(findings);
        ClaimedOpenSourceAi(findings);
        ClaimedClass(findings);
        PermissiveDerivatives(findings);
        UndisclosedTrainingData(findings);
        UnlicensedComponents(findings);
        LicencePolicy(findings);
        return options.TreatWarningsAsErrors
            ? findings.Items.Select(f => f.Level == DiagnosticLevel.Warning ? f with { Level = DiagnosticLevel.Error } : f).ToList()
            : findings.Items;
    }

    private void MinimumClass(DiagnosticBag findings)
    {
        if (options.MinimumClass is not { Length: > 0 } text)
        {
            return;
        }

        if (MofEvaluation.ParseClass(text) is not { } minimum)
        {
            findings.Add(BuildRules.MalformedInput, $"AIOpennessMinimumClass '{text}' is not one of None, III, II, I", projectFile);
            return;
        }

        foreach (var model in result.Models.Where(m => minimum <= 3 && (m.Mof.AchievedClass ?? 4) > minimum))
        {
            var blocking = model.Mof.For(minimum);
            var parts = new[]
            {
                blocking.Missing.Count > 0 ? "missing: " + string.Join(", ", blocking.Missing) : null,
                blocking.Unlicensed.Count > 0 ? "unlicensed: " + string.Join(", ", blocking.Unlicensed) : null,
                blocking.NotOpen.Count > 0 ? "not openly licensed: " + string.Join(", ", blocking.NotOpen) : null,
            }.Where(p => p is not null);
            findings.Add(BuildRules.OpennessBelowMinimum, $"model '{model.Name}' reaches Model Openness Framework {model.Mof.ClassLabel}, below AIOpennessMinimumClass {MofEvaluation.Label(minimum)}; {string.Join("; ", parts)}",
                projectFile);
        }
    }

    private void ClaimedOpen(DiagnosticBag findings)
    {
        if (claims.OpenClaim is not { } claim)
        {
            return;
        }

        foreach (var model in result.Models)
        {
            var license = model.Mof.Components.Single(c => c.Component.Id == 10) is { Present: true } weights ? weights.License : model.Release.Licenses.GetValueOrDefault("distribution");
            var category = LicenseClassifier.Classify(license);
            if (!category.IsOpen())
            {
                findings.Add(BuildRules.OpenClaimRestrictedLicense, $"claimed open ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' is licensed {license ?? "without a licence"} ({category.Label()})",
                    projectFile);
            }
        }
    }

    private void ClaimedOpenSourceAi(DiagnosticBag findings)
    {
        if (claims.OpenSourceAiClaim is not { } claim)
        {
            return;
        }

        foreach (var model in result.Models.Where(m => m.Osaid.Overall != CheckState.Pass))
        {
            var failing = model.Osaid.Checks.Where(c => c.State != CheckState.Pass).Select(c => $"{c.Requirement} {c.State.Text()}: {c.Reason}");
            findings.Add(BuildRules.OpenSourceAiClaimFails, $"claimed open-source AI ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' does not meet the OSI Open Source AI Definition 1.0: {string.Join("; ", failing)}",
                projectFile);
        }
    }

    private void ClaimedClass(DiagnosticBag findings)
    {
        if (claims.MofClaim is not { } claim)
        {
            return;
        }

        foreach (var model in result.Models.Where(m => (m.Mof.AchievedClass ?? 4) > claim.Class))
        {
            findings.Add(BuildRules.OpennessClassOverclaimed, $"claimed Model Openness Framework {MofEvaluation.Label(claim.Class)} ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' reaches {model.Mof.ClassLabel}",
                projectFile);
        }
    }

    private void PermissiveDerivatives(DiagnosticBag findings)
    {
        foreach (var model in facts.Declarations.Models)
        {
            var baseName = model.BaseModel;
            var baseLicense = model.BaseModelLicense ?? facts.Declarations.BaseOf(model)?.License;
            var license = model.License;
            if (baseName is null || baseLicense is null || license is null)
            {
                continue;
            }

            var baseCategory = baseLicense.Category;
            if (!baseCategory.IsOpen() && license.Category.IsOpen())
            {
                findings.Add(BuildRules.PermissiveDerivative, $"model '{model.Name}' is licensed {license}, more permissively than its base model '{baseName}' ({baseLicense}, {baseCategory.Label()}); a derivative inherits the base model's terms",
                    projectFile);
            }
        }
    }

    private void UndisclosedTrainingData(DiagnosticBag findings)
    {
        foreach (var model in result.Models.Where(m => m.Osaid.Checks.Any(c => c.Requirement == OsaidChecklist.DataInformation && c.State == CheckState.Fail)))
        {
            findings.Add(BuildRules.TrainingDataUndisclosed, $"model '{model.Name}' discloses no training data (set TrainedOn, list datasets in its model card, or declare an AIDataset with Usage=\"Training\")", projectFile);
        }
    }

    private void UnlicensedComponents(DiagnosticBag findings)
    {
        foreach (var component in facts.Declarations.Components.Where(c => c.License is null))
        {
            findings.Add(BuildRules.ComponentWithoutLicense, $"AIComponent '{component.Include}' ({component.ComponentKind ?? "no Kind"}) has no LicenseExpression, so it does not count toward openness", projectFile);
        }
    }

    private void LicencePolicy(DiagnosticBag findings)
    {
        var allowed = options.AllowedLicenses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var denied = options.DeniedLicenses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (allowed.Count == 0 && denied.Count == 0)
        {
            return;
        }

        bool Permitted(string id) => !denied.Contains(id) && (allowed.Count == 0 || allowed.Contains(id));
        var stated = licensed.Where(l => !l.IsPackage || l.IsRequired)
            .Select(l => (l.Name, License: l.License?.Spdx))
            .Concat(facts.ProjectLicense is { } own ? [(Name: facts.Project.Name, License: (ParsedLicense?)own)] : []);
        foreach (var (name, license) in stated)
        {
            if (license?.Expression is not { } parsed)
            {
                if (allowed.Count > 0)
                {
                    findings.Add(BuildRules.LicenseNotAllowed, $"'{name}' has no SPDX licence, and AIAllowedLicenses admits only {string.Join(", ", allowed.Order())}", projectFile);
                }

                continue;
            }

            if (!Satisfiable(parsed, Permitted))
            {
                findings.Add(BuildRules.LicenseNotAllowed, $"'{name}' is licensed {license.Text}, which the licence policy does not allow (AIAllowedLicenses / AIDeniedLicenses)", projectFile);
            }
        }
    }

    /// <summary>Can the licence be complied with using permitted licences only: every AND term, some OR alternative.</summary>
    private static bool Satisfiable(SpdxExpression expression, Func<string, bool> permitted) => expression switch
    {
        SpdxLicense license => permitted(license.Id),
        SpdxConjunction and => and.Terms.All(t => Satisfiable(t, permitted)),
        SpdxDisjunction or => or.Terms.Any(t => Satisfiable(t, permitted)),
        _ => false,
    };
}
