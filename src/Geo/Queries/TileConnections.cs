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
/// <para>
/// A kept connection whose backend is gone (a database restart, <c>pg_terminate_backend</c>) is only found out when a
/// statement is sent on it: <see cref="RunAsync{T}"/> then drops it and runs the work once more on a new connection, so
/// the request still succeeds, and checks the other idle connections in the background (<see cref="ForEachIdleAsync"/>).
/// </para>
/// </summary>
public sealed class TileConnections(NpgsqlDataSource dataSource, int size) : IAsyncDisposable
{
    /// <summary>About one browser's parallel tile requests (six per host over HTTP/1.1), at least one per core.</summary>
    public static int DefaultSize => Math.Max(6, Environment.ProcessorCount);

    /// <summary>Most connections in use at once; more requests wait for one.</summary>
    public int Size { get; } = size > 0 ? size : throw new ArgumentOutOfRangeException(nameof(size), size, "at least one connection");

    private readonly SemaphoreSlim slots = new(size, size);
    // idle connections, the most recently given back first (under the lock)
    private readonly LinkedList<NpgsqlConnection> idle = new();
    private readonly Lock gate = new();
    private int checking;
    private long broken;

    /// <summary>Connections found broken in use (then dropped; the work ran again on a new one).</summary>
    public long BrokenFound => Interlocked.Read(ref broken);

    /// <summary>The background check of idle connections started after a broken one was found (completed when none runs).</summary>
    public Task IdleCheck { get; private set; } = Task.CompletedTask;

    /// <summary>An open connection, the most recently returned first (or a new one from the data source); dispose the
    /// lease to give it back. A connection that is no longer open when given back is closed for good.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken ct = default) => await RentAsync(fresh: false, ct);

    private async ValueTask<Lease> RentAsync(bool fresh, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try
        {
            while (!fresh && TakeIdle() is { } kept)
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

    /// <summary>
    /// Runs <paramref name="work"/> on a lent connection. When it fails because the connection broke (its backend was
    /// terminated: a restart of the database, <c>pg_terminate_backend</c>), the connection is dropped and the work runs
    /// once more on a new connection — tile statements only read, so running one again is safe — and the other idle
    /// connections are checked in the background. Any other failure, or a second one, is the caller's.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Lease, Task<T>> work, CancellationToken ct = default)
    {
        await using (var lease = await RentAsync(fresh: false, ct))
        {
            try
            {
                return await work(lease);
            }
            catch (Exception e) when (IsBroken(lease.Connection, e) && !ct.IsCancellationRequested)
            {
                Interlocked.Increment(ref broken);
                CheckIdleInBackground();
            }
        }
        await using var retry = await RentAsync(fresh: true, ct);
        return await work(retry);
    }

    // the connection is no longer usable after the failure (Npgsql marks it broken or closed): its backend is gone
    private static bool IsBroken(NpgsqlConnection connection, Exception e) =>
        e is NpgsqlException or IOException or ObjectDisposedException or InvalidOperationException
        && connection.FullState is not ConnectionState.Open;

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

    /// <summary>
    /// Runs <paramref name="work"/> on each connection idle at the call, one at a time, each taken out of the idle list
    /// (and one slot) only while its work runs: requests meanwhile take the other idle connections, never wait for this.
    /// The least recently used goes first and each goes back on top when done, so the idle order ends as it began and a
    /// request arriving meanwhile is more likely to get one already done. A connection some request took meanwhile is
    /// skipped, so is the rest when every slot is in use; a connection whose work failed is dropped when it broke.
    /// Returns how many connections the work ran on.
    /// </summary>
    public async Task<int> ForEachIdleAsync(Func<NpgsqlConnection, CancellationToken, Task> work, CancellationToken ct = default)
    {
        List<NpgsqlConnection> snapshot;
        lock (gate) snapshot = [.. idle];
        snapshot.Reverse();
        var done = 0;
        foreach (var connection in snapshot)
        {
            ct.ThrowIfCancellationRequested();
            if (!slots.Wait(0)) break; // every connection is lent: the requests come first
            bool taken;
            lock (gate) taken = idle.Remove(connection);
            if (!taken)
            {
                slots.Release();
                continue;
            }
            try
            {
                await work(connection, ct);
                done++;
            }
            catch (Exception e) when (!ct.IsCancellationRequested && IsBroken(connection, e))
            {
                Interlocked.Increment(ref broken);
            }
            finally
            {
                await ReturnAsync(connection);
            }
        }
        return done;
    }

    // after a broken connection: the other kept ones may share its fate (a restart ended every backend), so each idle
    // one runs a trivial statement in the background and is dropped when broken, before a request would find out
    private void CheckIdleInBackground()
    {
        if (Interlocked.Exchange(ref checking, 1) == 1) return;
        IdleCheck = Task.Run(async () =>
        {
            try
            {
                await ForEachIdleAsync(async (c, ct) =>
                {
                    await using var command = new NpgsqlCommand("SELECT 1", c);
                    await command.ExecuteScalarAsync(ct);
                });
            }
            catch
            {
                // best effort: a request finding a broken connection still retries
            }
            finally
            {
                Volatile.Write(ref checking, 0);
            }
        });
    }

    private NpgsqlConnection? TakeIdle()
    {
        lock (gate)
        {
            if (idle.First is not { } first) return null;
            idle.RemoveFirst();
            return first.Value;
        }
    }

    private async ValueTask ReturnAsync(NpgsqlConnection connection)
    {
        if (connection.FullState == ConnectionState.Open)
            lock (gate) idle.AddFirst(connection);
        else await connection.DisposeAsync();
        slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        while (TakeIdle() is { } connection) await connection.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    /// <summary>A connection lent by <see cref="RentAsync(CancellationToken)"/>.</summary>
    public sealed class Lease(TileConnections owner, NpgsqlConnection connection) : IAsyncDisposable
    {
        private int returned;

        public NpgsqlConnection Connection { get; } = connection;

        public NpgsqlCommand CreateCommand(string sql) => new(sql, Connection);

        public ValueTask DisposeAsync() =>
            Interlocked.Exchange(ref returned, 1) == 0 ? owner.ReturnAsync(Connection) : ValueTask.CompletedTask;
    }
}
