namespace DiaBan.Geo.Hosting;

/// <summary>The process's database: resolved (configured or embedded) and migrated once, then shared by every DbContext.</summary>
public sealed class DiaBanDatabase(string? configuredConnectionString, string? home)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;

    /// <summary>The connection string; resolves and migrates on first use if PrepareAsync was not awaited at startup.</summary>
    public string ConnectionString => _connectionString ?? PrepareAsync().GetAwaiter().GetResult();

    public async Task<string> PrepareAsync(CancellationToken ct = default)
    {
        if (_connectionString is not null) return _connectionString;
        await _gate.WaitAsync(ct);
        try
        {
            return _connectionString ??= await DatabaseSetup.PrepareAsync(configuredConnectionString, home, ct);
        }
        finally
        {
            _gate.Release();
        }
    }
}
