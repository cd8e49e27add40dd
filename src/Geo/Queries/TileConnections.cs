using System.Collections.Concurrent;
using System.Data;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>
/// The connections tile statements run on (<see cref="TileQueries"/>): a few open connections of their own data source,
/// handed out most recently used first, at most <see cref="Size"/> at a time.
/// <para>
/// Why (issue 12.2, docs/performance.md "Vector tiles", 1 Dec 2026): a PostgreSQL backend pays for each tile statement's
/// first executions after an import or ANALYZE (planning 8–33 ms instead of 1–2, executing 30–98 ms instead of 14–20,
/// per backend, for the province and district aggregates), and some backends of the shared read pool, after other work
/// of the app (temporary tables of the risk panel), kept planning them 5–8× slower. Npgsql's pool hands its idle
/// connections out in turn, so every one of its 8 backends paid each of these first executions for some user. Here a
/// quiet map is served by one backend that has already run the statements, more only when requests overlap, and no
/// other work runs on them.
/// </para>
/// </summary>
public sealed class TileConnections(NpgsqlDataSource dataSource, int size) : IAsyncDisposable
{
    /// <summary>About one browser's parallel tile requests (six per host over HTTP/1.1), at least one per core.</summary>
    public static int DefaultSize => Math.Max(6, Environment.ProcessorCount);

    /// <summary>Most connections in use at once; more requests wait for one.</summary>
    public int Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "at least one connection");

    private readonly SemaphoreSlim slots = new(size, size);
    private readonly ConcurrentStack<NpgsqlConnection> idle = new();

    /// <summary>An open connection, the most recently returned first (or a new one from the data source); dispose the
    /// lease to give it back. A connection that is no longer open when given back is closed for good.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken ct = default)
    {
        await slots.WaitAsync(ct);
        try
        {
            while (idle.TryPop(out var kept))
            {
                if (kept.FullState == ConnectionState.Open) return new Lease(this, kept);
                await kept.DisposeAsync();
            }
            return new Lease(this, await dataSource.OpenConnectionAsync(ct));
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>Opens <paramref name="count"/> connections (each warmed by the data source's initializer) and keeps them.</summary>
    public async Task FillAsync(int count, CancellationToken ct = default)
    {
        var renting = Enumerable.Range(0, Math.Min(count, Size)).Select(_ => RentAsync(ct).AsTask()).ToList();
        try
        {
            await Task.WhenAll(renting);
        }
        finally
        {
            foreach (var lease in renting.Where(r => r.IsCompletedSuccessfully)) await lease.Result.DisposeAsync();
        }
    }

    private async ValueTask ReturnAsync(NpgsqlConnection connection)
    {
        if (connection.FullState == ConnectionState.Open) idle.Push(connection);
        else await connection.DisposeAsync();
        slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        while (idle.TryPop(out var connection)) await connection.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    /// <summary>A connection lent by <see cref="RentAsync"/>.</summary>
    public sealed class Lease(TileConnections owner, NpgsqlConnection connection) : IAsyncDisposable
    {
        private int returned;

        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection);

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref returned, 1) == 0 ? owner.ReturnAsync(Connection) : ValueTask.CompletedTask;
    }
}
