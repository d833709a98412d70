using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

/// <summary>OM1017: an endpoint that runs a model with neither authorization nor rate limiting, endpoint- or application-wide.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class OM1017UnprotectedModelEndpoint : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.UnprotectedModelEndpoint,
        "Model endpoint without authorization or rate limiting",
        "{0} runs a model for anyone, as often as they like: add RequireAuthorization() or RequireRateLimiting(…)",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Info,
        "Inference is expensive; an open, unthrottled endpoint invites model extraction and denial of wallet (OWASP LLM10, ML05 Model Theft).",
        WellKnownDiagnosticTags.CompilationEnd);

    private static readonly ImmutableHashSet<string> Protections = ImmutableHashSet.Create("RequireAuthorization", "RequireRateLimiting");
    private static readonly ImmutableHashSet<string> ProtectionAttributes = ImmutableHashSet.Create("AuthorizeAttribute", "EnableRateLimitingAttribute");

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

    public override void Initialize(AnalysisContext context)
    {
        context = context.AnalyzeUserCodeAndRazor();
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var candidates = new ConcurrentBag<(Location Location, string Name)>();
            var appWide = 0;
            start.RegisterOperationAction(
                c =>
                {
                    // A fallback authorization policy or a global limiter protects every endpoint.
                    if (((IAssignmentOperation)c.Operation).Target is IPropertyReferenceOperation { Property.Name: "FallbackPolicy" or "GlobalLimiter" })
                    {
                        System.Threading.Interlocked.Exchange(ref appWide, 1);
                    }
                },
                OperationKind.SimpleAssignment);
            start.RegisterOperationBlockAction(block => CollectControllerAction(block, candidates));
            start.RegisterOperationAction(lambda => CollectMinimalApiHandler(lambda, candidates), OperationKind.AnonymousFunction);
            start.RegisterCompilationEndAction(end =>
            {
                if (appWide == 1)
                {
                    return;
                }

                foreach (var candidate in candidates.OrderBy(c => c.Location.SourceTree?.FilePath).ThenBy(c => c.Location.SourceSpan.Start))
                {
                    end.ReportDiagnostic(Diagnostic.Create(Descriptor, candidate.Location, candidate.Name));
                }
            });
        });
    }

    private static void CollectControllerAction(OperationBlockAnalysisContext context, ConcurrentBag<(Location, string)> candidates)
    {
        if (context.OwningSymbol is not IMethodSymbol method || !RequestHandlers.IsControllerAction(method))
        {
            return;
        }

        var protectedByAttribute = method.GetAttributes().Concat(AllBaseAttributes(method.ContainingType)).Any(a => ProtectionAttributes.Contains(a.AttributeClass?.Name ?? string.Empty));
        if (!protectedByAttribute && context.OperationBlocks.Any(b => ModelCalls.RunsModel(b, context.Compilation, context.CancellationToken)))
        {
            candidates.Add((method.Locations[0], $"action {method.ContainingType.Name}.{method.Name}"));
        }
    }

    private static void CollectMinimalApiHandler(OperationAnalysisContext context, ConcurrentBag<(Location, string)> candidates)
    {
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        if (!RequestHandlers.IsMinimalApiHandler(lambda))
        {
            return;
        }

        var map = (IInvocationOperation)Ancestor(lambda, o => o is IInvocationOperation)!;
        if (IsProtected(map) || lambda.Symbol.GetAttributes().Any(a => ProtectionAttributes.Contains(a.AttributeClass?.Name ?? string.Empty))
            || !ModelCalls.RunsModel(lambda.Body, context.Compilation, context.CancellationToken))
        {
            return;
        }

        var route = map.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
        candidates.Add((map.Syntax.GetLocation(), $"{map.TargetMethod.Name}(\"{route}\")"));
    }

    /// <summary>Protected when RequireAuthorization/RequireRateLimiting is chained on the endpoint or on the group it maps into.</summary>
    private static bool IsProtected(IInvocationOperation map)
    {
        IOperation current = map;
        while (current.Parent is IArgumentOperation { Parent: IInvocationOperation chained } || current.Parent is IInvocationOperation)
        {
            var next = current.Parent is IArgumentOperation argument ? (IInvocationOperation)argument.Parent! : (IInvocationOperation)current.Parent!;
            if (Protections.Contains(next.TargetMethod.Name))
            {
                return true;
            }

            current = next;
        }

        var receiver = map.Instance ?? map.Arguments.FirstOrDefault()?.Value;
        if (receiver is IConversionOperation conversion)
        {
            receiver = conversion.Operand;
        }

        return receiver is ILocalReferenceOperation local
            && local.Local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is { } declaration
            && declaration.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax>().Any(i => Protections.Contains(i.Identifier.ValueText));
    }

    private static IOperation? Ancestor(IOperation operation, System.Func<IOperation, bool> match)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (match(current))
            {
                return current;
            }
        }

        return null;
    }

    private static System.Collections.Generic.IEnumerable<AttributeData> AllBaseAttributes(INamedTypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var attribute in current.GetAttributes())
            {
                yield return attribute;
            }
        }
    }
}
