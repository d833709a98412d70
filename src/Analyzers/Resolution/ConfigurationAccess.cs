using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Resolution;

/// <summary>
/// Recognises reads of Microsoft.Extensions.Configuration (<c>config["A:B"]</c>, <c>GetSection("A")["B"]</c>,
/// <c>GetSection("A:B").Value</c>, <c>GetValue&lt;string&gt;("A:B")</c>, <c>GetConnectionString("X")</c>) and the key they read.
/// </summary>
internal static class ConfigurationAccess
{
    private const string Namespace = "Microsoft.Extensions.Configuration";

    public static bool TryGetKey(IPropertyReferenceOperation reference, ValueResolver resolver, out string key)
    {
        key = string.Empty;
        if (reference.Instance is null || !IsConfiguration(reference.Property.ContainingType))
        {
            return false;
        }

        var section = SectionPath(reference.Instance, resolver);
        if (section is null)
        {
            return false;
        }

        if (reference.Property.IsIndexer && reference.Arguments.Length == 1 && resolver.ResolveConstant(reference.Arguments[0].Value) is { } name)
        {
            key = Join(section, name);
            return true;
        }

        if (reference.Property.Name == "Value" && section.Length > 0)
        {
            key = section;
            return true;
        }

        return false;
    }

    public static bool TryGetKey(IInvocationOperation invocation, ValueResolver resolver, out string key)
    {
        key = string.Empty;
        var method = invocation.TargetMethod;
        if (!method.IsExtensionMethod || method.ContainingNamespace?.ToDisplayString() != Namespace || invocation.Arguments.Length < 2)
        {
            return false;
        }

        var section = SectionPath(invocation.Arguments[0].Value, resolver);
        var name = resolver.ResolveConstant(invocation.Arguments[1].Value);
        if (section is null || name is null)
        {
            return false;
        }

        switch (method.Name)
        {
            case "GetValue":
                key = Join(section, name);
                return true;
            case "GetConnectionString":
                key = Join(section, "ConnectionStrings:" + name);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The <c>defaultValue</c> argument of <c>GetValue</c>, used when no file sets the key.</summary>
    public static IOperation? DefaultValueArgument(IInvocationOperation invocation) =>
        invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "defaultValue" && a.ArgumentKind == ArgumentKind.Explicit)?.Value;

    /// <summary>The section path a configuration-typed expression denotes: "" for the root, null if unknown.</summary>
    private static string? SectionPath(IOperation operation, ValueResolver resolver)
    {
        var value = operation is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : operation;
        if (value is IInvocationOperation { TargetMethod.Name: "GetSection" or "GetRequiredSection" } getSection)
        {
            var receiver = getSection.Instance ?? getSection.Arguments.FirstOrDefault()?.Value;
            var nameArgument = getSection.Arguments.LastOrDefault()?.Value;
            if (receiver is null || nameArgument is null || !IsConfiguration(receiver.Type))
            {
                return null;
            }

            var parent = SectionPath(receiver, resolver);
            var name = resolver.ResolveConstant(nameArgument);
            return parent is null || name is null ? null : Join(parent, name);
        }

        return IsConfiguration(value.Type) ? string.Empty : null;
    }

    private static bool IsConfiguration(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (IsConfigurationInterface(type))
        {
            return true;
        }

        return type.AllInterfaces.Any(IsConfigurationInterface);
    }

    private static bool IsConfigurationInterface(ITypeSymbol type) =>
        type.Name is "IConfiguration" or "IConfigurationSection" or "IConfigurationRoot" or "IConfigurationManager"
        && type.ContainingNamespace?.ToDisplayString() == Namespace;

    private static string Join(string section, string name) => section.Length == 0 ? name : section + ":" + name;
}
