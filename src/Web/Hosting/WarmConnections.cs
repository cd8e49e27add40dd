using Npgsql;

namespace DiaBan.Web.Hosting;

/// <summary>
/// Every physical connection of the read pool pays PostGIS's first-use cost when it opens, not inside a user's query:
/// a new backend's first <c>ST_Transform</c> loads the library and sets up PROJ (≈ 40–55 ms measured here, against a
/// 2–20 ms tile), and the pool hands connections out in turn, so each fresh backend once cost some user a slow tile.
/// The map's tile statements run once too, on an empty tile (<see cref="DiaBan.Geo.Queries.TileQueries.Warm"/>): a fresh
/// backend's first statement over admin_unit and its neighbours reads their catalogs and statistics (70–230 ms).
/// So does the per-request session check (<see cref="DiaBan.Web.Auth.SessionValidation"/>), which runs on this pool.
/// At start-up the pool is filled with <see cref="Count"/> such warmed connections and keeps them (minimum pool size).
/// </summary>
public static class WarmConnections
{
    /// <summary>Connections opened at start-up and kept open: about one browser's parallel tile requests plus the app's own work.</summary>
    public const int Count = 8;

    // a DO block so a database without PostGIS yet (before its migration) still opens: plpgsql plans PERFORM only when reached
    internal const string Sql = """
        DO $$ BEGIN
          IF EXISTS (SELECT FROM pg_extension WHERE extname = 'postgis') THEN
            PERFORM ST_Transform(ST_SetSRID(ST_MakePoint(105.85, 21.03), 4326), 3857);
          END IF;
        END $$
        """;

    /// <summary>The read pool's data source: warmed physical connections (PostGIS, the tile statements, the session
    /// check that runs on it), at least <see cref="Count"/> kept.</summary>
    public static NpgsqlDataSource DataSource(string connectionString) => Build(connectionString, Count, withSessionCheck: true);

    /// <summary>The data source under <see cref="DiaBan.Geo.Queries.TileConnections"/>, which keeps its connections open
    /// itself: warmed for PostGIS and the tile statements only (no session check ever runs on them).</summary>
    public static NpgsqlDataSource TileDataSource(string connectionString)
    {
        // named, so an operator (and the tests) can tell the tile backends apart in pg_stat_activity
        var named = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(named.ApplicationName)) named.ApplicationName = TileApplicationName;
        // TileConnections keeps its connections itself: one it closes ends its backend, and the new connection it opens
        // after a broken one is a new backend, never an idle one of Npgsql's pool
        named.Pooling = false;
        return Build(named.ConnectionString, 0, withSessionCheck: false);
    }

    /// <summary>The <c>application_name</c> of the tile connections' backends (unless the connection string names one).</summary>
    public const string TileApplicationName = "DiaBan tiles";

    private static NpgsqlDataSource Build(string connectionString, int minimum, bool withSessionCheck)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MinPoolSize < minimum) builder.ConnectionStringBuilder.MinPoolSize = minimum;
        builder.UsePhysicalConnectionInitializer(c => Warm(c, withSessionCheck), c => WarmAsync(c, withSessionCheck));
        return builder.Build();
    }

    /// <summary>Opens <see cref="Count"/> connections at once and returns them to the pool, each warmed by its initializer.</summary>
    public static async Task FillAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var open = await Task.WhenAll(Enumerable.Range(0, Count).Select(_ => dataSource.OpenConnectionAsync(ct).AsTask()));
        foreach (var connection in open) await connection.DisposeAsync();
    }

    private static void Warm(NpgsqlConnection connection, bool withSessionCheck)
    {
        using (var command = new NpgsqlCommand(Sql, connection)) command.ExecuteNonQuery();
        DiaBan.Geo.Queries.TileQueries.Warm(connection);
        if (!withSessionCheck) return;
        using (var exists = new NpgsqlCommand(IdentityReadySql, connection))
            if (exists.ExecuteScalar() is true)
                using (var session = SessionCheck(connection)) session.ExecuteNonQuery();
    }

    private static async Task WarmAsync(NpgsqlConnection connection, bool withSessionCheck)
    {
        await using (var command = new NpgsqlCommand(Sql, connection)) await command.ExecuteNonQueryAsync();
        await DiaBan.Geo.Queries.TileQueries.WarmAsync(connection);
        if (!withSessionCheck) return;
        await using (var exists = new NpgsqlCommand(IdentityReadySql, connection))
            if (await exists.ExecuteScalarAsync() is true)
                await using (var session = SessionCheck(connection)) await session.ExecuteNonQueryAsync();
    }

    // the per-request session check (DiaBan.Web.Auth.SessionValidation), once Identity's tables exist, for an id no
    // account has: its first run on a backend reads their catalogs
    private const string IdentityReadySql = $"SELECT to_regclass('{Auth.AuthDb.Schema}.\"AspNetUsers\"') IS NOT NULL";

    private static NpgsqlCommand SessionCheck(NpgsqlConnection connection)
    {
        var command = new NpgsqlCommand(Auth.SessionValidation.Sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string>("id", ""));
        return command;
    }
}
