using OpenModel.Core.Licensing;
using Xunit;

namespace OpenModel.Core.Tests;

public class LicenseClassifierTests
{
    [Theory]
    [InlineData("MIT", LicenseCategory.OpenSource)]
    [InlineData("Apache-2.0 WITH LLVM-exception", LicenseCategory.OpenSource)]
    [InlineData("GPL-2.0-or-later", LicenseCategory.OpenSource)]
    [InlineData("CC0-1.0", LicenseCategory.OpenData)]
    [InlineData("CC-BY-4.0", LicenseCategory.OpenData)]
    [InlineData("CC-BY-SA-4.0", LicenseCategory.OpenData)]
    [InlineData("CDLA-Permissive-2.0", LicenseCategory.OpenData)]
    [InlineData("CDLA-Sharing-1.0", LicenseCategory.OpenData)]
    [InlineData("ODC-By-1.0", LicenseCategory.OpenData)]
    [InlineData("ODbL-1.0", LicenseCategory.OpenData)]
    [InlineData("PDDL-1.0", LicenseCategory.OpenData)]
    [InlineData("GFDL-1.3-only", LicenseCategory.OpenContent)]
    [InlineData("OpenMDW-1.0", LicenseCategory.OpenContent)]
    [InlineData("CC-BY-NC-4.0", LicenseCategory.Restricted)]
    [InlineData("CC-BY-ND-4.0", LicenseCategory.Restricted)]
    [InlineData("CC-BY-NC-SA-4.0", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-Llama-3-Community", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-Gemma", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-BigScience-OpenRAIL-M", LicenseCategory.Restricted)]
    [InlineData("CreativeML-OpenRAIL-M", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-Proprietary", LicenseCategory.Restricted)]
    [InlineData("Elastic-2.0", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-Contoso-Whatever", LicenseCategory.Unknown)]
    [InlineData("Llama 3 Community License", LicenseCategory.Unknown)]
    [InlineData("", LicenseCategory.Unknown)]
    [InlineData(null, LicenseCategory.Unknown)]
    public void Classifies_single_licences(string? expression, LicenseCategory expected) =>
        Assert.Equal(expected, LicenseClassifier.Classify(expression));

    [Theory]
    [InlineData("MIT OR LicenseRef-Proprietary", LicenseCategory.OpenSource)]
    [InlineData("MIT AND CC-BY-NC-4.0", LicenseCategory.Restricted)]
    [InlineData("MIT AND CC-BY-4.0", LicenseCategory.OpenData)]
    [InlineData("Apache-2.0 AND LicenseRef-Unknown-Thing", LicenseCategory.Unknown)]
    [InlineData("LicenseRef-Unknown-Thing AND LicenseRef-Gemma", LicenseCategory.Restricted)]
    [InlineData("LicenseRef-Gemma OR LicenseRef-Unknown-Thing", LicenseCategory.Unknown)]
    [InlineData("LicenseRef-Gemma OR CC-BY-NC-4.0", LicenseCategory.Restricted)]
    [InlineData("(MIT OR GPL-3.0-only) AND CC0-1.0", LicenseCategory.OpenData)]
    public void Compound_expressions_follow_AND_least_and_OR_most_open(string expression, LicenseCategory expected) =>
        Assert.Equal(expected, LicenseClassifier.Classify(expression));
}
