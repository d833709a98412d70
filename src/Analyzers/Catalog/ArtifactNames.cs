using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Contract;

namespace OpenModel.Analyzers.Catalog;

/// <summary>
/// What a plain file read whose path is only known at run time reads, judged from the path expression itself: the
/// extension of the literal it ends with (<c>Path.Combine(dir, name + ".onnx")</c>), or the name of the variable that
/// holds it (<c>modelPath</c>, <c>vocabFile</c>, <c>datasetPath</c>, <c>_dataLocation</c>). Names of settings,
/// identifiers (<c>modelConfigPath</c>, <c>modelName</c>) and saved run-time state (<c>modelStateFilePath</c>, a KV
/// cache) are not paths of an artefact.
/// </summary>
internal static class ArtifactNames
{
    private static readonly HashSet<string> ModelWords = new(StringComparer.OrdinalIgnoreCase) { "model", "models", "weights", "checkpoint", "ckpt", "onnx", "gguf", "safetensors" };
    private static readonly HashSet<string> TokenizerWords = new(StringComparer.OrdinalIgnoreCase) { "vocab", "vocabulary", "tokenizer", "merges" };
    private static readonly HashSet<string> DatasetWords = new(StringComparer.OrdinalIgnoreCase) { "dataset", "datasets", "corpus" };
    private static readonly HashSet<string> DataWords = new(StringComparer.OrdinalIgnoreCase) { "data", "label", "labels", "training", "train" };
    private static readonly HashSet<string> PathWords = new(StringComparer.OrdinalIgnoreCase) { "path", "file", "filename", "dir", "directory", "folder", "location", "root" };
    private static readonly HashSet<string> NotArtefactWords = new(StringComparer.OrdinalIgnoreCase) { "config", "configuration", "settings", "options", "json", "name", "id", "log", "cache", "output", "save", "export", "temp", "state" };

    /// <summary>How many private parameters and fields are followed back to the value that names the file.</summary>
    private const int MaxFollow = 3;

    public static LoadKind? KindOf(IOperation path)
    {
        var kind = KindOf(path, 0);
        return kind is { } found && IsModelLabelVocabulary(found, path) ? LoadKind.Tokenizer : kind;
    }

    /// <summary>
    /// A labels file a model class reads (PaddleOCR's <c>File.ReadAllLines(labelFilePath)</c> in a recognition model) is
    /// the model's output vocabulary, decoded like a tokenizer's and declared with the model, not a dataset; a reader
    /// class's labels (MNIST's <c>labelPath</c>) are training data.
    /// </summary>
    private static bool IsModelLabelVocabulary(LoadKind kind, IOperation path)
    {
        if (kind != LoadKind.Dataset || NameOf(path) is not { } name)
        {
            return false;
        }

        var words = Words(name).ToList();
        return words.Any(w => w.Equals("label", StringComparison.OrdinalIgnoreCase) || w.Equals("labels", StringComparison.OrdinalIgnoreCase))
            && !words.Any(w => DatasetWords.Contains(w) || w.Equals("data", StringComparison.OrdinalIgnoreCase) || w.StartsWith("train", StringComparison.OrdinalIgnoreCase))
            && path.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.Identifier.ValueText.EndsWith("Model", StringComparison.Ordinal) == true;
    }

    private static LoadKind? KindOf(IOperation path, int depth)
    {
        if (Flow.UrlLiteralFinder.Suffix(path) is { } suffix)
        {
            var extension = Declarations.ArtifactPath.Extension(Declarations.ArtifactPath.Normalize("file" + suffix));
            if (ArtifactExtensions.IsModel(extension))
            {
                return LoadKind.Model;
            }

            if (ArtifactExtensions.IsDataset(extension))
            {
                return LoadKind.Dataset;
            }
        }

        // Path.Combine(_dataLocation, name): any segment may carry the telling name, the last one first.
        if (path is IInvocationOperation { TargetMethod: { Name: "Combine" or "Join", ContainingType.Name: "Path" } } combine)
        {
            return combine.Arguments.SelectMany(a => Resolution.CollectionElements.Of(a.Value)).Reverse()
                .Select(segment => NameOf(segment) is { } segmentName ? KindOfName(segmentName) ?? Followed(segment, segmentName, depth) : null)
                .FirstOrDefault(kind => kind is not null);
        }

        return NameOf(path) is { } name ? KindOfName(name) ?? Followed(path, name, depth) : null;
    }

    /// <summary>
    /// A neutral name (<c>path</c>, <c>_path</c>) says nothing; a reader class often keeps the telling one a step away:
    /// <c>ReadSingleFile(Path.Combine(dataPath, …))</c> into a private method's parameter, or <c>_path = path</c> from a
    /// private constructor that <c>AG_NEWS(…)</c> calls with <c>dataPath</c>. A private member's callers and writers
    /// are all in its type, so they are read there: the values passed to the parameter, the values stored in the field.
    /// A name that says what the file is not (<c>settingsPath</c>) is never followed.
    /// </summary>
    private static LoadKind? Followed(IOperation path, string name, int depth)
    {
        if (depth >= MaxFollow || Words(name).Any(NotArtefactWords.Contains) || path.SemanticModel is not { } model)
        {
            return null;
        }

        while (path is IConversionOperation conversion)
        {
            path = conversion.Operand;
        }

        var values = path switch
        {
            IParameterReferenceOperation { Parameter: { ContainingSymbol: IMethodSymbol { DeclaredAccessibility: Accessibility.Private } method } parameter } =>
                ArgumentsFor(method, parameter.Ordinal, model),
            IFieldReferenceOperation { Field: { DeclaredAccessibility: Accessibility.Private, IsConst: false } field } => ValuesStoredIn(field, model),
            _ => Enumerable.Empty<IOperation>(),
        };
        return values.Select(value => KindOf(value, depth + 1)).FirstOrDefault(kind => kind is not null);
    }

