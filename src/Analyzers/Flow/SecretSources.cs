using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace OpenModel.Analyzers.Flow;

/// <summary>Values that must not reach a prompt: connection strings, secret-named settings and [PersonalData] members.</summary>
internal static class SecretSources
{
    private static readonly string[] SecretWords = ["key", "secret", "password", "pwd", "token", "connectionstring", "credential"];

    public static bool IsSecret(IOperation operation) => operation switch
    {
        IInvocationOperation { TargetMethod.Name: "GetConnectionString" } => true,
        IInvocationOperation { TargetMethod.Name: "GetValue" } invocation => SecretKey(invocation.Arguments.Skip(1).FirstOrDefault()?.Value),
        IPropertyReferenceOperation { Property.IsIndexer: true } indexer when indexer.Property.ContainingType?.Name is "IConfiguration" or "IConfigurationSection" or "IConfigurationRoot" or "IConfigurationManager" or "ConfigurationManager"
            => SecretKey(indexer.Arguments.FirstOrDefault()?.Value),
        IPropertyReferenceOperation property => property.Property.GetAttributes().Any(a => a.AttributeClass?.Name is "PersonalDataAttribute" or "ProtectedPersonalDataAttribute"),
        _ => false,
    };

    private static bool SecretKey(IOperation? key) =>
        key?.ConstantValue is { HasValue: true, Value: string name } && SecretWords.Any(w => name.Replace("_", string.Empty).IndexOf(w, StringComparison.OrdinalIgnoreCase) >= 0);
}
