using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL;

namespace DiaBan.Geo.Data;

/// <summary>
/// Retries a query or SaveChanges that failed on a transient fault (dead pooled connection after a database restart,
/// server starting up, timeout), after clearing the connection pool so the retry gets a fresh connection.
/// Inside a transaction the caller opened it does not retry — the transaction died with its connection — and, unlike
/// EF's own retrying strategy, it does not refuse to run there: a unit of work that should be retried as a whole wraps
/// itself in <c>db.Database.CreateExecutionStrategy().ExecuteAsync(...)</c> (OfficialStatusRecorder does).
/// </summary>
public sealed class TransientRetryStrategy(ExecutionStrategyDependencies dependencies)
    : NpgsqlRetryingExecutionStrategy(dependencies, MaxRetries, MaxDelay, errorCodesToAdd: null)
{
    // a few seconds in all, so a request during an outage answers 503 quickly instead of hanging
    public const int MaxRetries = 4;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);

    private bool InUserTransaction => Dependencies.CurrentContext.Context.Database.CurrentTransaction is not null;

    protected override void OnFirstExecution()
    {
        if (InUserTransaction)
        {
            ExceptionsEncountered.Clear();
            return;
        }
        base.OnFirstExecution();
    }

    protected override bool ShouldRetryOn(Exception? exception)
    {
        if (exception is null || InUserTransaction || !base.ShouldRetryOn(exception)) return false;
        // after a restart every idle pooled connection is dead: drop them all instead of failing on each in turn
        if (Dependencies.CurrentContext.Context.Database.GetDbConnection() is NpgsqlConnection connection) NpgsqlConnection.ClearPool(connection);
        return true;
    }
}
