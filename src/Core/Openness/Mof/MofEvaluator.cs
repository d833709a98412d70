using OpenModel.Core.Licensing;

namespace OpenModel.Core.Openness.Mof;

/// <summary>
/// The Model Openness Framework evaluation, following the rules in Openness/Data/README.md: cumulative classes,
/// licence inheritance (component → content type → distribution), open licences count, a research paper may stand in
/// for the technical report, and a lower class shows no progress until every higher class is complete.
/// </summary>
public static class MofEvaluator
{
    public static MofEvaluation Evaluate(MofRelease release)
    {
        var statuses = MofFramework.Components.Select(definition => Status(definition, release)).ToDictionary(s => s.Component.Id);
        bool Counts(int id) => statuses[id].Counts || (id == MofFramework.TechnicalReport && statuses[MofFramework.ResearchPaper].Counts);

        var classes = new List<MofClassEvaluation>();
        var higherComplete = true;
        foreach (var mofClass in new[] { 3, 2, 1 })
        {
            var required = MofFramework.CumulativeRequired(mofClass);
            var blocking = required.Where(c => !Counts(c.Id)).Select(c => statuses[c.Id]).ToList();
            var progress = higherComplete ? (required.Count - blocking.Count) * 100.0 / required.Count : 0;
            classes.Add(new MofClassEvaluation(
                mofClass,
                progress,
                blocking.Where(s => !s.Present).Select(s => s.Component.Name).ToList(),
                blocking.Where(s => s.Present && s.License is null).Select(s => s.Component.Name).ToList(),
                blocking.Where(s => s.Present && s.License is not null).Select(s => $"{s.Component.Name} ({s.License})").ToList(),
                required.Select(c => statuses[c.Id]).Where(s => s.Counts && !s.TypeAppropriate).Select(s => $"{s.Component.Name} ({s.License})").ToList()));
            higherComplete = higherComplete && blocking.Count == 0;
        }

        var achieved = classes.Where(c => c.IsMet).Select(c => (int?)c.Class).Min();
        return new MofEvaluation(release.Name, achieved, classes, statuses.Values.OrderBy(s => s.Component.Id).ToList());
    }

    private static MofComponentStatus Status(MofComponentDefinition definition, MofRelease release)
    {
        var component = release.Components.FirstOrDefault(c => c.Name.Equals(definition.Name, StringComparison.OrdinalIgnoreCase));
        if (component is null)
        {
            return new MofComponentStatus(definition, false, null, LicenseCategory.Unknown, false, false);
        }

        var license = component.License switch
        {
            MofReleaseComponent.Unlicensed => null,
            { } own => own,
            null => release.Licenses.GetValueOrDefault(definition.ContentType) ?? release.Licenses.GetValueOrDefault("distribution"),
        };
        var category = LicenseClassifier.Classify(license);
        var counts = license is not null && category.IsOpen();
        return new MofComponentStatus(definition, true, license, category, counts, counts && MofFramework.IsTypeAppropriate(license!, definition.ContentType));
    }
}
