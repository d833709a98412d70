using OpenModel.Core.Artifacts;
using OpenModel.Core.CycloneDx;
using OpenModel.Core.Diagnostics;
using OpenModel.Core.Licensing;
using OpenModel.Core.Openness.Mof;

namespace OpenModel.Core.Openness;

/// <summary>Openwashing findings (OM5002–OM5007) and the policy gates (OM5001, OM5008) over an openness result.</summary>
public sealed class OpennessPolicy(AIBom.AIBomRequest request, Bom bom, OpennessResult result, OpennessClaims claims, string projectFile)
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
        return request.Openness.TreatWarningsAsErrors
            ? findings.Items.Select(f => f.Level == DiagnosticLevel.Warning ? f with { Level = DiagnosticLevel.Error } : f).ToList()
            : findings.Items;
    }

    private void MinimumClass(DiagnosticBag findings)
    {
        if (request.Openness.MinimumClass is not { Length: > 0 } text)
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
            findings.Add(BuildRules.OpennessBelowMinimum,
                $"model '{model.Name}' reaches Model Openness Framework {model.Mof.ClassLabel}, below AIOpennessMinimumClass {MofEvaluation.Label(minimum)}; {string.Join("; ", parts)}",
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
                findings.Add(BuildRules.OpenClaimRestrictedLicense,
                    $"claimed open ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' is licensed {license ?? "without a licence"} ({category.Label()})",
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
            findings.Add(BuildRules.OpenSourceAiClaimFails,
                $"claimed open-source AI ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' does not meet the OSI Open Source AI Definition 1.0: {string.Join("; ", failing)}",
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
            findings.Add(BuildRules.OpennessClassOverclaimed,
                $"claimed Model Openness Framework {MofEvaluation.Label(claim.Class)} ('{claim.Claim}' in {claim.Source}), but model '{model.Name}' reaches {model.Mof.ClassLabel}",
                projectFile);
        }
    }

    private void PermissiveDerivatives(DiagnosticBag findings)
    {
        var models = request.Artifacts.Where(a => a.Kind == ArtifactKind.Model).ToList();
        foreach (var model in models)
        {
            var baseName = model.Get("BaseModel");
            var baseLicense = model.Get("BaseModelLicense")
                ?? models.FirstOrDefault(m => baseName is not null && (m.Name.Equals(baseName, StringComparison.OrdinalIgnoreCase) || m.Include.Equals(baseName, StringComparison.OrdinalIgnoreCase)))?.Get("LicenseExpression");
            var license = model.Get("LicenseExpression");
            if (baseName is null || baseLicense is null || license is null)
            {
                continue;
            }

            var baseCategory = LicenseClassifier.Classify(baseLicense);
            if (!baseCategory.IsOpen() && LicenseClassifier.Classify(license).IsOpen())
            {
                findings.Add(BuildRules.PermissiveDerivative,
                    $"model '{model.Name}' is licensed {license}, more permissively than its base model '{baseName}' ({baseLicense}, {baseCategory.Label()}); a derivative inherits the base model's terms",
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
        foreach (var component in request.Artifacts.Where(a => a.Kind == ArtifactKind.Component && a.Get("LicenseExpression") is null))
        {
            findings.Add(BuildRules.ComponentWithoutLicense, $"AIComponent '{component.Include}' ({component.Get("Kind") ?? "no Kind"}) has no LicenseExpression, so it does not count toward openness", projectFile);
        }
    }

    private void LicencePolicy(DiagnosticBag findings)
    {
        var allowed = request.Openness.AllowedLicenses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var denied = request.Openness.DeniedLicenses.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (allowed.Count == 0 && denied.Count == 0)
        {
            return;
        }

        bool Permitted(string id) => !denied.Contains(id) && (allowed.Count == 0 || allowed.Contains(id));
        var licensed = bom.Components!.Where(c => c.Type is "machine-learning-model" or "data" || c.Scope == "required")
            .Select(c => (Name: c.Name, Expression: c.Licenses?.FirstOrDefault() is { } l ? l.Expression ?? l.License?.Id : null))
            .Concat(bom.Services!.Select(s => (Name: s.Name, Expression: s.Licenses?.FirstOrDefault()?.Expression)))
            .Concat(request.Project.LicenseExpression is { } own ? [(Name: request.Project.Name, Expression: (string?)own)] : []);
        foreach (var (name, expression) in licensed)
        {
            if (expression is null || !SpdxExpression.TryParse(expression, out var parsed, out _))
            {
                if (allowed.Count > 0)
                {
                    findings.Add(BuildRules.LicenseNotAllowed, $"'{name}' has no SPDX licence, and AIAllowedLicenses admits only {string.Join(", ", allowed.Order())}", projectFile);
                }

                continue;
            }

            if (!Satisfiable(parsed!, Permitted))
            {
                findings.Add(BuildRules.LicenseNotAllowed, $"'{name}' is licensed {expression}, which the licence policy does not allow (AIAllowedLicenses / AIDeniedLicenses)", projectFile);
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
