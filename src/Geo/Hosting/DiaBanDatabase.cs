using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DiaBan.Geo.Hosting;

/// <summary>
/// The process's database: resolved (configured or embedded) and migrated once, then shared by every DbContext.
/// The app works through <see cref="ConnectionString"/> (the app role); migrations use <see cref="OwnerConnectionString"/>.
/// </summary>
public sealed class DiaBanDatabase(string? configuredConnectionString, string? home, string? configuredOwnerConnectionString = null,
    ILogger? logger = null)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DatabaseConnections? _connections;

    /// <summary>The app role's connection string; resolves and migrates on first use if PrepareAsync was not awaited at startup.</summary>
    public string ConnectionString => Connections.App;

    /// <summary>The owner role's connection string: for migrations of other contexts (Identity), then <see cref="GrantAppAsync"/>.</summary>
    public string OwnerConnectionString => Connections.Owner;

    private DatabaseConnections Connections => _connections ?? PrepareConnectionsAsync().GetAwaiter().GetResult();

    /// <summary>Resolves, migrates as the owner, grants the app role; returns the app's connection string.</summary>
    public async Task<string> PrepareAsync(CancellationToken ct = default) => (await PrepareConnectionsAsync(ct)).App;

    public async Task<DatabaseConnections> PrepareConnectionsAsync(CancellationToken ct = default)
    {
        if (_connections is not null) return _connections;
        await _gate.WaitAsync(ct);
        try
        {
            var log = logger ?? NullLogger.Instance;
            return _connections ??= await DatabaseSetup.PrepareConnectionsAsync(configuredConnectionString,
                configuredOwnerConnectionString, home, warning => log.LogWarning("{Warning}", warning), ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Re-applies the app role's grants, after another context (Identity) migrated new tables as the owner.</summary>
    public async Task GrantAppAsync(CancellationToken ct = default) => await (await PrepareConnectionsAsync(ct)).GrantAppAsync(ct);
}