    /// <summary>The arguments the private <paramref name="method"/>'s callers in its type (in this tree) pass at <paramref name="ordinal"/>.</summary>
    private static IEnumerable<IOperation> ArgumentsFor(IMethodSymbol method, int ordinal, SemanticModel model)
    {
        var name = method.MethodKind == MethodKind.Constructor ? method.ContainingType.Name : method.Name;
        foreach (var node in TypeSyntaxIn(method, model)?.DescendantNodes() ?? Enumerable.Empty<SyntaxNode>())
        {
            var named = node switch
            {
                InvocationExpressionSyntax invocation => CalledName(invocation.Expression) == name,
                ObjectCreationExpressionSyntax creation => CalledName(creation.Type) == name,
                ImplicitObjectCreationExpressionSyntax or ConstructorInitializerSyntax => method.MethodKind == MethodKind.Constructor,
                _ => false,
            };
            if (named
                && model.GetOperation(node) is { } call
                && LoadSiteFinder.CalledMethod(call) is ({ } target, var arguments)
                && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition)
                && arguments.FirstOrDefault(a => a.Parameter?.Ordinal == ordinal && a.ArgumentKind != ArgumentKind.DefaultValue) is { } argument)
            {
                yield return argument.Value;
            }
        }
    }

    /// <summary>The values assigned to the private <paramref name="field"/> in its type (in this tree), initializer included.</summary>
    private static IEnumerable<IOperation> ValuesStoredIn(IFieldSymbol field, SemanticModel model)
    {
        foreach (var node in TypeSyntaxIn(field, model)?.DescendantNodes() ?? Enumerable.Empty<SyntaxNode>())
        {
            var value = node switch
            {
                AssignmentExpressionSyntax assignment when CalledName(assignment.Left) == field.Name
                    && model.GetOperation(assignment) is ISimpleAssignmentOperation { Target: IFieldReferenceOperation target } simple
                    && SymbolEqualityComparer.Default.Equals(target.Field.OriginalDefinition, field.OriginalDefinition) => simple.Value,
                VariableDeclaratorSyntax { Initializer.Value: { } initializer } declarator when declarator.Identifier.ValueText == field.Name
                    && SymbolEqualityComparer.Default.Equals(model.GetDeclaredSymbol(declarator), field) => model.GetOperation(initializer),
                _ => null,
            };
            if (value is not null)
            {
                yield return value;
            }
        }
    }

    private static TypeDeclarationSyntax? TypeSyntaxIn(ISymbol member, SemanticModel model) =>
        member.DeclaringSyntaxReferences.FirstOrDefault(r => r.SyntaxTree == model.SyntaxTree)?.GetSyntax().FirstAncestorOrSelf<TypeDeclarationSyntax>();

    private static string? CalledName(SyntaxNode expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    internal static LoadKind? KindOfName(string name)
    {
        var words = Words(name).ToList();
        if (words.Count == 0 || words.Any(NotArtefactWords.Contains))
        {
            return null;
        }

        var pathLike = words.Any(PathWords.Contains) || words.Count == 1;
        if (!pathLike)
        {
            return null;
        }

        return words.Any(TokenizerWords.Contains) ? LoadKind.Tokenizer
            : words.Any(ModelWords.Contains) ? LoadKind.Model
            : words.Any(DatasetWords.Contains) || (words.Any(DataWords.Contains) && words.Count > 1) ? LoadKind.Dataset
            : null;
    }

    private static string? NameOf(IOperation path) => path switch
    {
        IConversionOperation conversion => NameOf(conversion.Operand),
        IParameterReferenceOperation parameter => parameter.Parameter.Name,
        ILocalReferenceOperation local => local.Local.Name,
        IFieldReferenceOperation field => field.Field.Name,
        IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
        _ => null,
    };

    /// <summary>modelPath → model, path; _dataLocation → data, location; ONNX_MODEL_FILE → onnx, model, file.</summary>
    private static IEnumerable<string> Words(string name)
    {
        var start = -1;
        for (var i = 0; i <= name.Length; i++)
        {
            var boundary = i == name.Length || !char.IsLetterOrDigit(name[i])
                || (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
                || (i > 0 && i + 1 < name.Length && char.IsUpper(name[i]) && char.IsUpper(name[i - 1]) && char.IsLower(name[i + 1]));
            if (boundary && start >= 0)
            {
                yield return name.Substring(start, i - start);
                start = -1;
            }

            if (i < name.Length && char.IsLetterOrDigit(name[i]) && start < 0)
            {
                start = i;
            }
        }
    }
}
