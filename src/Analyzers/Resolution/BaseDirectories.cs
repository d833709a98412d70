using Microsoft.CodeAnalysis;

namespace OpenModel.Analyzers.Resolution;

/// <summary>Properties whose value is a run-time base directory; paths under them are matched project-relative.</summary>
internal static class BaseDirectories
{
    public static bool IsBaseDirectory(IPropertySymbol property) => Key(property) switch
    {
        "System.AppContext.BaseDirectory" => true,
        "System.AppDomain.BaseDirectory" => true,
        "System.Environment.CurrentDirectory" => true,
        "Microsoft.Extensions.Hosting.IHostEnvironment.ContentRootPath" => true,
        "Microsoft.AspNetCore.Hosting.IHostingEnvironment.ContentRootPath" => true,
        "Microsoft.AspNetCore.Hosting.IWebHostEnvironment.WebRootPath" => true,
        _ => false,
    };

    /// <summary>The web root lies under the content root, in wwwroot by default.</summary>
    public static string SuffixOf(IPropertySymbol property) => property.Name == "WebRootPath" ? "wwwroot" : string.Empty;

    private static string Key(IPropertySymbol property) =>
        property.ContainingType is null ? property.Name : property.ContainingType.ToDisplayString() + "." + property.Name;
}
