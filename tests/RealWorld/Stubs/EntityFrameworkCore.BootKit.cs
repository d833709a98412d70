// Look-alike of the surface the corpus reaches through EntityFrameworkCore.BootKit, which this machine's NuGet mirror
// does not serve: its transitive dependency Dapper (BotSharp's SQL driver calls Dapper's extension methods with
// `using static Dapper.SqlMapper`). Real namespace, type and parameter names so catalogue and sink matching by metadata
// name works; bodies do nothing. The package also brings Microsoft.Data.SqlClient, which the driver uses without
// referencing it, so its SqlConnection is stood in for too (the SQL Server branch of the driver). Internal, so a
// project and the projects it references may each receive a copy without the copies clashing. Added by the runner only to projects whose restore reported the package missing.
#nullable enable
namespace Dapper
{
    internal static class SqlMapper
    {
        public static System.Collections.Generic.IEnumerable<dynamic> Query(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, bool buffered = true, int? commandTimeout = null, System.Data.CommandType? commandType = null) => new dynamic[0];

        public static System.Collections.Generic.IEnumerable<T> Query<T>(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, bool buffered = true, int? commandTimeout = null, System.Data.CommandType? commandType = null) => new T[0];

        public static System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<dynamic>> QueryAsync(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, int? commandTimeout = null, System.Data.CommandType? commandType = null) => System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<dynamic>>(new dynamic[0]);

        public static System.Threading.Tasks.Task<System.Collections.Generic.IEnumerable<T>> QueryAsync<T>(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, int? commandTimeout = null, System.Data.CommandType? commandType = null) => System.Threading.Tasks.Task.FromResult<System.Collections.Generic.IEnumerable<T>>(new T[0]);

        public static int Execute(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, int? commandTimeout = null, System.Data.CommandType? commandType = null) => 0;

        public static System.Threading.Tasks.Task<int> ExecuteAsync(this System.Data.IDbConnection cnn, string sql, object? param = null, System.Data.IDbTransaction? transaction = null, int? commandTimeout = null, System.Data.CommandType? commandType = null) => System.Threading.Tasks.Task.FromResult(0);
    }
}

namespace Microsoft.Data.SqlClient
{
    internal sealed class SqlConnection : System.Data.Common.DbConnection
    {
        public SqlConnection(string connectionString) => ConnectionString = connectionString;

        [System.Diagnostics.CodeAnalysis.AllowNull]
        public override string ConnectionString { get; set; } = string.Empty;

        public override string Database => string.Empty;

        public override string DataSource => string.Empty;

        public override string ServerVersion => string.Empty;

        public override System.Data.ConnectionState State => System.Data.ConnectionState.Closed;

        public override void ChangeDatabase(string databaseName)
        {
        }

        public override void Close()
        {
        }

        public override void Open()
        {
        }

        protected override System.Data.Common.DbTransaction BeginDbTransaction(System.Data.IsolationLevel isolationLevel) => throw new System.NotSupportedException();

        protected override System.Data.Common.DbCommand CreateDbCommand() => throw new System.NotSupportedException();
    }
}
