// Look-alike of the surface the corpus reaches through EntityFrameworkCore.BootKit, which this machine's NuGet mirror
// does not serve: its transitive dependency Dapper (BotSharp's SQL driver calls Dapper's extension methods with
// `using static Dapper.SqlMapper`). Real namespace, type and parameter names so catalogue and sink matching by metadata
// name works; bodies do nothing. Internal, so a project and the projects it references may each receive a copy
// without the copies clashing. Added by the runner only to projects whose restore reported the package missing.
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
