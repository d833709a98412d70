using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using OpenModel.Analyzers.Flow;

namespace OpenModel.Analyzers.Rules.Security;

internal static class OM1012LlmOutputAsSql
{
    public static readonly DiagnosticDescriptor Descriptor = RuleDescriptor.Create(
        RuleIdentifiers.LlmOutputAsSql,
        "LLM output runs as SQL",
        "{0} reaches {1}: model output becomes SQL text; use parameters, or map the model's answer to a fixed query",
        RuleDescriptor.SecurityCategory,
        DiagnosticSeverity.Error,
        "Text-to-SQL output is attacker-influenced (OWASP LLM05); executing it is SQL injection (CWE-89).");

    public static ImmutableArray<TaintSink> Sinks { get; } = ImmutableArray.Create(
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Data.Common.DbCommand", "CommandText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Data.IDbCommand", "CommandText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Data.SqlClient.SqlCommand", "CommandText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Data.SqlClient.SqlCommand", ".ctor", "cmdText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "System.Data.SqlClient.SqlCommand", ".ctor", "cmdText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.Data.Sqlite.SqliteCommand", ".ctor", "commandText"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.EntityFrameworkCore.RelationalQueryableExtensions", "FromSqlRaw", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRaw", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions", "ExecuteSqlRawAsync", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "Query", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "QueryAsync", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "Execute", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "ExecuteAsync", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "ExecuteScalar", "sql"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "Dapper.SqlMapper", "QueryFirstOrDefault", "sql"),

        // LangChain .NET's SQL database utility runs the command text it is given.
        new TaintSink(Descriptor, TaintKind.LlmOutput, "LangChain.Utilities.Sql.SqlDatabase", "RunAsync", "command"),
        new TaintSink(Descriptor, TaintKind.LlmOutput, "LangChain.Utilities.Sql.SqlDatabase", "RunNoThrowAsync", "command"));
}
