using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OpenModel.Analyzers.Resolution;
using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;

namespace OpenModel.Analyzers.Tests;

/// <summary>
/// Rules follow calls into a referenced project's source (an IDE hands project references over as compilations). The
/// referenced compilation has no analyzer-driver cache, so SourceModels keeps one model per tree of the referenced
/// compilation: a callee followed from many call sites, and from every project that references the library, is bound once.
/// </summary>
public class SourceModelsTests
{
    private static readonly CSharpCompilationOptions Library = new(OutputKind.DynamicallyLinkedLibrary);

    [Fact]
    public void A_referenced_projects_tree_has_one_model_and_one_bound_body_shared_by_every_analysed_compilation()
    {
        var libraryTree = CSharpSyntaxTree.ParseText("""
            public static class Models
            {
                public static string PathFor(string name) => System.IO.Path.Combine("models", name);
            }
            """, path: "Models.cs");
        var library = CSharpCompilation.Create("Library", [libraryTree], TestReferences.All, Library);
        var app = CSharpCompilation.Create(
            "App",
            [CSharpSyntaxTree.ParseText("""class App { string Path() => Models.PathFor("a.onnx"); }""", path: "App.cs")],
            TestReferences.All.Add(library.ToMetadataReference()),
            Library);

        var model = SourceModels.Of(app, libraryTree);
        Assert.NotNull(model);
        Assert.Same(library, model!.Compilation);
        Assert.Same(model, SourceModels.Of(app, libraryTree));

        var method = (IMethodSymbol)library.GetTypeByMetadataName("Models")!.GetMembers("PathFor")[0];
        var first = SourceModels.BodyOf(method, app, default);
        var second = SourceModels.BodyOf(method, app, default);
        Assert.NotNull(first);
        Assert.Same(first!.Value.Body, second!.Value.Body);

        // Another analysed compilation (the next project of the solution) referencing the same library shares the
        // owner's model and its bound body.
        var other = app.WithAssemblyName("Other");
        Assert.Same(model, SourceModels.Of(other, libraryTree));
        Assert.Same(first.Value.Body, SourceModels.BodyOf(method, other, default)!.Value.Body);
    }

    [Fact]
    public void A_tree_no_compilation_owns_has_no_model()
    {
        var app = CSharpCompilation.Create("App", [CSharpSyntaxTree.ParseText("class App { }")], TestReferences.All, Library);

        Assert.Null(SourceModels.Of(app, CSharpSyntaxTree.ParseText("class Stray { }")));
    }
}
