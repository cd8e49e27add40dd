using Npgsql;

namespace DiaBan.Geo.Import;

/// <summary>When a bulk load of incidents drops the table's secondary indexes and foreign keys and rebuilds them.</summary>
public enum IndexMaintenance
{
    /// <summary>Rebuild when the load is large against the table (<see cref="IncidentIndexes.WorthRebuilding"/>) and the role owns it.</summary>
    Auto,
    /// <summary>Keep the indexes: every row updates them as it arrives (readers are never blocked).</summary>
    Keep,
    /// <summary>Drop, load, rebuild (when the role owns the table; otherwise as Keep).</summary>
    Rebuild,
}

/// <summary>
/// Deferred index maintenance for big incident loads, inside the caller's transaction: the secondary indexes and the
/// foreign keys of <c>incident</c> are dropped, the rows COPYed, then each index is built once from sorted input and
/// each foreign key validated by one join — instead of five index insertions and one foreign-key query per row
/// (docs/performance.md: 20× a bare COPY). The primary key stays. Dropping takes an ACCESS EXCLUSIVE lock: readers of
/// <c>incident</c> wait until the load commits, which is why only loads large against the table do it. A repeated
/// external id then surfaces when the unique index is rebuilt, as the same unique violation (same index name) the
/// importer already handles. Nothing is lost on failure: the DDL is rolled back with the transaction.
/// </summary>
public sealed class IncidentIndexes
{
    /// <summary>Below this many rows a load never rebuilds (the lock is not worth it).</summary>
    public const long MinimumRows = 50_000;

    private readonly List<string> _indexes = [];
    private readonly List<(string Name, string Definition)> _foreignKeys = [];

    private IncidentIndexes() { }

    /// <summary>
    /// Session settings for the builds, until the transaction ends: room to sort a national load in memory and the btree
    /// builds on parallel workers (PostgreSQL 15 shares the memory among them; a GiST build is not parallel, but sorts
    /// its points by PostGIS's sort support instead of inserting them one by one).
    /// </summary>
    public const string BuildSettings = "SET LOCAL maintenance_work_mem = '1GB'; SET LOCAL max_parallel_maintenance_workers = 2";

    /// <summary>Rebuild when the load is at least a quarter of the rows already stored (building an index over n rows costs
    /// a small fraction of n per-row insertions) and at least <see cref="MinimumRows"/>.</summary>
    public static bool WorthRebuilding(long incomingRows, long storedRows) =>
        incomingRows >= MinimumRows && incomingRows * 4 >= storedRows;

    /// <summary>Drops the secondary indexes and foreign keys of incident when the policy says so and the current role
    /// owns the table; returns null (nothing dropped) otherwise.</summary>
    public static async Task<IncidentIndexes?> DropIfWorthAsync(NpgsqlConnection conn, IndexMaintenance policy, long incomingRows,
        CancellationToken ct)
    {
        if (policy == IndexMaintenance.Keep) return null;
        await using (var cmd = new NpgsqlCommand("""
            SELECT pg_has_role(c.relowner, 'USAGE'), greatest(c.reltuples, 0)::bigint FROM pg_class c WHERE c.oid = 'incident'::regclass
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
        {
            await rd.ReadAsync(ct);
            var (owner, stored) = (rd.GetBoolean(0), rd.GetInt64(1));
            if (!owner || (policy == IndexMaintenance.Auto && !WorthRebuilding(incomingRows, stored))) return null;
        }
        var dropped = new IncidentIndexes();
        await using (var cmd = new NpgsqlCommand("""
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
            WHERE conrelid = 'incident'::regclass AND contype = 'f' ORDER BY conname
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) dropped._foreignKeys.Add((rd.GetString(0), rd.GetString(1)));
        await using (var cmd = new NpgsqlCommand("""
            SELECT pg_get_indexdef(i.indexrelid) FROM pg_index i
            WHERE i.indrelid = 'incident'::regclass AND NOT i.indisprimary ORDER BY i.indexrelid::regclass::text
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) dropped._indexes.Add(rd.GetString(0));
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT i.indexrelid::regclass::text FROM pg_index i WHERE i.indrelid = 'incident'::regclass AND NOT i.indisprimary
            """, conn))
        await using (var rd = await cmd.ExecuteReaderAsync(ct))
            while (await rd.ReadAsync(ct)) names.Add(rd.GetString(0));
        var sql = string.Concat(dropped._foreignKeys.Select(f => $"ALTER TABLE incident DROP CONSTRAINT {Quote(f.Name)};\n"))
                  + string.Concat(names.Select(n => $"DROP INDEX {n};\n"));
        if (sql.Length > 0) await ExecAsync(conn, sql, ct);
        return dropped;
    }

    /// <summary>Builds every dropped index (the unique one first: a repeated id fails fast) and re-adds each foreign key;
    /// <paramref name="timed"/>, when given, hears each statement's name and seconds.</summary>
    public async Task RebuildAsync(NpgsqlConnection conn, CancellationToken ct, Action<string, double>? timed = null)
    {
        await ExecAsync(conn, BuildSettings, ct);
        foreach (var index in _indexes.OrderBy(d => d.Contains("UNIQUE", StringComparison.Ordinal) ? 0 : 1))
            await TimedAsync(conn, index, IndexName(index), timed, ct);
        foreach (var (name, definition) in _foreignKeys)
            await TimedAsync(conn, $"ALTER TABLE incident ADD CONSTRAINT {Quote(name)} {definition}", $"foreign key {name}", timed, ct);
        await TimedAsync(conn, "ANALYZE incident", "ANALYZE incident", timed, ct);
    }

    // "CREATE [UNIQUE] INDEX name ON …" → "index name"
    private static string IndexName(string definition)
    {
        var words = definition.Split(' ');
        var at = Array.IndexOf(words, "INDEX");
        return at >= 0 && at + 1 < words.Length ? $"index {words[at + 1]}" : definition;
    }

    private static async Task TimedAsync(NpgsqlConnection conn, string sql, string what, Action<string, double>? timed, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await ExecAsync(conn, sql, ct);
        timed?.Invoke(what, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
