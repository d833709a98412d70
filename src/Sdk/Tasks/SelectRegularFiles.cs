using Microsoft.Build.Framework;
using OpenModel.Core.IO;

namespace OpenModel.Sdk.Tasks;

/// <summary>
/// Keeps the items that name regular files. MSBuild's <c>Exists()</c> is true for a FIFO or <c>/dev/zero</c>, and the
/// Copy task behind <c>CopyToOutputDirectory</c> would then block on the FIFO or copy the device forever; such items are
/// dropped here without a message, because the AI-BOM step already reports each of them (OM3001) by name.
/// </summary>
public sealed class SelectRegularFiles : Microsoft.Build.Utilities.Task
{
    public ITaskItem[] Items { get; set; } = [];

    [Output]
    public ITaskItem[] RegularFiles { get; private set; } = [];

    public override bool Execute()
    {
        RegularFiles = Items.Where(item => RegularFile.Probe(item.GetMetadata("FullPath") is { Length: > 0 } full ? full : item.ItemSpec).Kind == FileKind.Regular).ToArray();
        return true;
    }
}
