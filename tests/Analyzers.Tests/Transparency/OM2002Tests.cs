using OpenModel.Analyzers.Tests.Infrastructure;
using Xunit;
using V = OpenModel.Analyzers.Tests.Infrastructure.Verify<OpenModel.Analyzers.Rules.Transparency.UndeclaredLoadAnalyzer>;

namespace OpenModel.Analyzers.Tests.Transparency;

/// <summary>OM2002 Dataset loaded but not declared. The resolver and loader forms shared with OM2001 are tested in PathResolutionTests, ConfigurationTests, RawReadTests and LibraryLoadTests.</summary>
public class OM2002Tests
{
    [Fact]
    public Task Reads_of_data_files_are_dataset_loads() => V.AnalyzerAsync("""
        using System.IO;
        class Data
        {
            void Read()
            {
                foreach (var line in {|OM2002:File.ReadLines("data/reviews.csv")|}) { }
                using var reader = {|OM2002:new StreamReader("data/prompts.jsonl")|};
            }
        }
        """);

    [Fact]
    public Task MLNet_dataset_loaders() => V.AnalyzerAsync("""
        using Microsoft.ML;
        using Microsoft.ML.Data;
        class Row { [LoadColumn(0)] public string Text = ""; }
        class Trainer
        {
            void Load(MLContext ml)
            {
                var a = {|OM2002:ml.Data.LoadFromTextFile<Row>("data/train.csv", hasHeader: true)|};
                var b = {|OM2002:ml.Data.LoadFromBinary("data/cache.idv")|};
                var loader = ml.Data.CreateTextLoader<Row>();
                var c = {|OM2002:loader.Load("data/extra.tsv")|};
            }
        }
        """);
}
