using OpenModel.Core.Licensing;
using Xunit;

namespace OpenModel.Core.Tests;

public class SpdxExpressionTests
{
    [Theory]
    [InlineData("MIT", "MIT")]
    [InlineData("MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("(MIT AND BSD-3-Clause) OR GPL-2.0-or-later WITH Classpath-exception-2.0", "MIT AND BSD-3-Clause OR GPL-2.0-or-later WITH Classpath-exception-2.0")]
    [InlineData("Apache-2.0 AND (MIT OR BSD-2-Clause)", "Apache-2.0 AND (MIT OR BSD-2-Clause)")]
    [InlineData("GPL-2.0+", "GPL-2.0+")]
    [InlineData("LicenseRef-Proprietary", "LicenseRef-Proprietary")]
    [InlineData("mit or apache-2.0", "mit OR apache-2.0")]
    public void Parses_valid_expressions(string text, string canonical)
    {
        Assert.True(SpdxExpression.TryParse(text, out var expression, out var error), error);
        Assert.Equal(canonical, expression!.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("MIT OR")]
    [InlineData("(MIT")]
    [InlineData("MIT AND AND Apache-2.0")]
    [InlineData("MIT/Apache-2.0")]
    [InlineData("MIT WITH")]
    [InlineData("MIT)")]
    public void Rejects_malformed_expressions(string text)
    {
        Assert.False(SpdxExpression.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }

    [Fact]
    public void Lists_every_licence_of_a_compound_expression()
    {
        var expression = SpdxExpression.Parse("(MIT AND BSD-3-Clause) OR LicenseRef-Gemma");

        Assert.Equal(new[] { "MIT", "BSD-3-Clause", "LicenseRef-Gemma" }, expression.Licenses.Select(l => l.Id));
        Assert.True(expression.Licenses.Last().IsReference);
    }

    [Theory]
    [InlineData("MIT OR Apache-2.0", null)]
    [InlineData("Apache-2.0 WITH LLVM-exception", null)]
    [InlineData("LicenseRef-Llama-3-Community", null)]
    [InlineData("Mit-ish", "'Mit-ish' is not an SPDX licence identifier")]
    [InlineData("GPL-3.0", "'GPL-3.0' is a deprecated SPDX identifier")]
    [InlineData("LicenseRef-Contoso-Internal", "'LicenseRef-Contoso-Internal' is not a known LicenseRef (declare it in the AIKnownLicenseRefs property)")]
    [InlineData("MIT WITH Not-An-Exception", "'Not-An-Exception' is not an SPDX licence exception")]
    public void Checks_identifiers_against_the_SPDX_list(string expression, string? problem) =>
        Assert.Equal(problem, LicenseExpressionCheck.Problem(expression));

    [Fact]
    public void Project_declared_LicenseRefs_are_known() =>
        Assert.Null(LicenseExpressionCheck.Problem("LicenseRef-Contoso-Internal", new HashSet<string> { "LicenseRef-Contoso-Internal" }));
}
