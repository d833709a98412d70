using System.Security.Cryptography;
using OpenModel.Core.CycloneDx;
using OpenModel.Tests.Shared;
using Xunit;

namespace OpenModel.Sdk.Tests;

/// <summary>
/// The integrity matrix, end to end: packed-SDK consumers built with unusual, hostile and changing inputs. Independent
/// cases share one project and one build; each case is one assertion block with its expectation in a comment.
/// </summary>
[Collection(PackedSdkCollection.Name)]
public class IntegrityMatrixTests(PackedSdk sdk)
{
    [Fact]
    public async Task Incremental_builds_rerun_the_AI_BOM_step_for_every_input_that_changes_it()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/a/scorer.onnx")
            .WriteModel("models/b/pinned.onnx")
            .Write("models/a/README.md", "---\nlicense: apache-2.0\n---\n## Intended use\nScores.\n")
            .Write("Program.cs", """
                using System.IO;
                System.Console.WriteLine(File.ReadAllBytes(Path.Combine(System.AppContext.BaseDirectory, "models", "a", "scorer.onnx")).Length);
                System.Console.WriteLine(File.ReadAllBytes(Path.Combine(System.AppContext.BaseDirectory, "models", "b", "pinned.onnx")).Length);
                """)
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                    <PinnedVersion Condition="'$(PinnedVersion)' == ''">1.0.0</PinnedVersion>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/a/scorer.onnx" />
                    <AIModel Include="models/b/pinned.onnx" LicenseExpression="MIT" Version="$(PinnedVersion)" Sha256="{Sha256(Path.Combine(DotNet.RepoRoot, "samples", "SentimentService", "models", "sentiment.onnx"))}" />
                  </ItemGroup>
                </Project>
                """);
        var bomPath = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json");
        Bom Bom() => BomSerializer.Deserialize(File.ReadAllBytes(bomPath));
        Component Model(string name) => Bom().Components!.Single(c => c.Name == name);

        var cases = new MatrixCases();
        var first = await project.BuildAsync();
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal("Apache-2.0", Model("scorer").Licenses!.Single().Expression);

        var gated = await project.BuildAsync("-p:AIOpennessMinimumClass=II");
        cases.Case("a policy property on the command line after a passing build evaluates the gate (OM5001)", () =>
        {
            Assert.True(gated.ExitCode != 0, gated.Output);
            Assert.Contains(gated.Diagnostics, d => d.Id == "OM5001" && d.Severity == "error");
        });

        var versioned = await project.BuildAsync("-p:PinnedVersion=2.0.0");
        cases.Case("declared item metadata set from a property reaches the BOM, and the gate is lifted again", () =>
        {
            Assert.True(versioned.ExitCode == 0, versioned.Output);
            Assert.Equal("2.0.0", Model("pinned").Version);
        });

        File.WriteAllText(Path.Combine(project.Directory, "models", "a", "README.md"), "---\nlicense: cc-by-4.0\n---\n## Intended use\nScores.\n");
        var recarded = await project.BuildAsync("-p:PinnedVersion=2.0.0");
        cases.Case("editing an auto-picked README.md card changes the licence in the BOM", () =>
        {
            Assert.True(recarded.ExitCode == 0, recarded.Output);
            Assert.Equal("CC-BY-4.0", Model("scorer").Licenses!.Single().Expression);
        });

        File.WriteAllText(Path.Combine(project.Directory, "models", "a", "tokenizer_config.json"), """{ "chat_template": "{{ messages[0].content }}" }""");
        var templated = await project.BuildAsync("-p:PinnedVersion=2.0.0");
        cases.Case("a chat template appearing beside a model (tokenizer_config.json) becomes a component of the BOM", () =>
        {
            Assert.True(templated.ExitCode == 0, templated.Output);
            Assert.Contains(Bom().Components!, c => c.BomRef == "chat-template:models/a/scorer.onnx#models/a/tokenizer_config.json#chat_template");
        });

        var pinned = Path.Combine(project.Directory, "models", "b", "pinned.onnx");
        var original = File.ReadAllBytes(pinned);
        var swapped = original.ToArray();
        swapped[^1] ^= 0xFF;
        ReplaceKeepingTime(pinned, swapped);
        var tampered = await project.BuildAsync("-p:PinnedVersion=2.0.0");
        cases.Case("a model replaced by other bytes of the same size, modification time kept (cp -p), is re-hashed and the pinned Sha256 fails (OM3002)", () =>
        {
            Assert.True(tampered.ExitCode != 0, tampered.Output);
            Assert.Contains(tampered.Diagnostics, d => d.Id == "OM3002" && d.Message.Contains("models/b/pinned.onnx"));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(swapped)), Model("pinned").Hashes!.Single().Content);
        });

        ReplaceKeepingTime(pinned, original);
        var cache = Path.Combine(project.Directory, "obj", "Debug", "net10.0", "openmodel.cache.json");
        var scorerHash = Sha256(Path.Combine(project.Directory, "models", "a", "scorer.onnx"));
        File.WriteAllText(cache, File.ReadAllText(cache).Replace(scorerHash, new string('0', 64)));
        File.SetLastWriteTimeUtc(Path.Combine(project.Directory, "App.csproj"), DateTime.UtcNow);
        var ci = await project.BuildAsync("-p:PinnedVersion=2.0.0", "-p:ContinuousIntegrationBuild=true");
        cases.Case("a CI build re-hashes whatever the cache says (a forged cache entry is not believed)", () =>
        {
            Assert.True(ci.ExitCode == 0, ci.Output);
            Assert.Equal(scorerHash, Model("scorer").Hashes!.Single().Content);
            Assert.DoesNotContain("MSB4018", ci.Output);
        });
        cases.AssertAllPassed();
    }

    [Fact]
    public async Task Hostile_and_conflicting_declarations_finish_with_a_diagnostic_naming_each_item_and_a_BOM_that_is_not_wrong()
    {
        using var project = sdk.NewConsumer()
            .WriteModel("models/x.onnx")
            .WriteModel("models/y.onnx")
            .WriteModel("models/z.onnx")
            .WriteModel("models/shared/p.onnx")
            .WriteModel("models/shared/q.onnx")
            .WriteModel("models/c1.onnx")
            .WriteModel("models/c2.onnx")
            .WriteModel("models/lic.onnx")
            .WriteModel("models/with.onnx")
            .Write("models/shared/README.md", "---\nlicense: apache-2.0\npipeline_tag: text-classification\n---\n## Intended use\nx\n")
            .Write("cards/one.md", "---\nlicense: apache-2.0\n---\n## Intended use\nx\n")
            .Write("data/d.csv", "a,b\n1,2\n")
            .Write("Program.cs", """
                using System.IO;
                System.Console.WriteLine(File.ReadAllBytes("models/x.onnx").Length + File.ReadAllBytes("models/y.onnx").Length + File.ReadAllBytes("models/z.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("models/c1.onnx").Length + File.ReadAllBytes("models/c2.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("models/lic.onnx").Length + File.ReadAllBytes("models/with.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("models/shared/p.onnx").Length + File.ReadAllBytes("models/shared/q.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("models/pipe.onnx").Length + File.ReadAllBytes("data/d.csv").Length);
                System.Console.WriteLine(File.ReadAllBytes("/srv/app/models/x.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("../../elsewhere/models/x.onnx").Length);
                System.Console.WriteLine(File.ReadAllBytes("models/bad\0name.onnx").Length);
                """)
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <PackageLicenseExpression>MIT</PackageLicenseExpression>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/pipe.onnx" LicenseExpression="MIT" CopyToOutputDirectory="PreserveNewest" />
                    <AIModel Include="/dev/zero" Name="zero" LicenseExpression="MIT" CopyToOutputDirectory="PreserveNewest" />
                    <AIModel Include="models/x.onnx" LicenseExpression="MIT" />
                    <AIDataset Include="models/x.onnx" Name="x-as-data" LicenseExpression="MIT" />
                    <AIModel Include="models/y.onnx" Name="dup" LicenseExpression="MIT" />
                    <AIModel Include="models/z.onnx" Name="dup" LicenseExpression="MIT" />
                    <AIModel Include="models/shared/p.onnx" />
                    <AIModel Include="models/shared/q.onnx" />
                    <AIModel Include="models/c1.onnx" ModelCard="cards/one.md" />
                    <AIModel Include="models/c2.onnx" ModelCard="cards/one.md" />
                    <AIModel Include="models/lic.onnx" LicenseExpression="Foo-1.0" />
                    <AIModel Include="models/with.onnx" LicenseExpression="MIT WITH Bogus-exception" />
                    <AIDataset Include="data/d.csv" LicenseExpression="CC0-1.0" DataCard="data/MISSING.md" />
                    <AIComponent Include="docs/threats.md" Kind="ThreatModel" LicenseExpression="CC-BY-4.0" />
                    <AIModel Include="models/nul%00name.onnx" LicenseExpression="MIT" />
                  </ItemGroup>
                </Project>
                """);
        IntegrityFiles.MakeFifo(Path.Combine(project.Directory, "models", "pipe.onnx"));

        var result = await project.BuildAsync();

        var cases = new MatrixCases();
        var om = result.OpenModel.ToList();
        cases.Case("no crash of ours reaches the user (MSB4018, AD0001, a stack trace) and the build fails", () =>
        {
            Assert.True(result.ExitCode != 0, result.Output);
            Assert.DoesNotContain("MSB4018", result.Output);
            Assert.DoesNotContain("AD0001", result.Output);
            Assert.DoesNotContain("   at OpenModel", result.Output);
        });
        cases.Case("a NUL in a declared path: OM3008 naming it, escaped", () => Assert.Contains(om, d => d.Id == "OM3008" && d.Message.Contains("models/nul\\u0000name.onnx")));
        cases.Case("a FIFO declared as a model: OM3001 naming it", () => Assert.Contains(om, d => d.Id == "OM3001" && d.Message.Contains("'models/pipe.onnx'") && d.Message.Contains("FIFO")));
        cases.Case("/dev/zero declared as a model: OM3001 naming it", () => Assert.Contains(om, d => d.Id == "OM3001" && d.Message.Contains("'/dev/zero'") && d.Message.Contains("character device")));
        cases.Case("one file declared twice: OM3009 naming both items", () => Assert.Contains(om, d => d.Id == "OM3009" && d.Message.Contains("AIModel 'models/x.onnx'") && d.Message.Contains("AIDataset 'models/x.onnx'")));
        cases.Case("two models with one Name: OM3009 naming both", () => Assert.Contains(om, d => d.Id == "OM3009" && d.Message.Contains("'models/y.onnx'") && d.Message.Contains("'models/z.onnx'")));
        cases.Case("two models claiming one card: OM3009 naming both", () => Assert.Contains(om, d => d.Id == "OM3009" && d.Message.Contains("'models/c1.onnx'") && d.Message.Contains("'models/c2.onnx'")));
        cases.Case("a declared DataCard that does not exist: OM3001", () => Assert.Contains(om, d => d.Id == "OM3001" && d.Message.Contains("data/MISSING.md")));
        cases.Case("a declared ThreatModel that does not exist: OM3001", () => Assert.Contains(om, d => d.Id == "OM3001" && d.Message.Contains("docs/threats.md")));
        cases.Case("an unknown licence id: OM3004", () => Assert.Contains(om, d => d.Id == "OM3004" && d.Message.Contains("Foo-1.0")));
        cases.Case("a bogus WITH exception: OM3004", () => Assert.Contains(om, d => d.Id == "OM3004" && d.Message.Contains("Bogus-exception")));
        cases.Case("a load of /srv/app/models/x.onnx is undeclared (OM2001)", () => Assert.Contains(om, d => d.Id == "OM2001" && d.Message.Contains("srv/app/models/x.onnx")));
        cases.Case("a load of ../../elsewhere/models/x.onnx is undeclared (OM2001)", () => Assert.Contains(om, d => d.Id == "OM2001" && d.Message.Contains("../../elsewhere/models/x.onnx")));

        var bomFile = Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.aibom.cdx.json");
        cases.Case("the BOM is written", () => Assert.True(File.Exists(bomFile), result.Output));
        if (!File.Exists(bomFile))
        {
            cases.AssertAllPassed();
        }
        var bomBytes = File.ReadAllBytes(bomFile);
        var bom = BomSerializer.Deserialize(bomBytes);
        Component Model(string name) => bom.Components!.Single(c => c.Type == "machine-learning-model" && c.Name == name);
        cases.Case("the BOM is schema-valid with unique bom-refs", () =>
        {
            Assert.Empty(CycloneDxSchema.Validate16(bomBytes));
            var refs = bom.Components!.Select(c => c.BomRef).ToList();
            Assert.Equal(refs.Count, refs.Distinct().Count());
        });
        cases.Case("with undeclared loads the composition is not complete", () => Assert.NotEqual("complete", bom.Compositions!.Single().Aggregate));
        cases.Case("unknown licences are written as a licence name, never as an SPDX expression", () =>
        {
            Assert.Equal((null, "Foo-1.0"), (Model("lic").Licenses!.Single().Expression, Model("lic").Licenses!.Single().License?.Name));
            Assert.Equal((null, "MIT WITH Bogus-exception"), (Model("with").Licenses!.Single().Expression, Model("with").Licenses!.Single().License?.Name));
        });
        cases.Case("two models sharing a folder README.md: neither gets its licence or task", () =>
            Assert.All(new[] { Model("p"), Model("q") }, m => Assert.True(m.Licenses?.Single().Expression != "Apache-2.0" && m.ModelCard?.ModelParameters?.Task is null)));
        cases.Case("the second model claiming a card gets none of its facts", () =>
        {
            Assert.Null(Model("c2").ModelCard?.ModelParameters?.Task);
            Assert.NotEqual("Apache-2.0", Model("c2").Licenses?.Single().Expression);
        });
        cases.Case("the FIFO has no hash in the BOM", () => Assert.Null(Model("pipe").Hashes));
        cases.Case("CopyToOutputDirectory copies neither the FIFO nor the device (the Copy task would block on them)", () =>
        {
            Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "models", "pipe.onnx")));
            Assert.False(File.Exists(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "zero")));
        });
        cases.Case("the openness report lists the AI-BOM warnings the build printed", () =>
        {
            var report = File.ReadAllText(Path.Combine(project.Directory, "bin", "Debug", "net10.0", "App.openness.md"));
            var findings = report[report.IndexOf("## Findings", StringComparison.Ordinal)..];
            Assert.DoesNotContain("None.", findings);
            Assert.All(om.Where(d => d.Id.StartsWith("OM3", StringComparison.Ordinal) && d.Severity != "info").Select(d => d.Id).Distinct(), id => Assert.Contains(id, findings));
        });
        cases.AssertAllPassed();
    }

    [Fact]
    public async Task The_additive_Sdk_element_works_in_Web_Worker_and_Razor_projects_and_the_PackageReference_form_works()
    {
        var additive = $"""<Sdk Name="OpenModel.Sdk" Version="{sdk.Version}" />""";
        using var project = sdk.NewConsumer()
            .WriteModel("Web/models/m.onnx")
            .Write("Web/Web.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk.Web">
                  {additive}
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup>
                  <ItemGroup><AIModel Include="models/m.onnx" LicenseExpression="MIT" /></ItemGroup>
                </Project>
                """)
            .Write("Web/Program.cs", """
                var app = WebApplication.CreateBuilder(args).Build();
                app.MapGet("/", () => System.IO.File.ReadAllBytes(System.IO.Path.Combine(System.AppContext.BaseDirectory, "models", "m.onnx")).Length);
                app.Run();
                """)
            .Write("Worker/Worker.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk.Worker">
                  {additive}
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup>
                </Project>
                """)
            .Write("Worker/Program.cs", "System.Console.WriteLine(System.IO.File.ReadAllBytes(\"models/undeclared.onnx\").Length);")
            .Write("Razor/Razor.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk.Razor">
                  {additive}
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup>
                  <ItemGroup><FrameworkReference Include="Microsoft.AspNetCore.App" /></ItemGroup>
                </Project>
                """)
            .Write("Razor/Hello.razor", "<p>@System.IO.File.ReadAllBytes(\"models/undeclared.onnx\").Length</p>")
            .Write("Ref/Ref.csproj", $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup><TargetFramework>net10.0</TargetFramework><PackageLicenseExpression>MIT</PackageLicenseExpression></PropertyGroup>
                  <ItemGroup><PackageReference Include="OpenModel.Sdk" Version="{sdk.Version}" PrivateAssets="all" /></ItemGroup>
                </Project>
                """)
            .Write("Ref/Class1.cs", "public static class C { public static int N => System.IO.File.ReadAllBytes(\"models/undeclared.onnx\").Length; }")
            .Write("All.slnx", """
                <Solution>
                  <Project Path="Web/Web.csproj" />
                  <Project Path="Worker/Worker.csproj" />
                  <Project Path="Razor/Razor.csproj" />
                  <Project Path="Ref/Ref.csproj" />
                </Solution>
                """);

        var result = await DotNet.RunAsync(project.Directory, "build", "All.slnx", "-nologo", "-clp:NoSummary");

        Assert.True(result.ExitCode == 0, result.Output);
        foreach (var name in new[] { "Web", "Worker", "Razor", "Ref" })
        {
            var bom = BomSerializer.Deserialize(File.ReadAllBytes(Path.Combine(project.Directory, name, "bin", "Debug", "net10.0", $"{name}.aibom.cdx.json")));
            if (name != "Razor")
            {
                Assert.Equal(name == "Web" ? "complete" : "incomplete", bom.Compositions!.Single().Aggregate);
            }
        }

        // The analyzers run in each form: the undeclared loads are reported at their line.
        Assert.Contains(result.Diagnostics, d => d.Id == "OM2001" && d.File.EndsWith("Program.cs") && d.File.Contains("Worker"));
        Assert.Contains(result.Diagnostics, d => d.Id == "OM2001" && d.File.EndsWith("Class1.cs"));
    }

    [Fact]
    public async Task With_the_AI_BOM_off_CopyToOutputDirectory_of_a_FIFO_or_a_device_still_finishes_and_copies_regular_files()
    {
        // With AIBomEnabled=false no OM3001 error stops the build before the copy, so the Copy task would meet the FIFO
        // (open() blocks forever) and /dev/zero (never ends) unless non-regular files are left out of the copy.
        using var project = sdk.NewConsumer()
            .WriteModel("models/real.onnx")
            .Write("Program.cs", "System.Console.WriteLine();\n")
            .Write("App.csproj", $"""
                <Project Sdk="OpenModel.Sdk/{sdk.Version}">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <AIBomEnabled>false</AIBomEnabled>
                  </PropertyGroup>
                  <ItemGroup>
                    <AIModel Include="models/pipe.onnx" CopyToOutputDirectory="PreserveNewest" />
                    <AIModel Include="/dev/zero" Name="zero" CopyToOutputDirectory="PreserveNewest" />
                    <AIModel Include="models/real.onnx" CopyToOutputDirectory="PreserveNewest" />
                  </ItemGroup>
                </Project>
                """);
        IntegrityFiles.MakeFifo(Path.Combine(project.Directory, "models", "pipe.onnx"));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.Output);
        var output = Path.Combine(project.Directory, "bin", "Debug", "net10.0");
        Assert.True(File.Exists(Path.Combine(output, "models", "real.onnx")), result.Output);
        Assert.False(File.Exists(Path.Combine(output, "models", "pipe.onnx")));
        Assert.False(File.Exists(Path.Combine(output, "zero")));
    }

    [Fact]
    public async Task The_READMEs_declaration_of_the_demo_model_makes_its_undeclared_load_error_go_away()
    {
        var readme = File.ReadAllText(Path.Combine(DotNet.RepoRoot, "README.md"));
        var declaration = System.Text.RegularExpressions.Regex.Match(readme, @"<AIModel Include=""models/toxicity\.onnx""[^>]*/>").Value;
        Assert.NotEmpty(declaration);
        var demo = File.ReadAllText(Path.Combine(DotNet.RepoRoot, "samples", "SentimentService", "Demo", "UndeclaredToxicityModel.cs"));
        string Project(string items) => $"""
            <Project Sdk="OpenModel.Sdk/{sdk.Version}">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <PackageLicenseExpression>MIT</PackageLicenseExpression>
                <WarningsAsErrors>$(WarningsAsErrors);OM2001;OM2002;OM2003</WarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="1.31.1" />
                {items}
              </ItemGroup>
            </Project>
            """;
        using var project = sdk.NewConsumer()
            .WriteModel("models/toxicity.onnx")
            .Write("Demo/UndeclaredToxicityModel.cs", demo)
            .Write("App.csproj", Project(string.Empty));

        var undeclared = await project.BuildAsync("-p:NoWarn=NU1603");
        Assert.True(undeclared.ExitCode != 0, undeclared.Output);
        Assert.Contains(undeclared.Diagnostics, d => d.Id == "OM2001" && d.Severity == "error" && d.File.EndsWith("UndeclaredToxicityModel.cs") && d.Line == 12);

        project.Write("App.csproj", Project(declaration));
        var declared = await project.BuildAsync("-p:NoWarn=NU1603");

        Assert.True(declared.ExitCode == 0, declared.Output);
        Assert.DoesNotContain(declared.OpenModel, d => d.Severity is "error" or "warning");
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>What cp -p, rsync -a and tar x do: new bytes under the old modification time.</summary>
    private static void ReplaceKeepingTime(string path, byte[] bytes)
    {
        var stamp = File.GetLastWriteTimeUtc(path);
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.SetLastWriteTimeUtc(temporary, stamp);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>Runs every case of a batched build and reports all that failed, not only the first.</summary>
internal sealed class MatrixCases
{
    private readonly List<string> _failed = [];

    public void Case(string name, Action check)
    {
        try
        {
            check();
        }
        catch (Exception e) when (e is Xunit.Sdk.XunitException or InvalidOperationException or NullReferenceException or ArgumentException)
        {
            _failed.Add($"FAILED CASE: {name}: {e.Message}");
        }
    }

    public void AssertAllPassed() => Assert.True(_failed.Count == 0, string.Join(Environment.NewLine, _failed));
}

internal static class IntegrityFiles
{
    public static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
