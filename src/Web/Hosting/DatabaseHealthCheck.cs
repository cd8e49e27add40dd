using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace DiaBan.Web.Hosting;

/// <summary>Healthy when the DiaBan database answers a trivial query.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException ex)
        {
            return HealthCheckResult.Unhealthy("database unreachable", ex);
        }
    }
}
