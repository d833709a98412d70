using System.Text;

namespace OpenModel.Analyzers.Tests.Infrastructure;

/// <summary>Builds the declaration file the SDK writes from AIModel/AIDataset/AIComponent items.</summary>
internal sealed class Declared
{
    private readonly StringBuilder _lines = new("# OpenModel declarations\n");

    public Declared Model(string include, string name = "", string access = "") => Add("AIModel", include, name, access);

    public Declared RemoteModel(string include, string name = "") => Add("AIModel", include, name, "Api");

    public Declared Dataset(string include, string name = "") => Add("AIDataset", include, name, string.Empty);

    public Declared Component(string include) => Add("AIComponent", include, string.Empty, string.Empty);

    public override string ToString() => _lines.ToString();

    private Declared Add(string itemType, string include, string name, string access)
    {
        _lines.Append(itemType).Append('\t').Append(include).Append('\t').Append(name).Append('\t').Append(access).Append('\t').Append("/src/App/App.csproj").Append('\n');
        return this;
    }
}
