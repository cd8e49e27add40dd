using DiaBan.Geo.Data;
using Npgsql;
using NpgsqlTypes;
using DiaBan.Analytics.Classification;

namespace DiaBan.Geo.Queries;

/// <summary>The layers served as Mapbox vector tiles (<c>/tiles/{layer}/{z}/{x}/{y}.mvt</c>).</summary>
public enum TileLayer
{
    /// <summary>Commune statuses of a year (official when recorded, else computed); province and (before 2025) district aggregates at low zoom.</summary>
    Status,
    /// <summary>Incidents of a year: points from <see cref="TileQueries.IncidentPointsFromZoom"/>, counts per grid cell below.</summary>
    Incidents,
    /// <summary>Getis–Ord Gi* per commune (bin −3…3), computed in Analytics and drawn with the communes' geometry.</summary>
    HotSpots,
    /// <summary>Local Moran's I (LISA) per commune (cluster code).</summary>
    Clusters,
    /// <summary>Emerging Hot Spot Analysis per commune (category).</summary>
    Emerging,
    /// <summary>Quartic kernel density cells (class of the share of the peak).</summary>
    Density,
}

/// <summary>
/// What a statistics tile draws, computed once per area, period and parameters (not per tile): per commune its id,
/// legend key (the key the map legend counts), class code, z and p; or, for density, each cell's WKB polygon,
/// legend key and density per km². The tile query joins these arrays to the communes' geometry.
/// </summary>
public sealed record StatisticsTileData(
    int[] UnitIds, string[] Keys, int[] Classes, double?[] Z, double?[] P,
    byte[][]? CellWkb = null, double[]? CellDensity = null)
{
    public static StatisticsTileData Cells(byte[][] wkb, string[] keys, double[] density) =>
        new([], keys, [], [], [], wkb, density);
}

/// <summary>What the map reads before asking for status tiles (<see cref="TileQueries.StatusViewAsync"/>): the data version,
/// the extent of the scope's communes [west, south, east, north] (null when none), whether districts are drawn.</summary>
public sealed record StatusTileView(long DataVersion, double[]? Bounds, bool HasDistricts);

/// <summary>A tile's bytes with the data version they show (<see cref="TileQueries.VersionedTileAsync"/>).</summary>
public readonly record struct VersionedTile(long DataVersion, byte[] Bytes);

/// <summary>One tile of the Web Mercator pyramid (XYZ scheme: y = 0 at the north).</summary>
public readonly record struct TileAddress(int Z, int X, int Y)
{
    /// <summary>Deepest zoom served: a commune is a few tiles wide long before this.</summary>
    public const int MaxZoom = 20;

    /// <summary>Why the address is not a tile (null when it is one): z within 0–<see cref="MaxZoom"/>, x and y within 0…2^z − 1.</summary>
    public string? Problem() =>
        Z is < 0 or > MaxZoom ? $"z must be 0–{MaxZoom}"
        : X < 0 || X >= 1 << Z ? $"x must be 0–{(1 << Z) - 1} at zoom {Z}"
        : Y < 0 || Y >= 1 << Z ? $"y must be 0–{(1 << Z) - 1} at zoom {Z}"
        : null;

    /// <summary>The tiles of zoom <paramref name="z"/> over [west, south, east, north], widened by <paramref name="margin"/> tiles each side.</summary>
    public static IEnumerable<TileAddress> Covering(double[] extent, int z, int margin = 0)
    {
        var n = 1 << z;
        var (x0, y0) = Containing(z, extent[0], extent[3]);
        var (x1, y1) = Containing(z, extent[2], extent[1]);
        for (var x = Math.Max(0, x0 - margin); x <= Math.Min(n - 1, x1 + margin); x++)
        for (var y = Math.Max(0, y0 - margin); y <= Math.Min(n - 1, y1 + margin); y++)
            yield return new TileAddress(z, x, y);
    }

    // the x, y of the zoom-z tile holding a WGS 84 point (Web Mercator, latitudes clamped to its ±85.0511°)
    private static (int X, int Y) Containing(int z, double lon, double lat)
    {
        var n = 1 << z;
        var r = Math.Clamp(lat, -85.0511, 85.0511) * Math.PI / 180;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(r) + 1 / Math.Cos(r)) / Math.PI) / 2 * n);
        return (Math.Clamp(x, 0, n - 1), Math.Clamp(y, 0, n - 1));
    }

    public override string ToString() => $"{Z}/{X}/{Y}";
}

/// <summary>
/// Mapbox vector tiles built in PostGIS (ST_TileEnvelope, ST_AsMVTGeom, ST_AsMVT), area-scoped like every read query.
/// Geometry is generalised to the tile's resolution before it is clipped: at zoom z one tile unit (of 4,096) is
/// 360° / 2^z / 4096, so simplifying by that tolerance removes only what the tile could not show.
/// Up to <see cref="ProvinceMaxZoom"/> the status layer holds areas with the counts of their communes by status
/// (a commune is a few pixels there): provinces, and from <see cref="DistrictMinZoom"/> the pre-2025 districts for
/// years that had them; from the next zoom the communes themselves.
/// The tile statements and the version read run on <see cref="TileConnections"/> (a few warm backends, most recently
/// used first); the map's other reads on the shared read pool.
/// </summary>
public sealed class TileQueries(NpgsqlDataSource dataSource, TileConnections connections)
{
    public const string MediaType = "application/vnd.mapbox-vector-tile";

    /// <summary>Tile extent in integer units (the MVT default).</summary>
    public const int Extent = 4096;

    /// <summary>Deepest zoom drawn as areas with aggregates (provinces, or districts from <see cref="DistrictMinZoom"/>); communes from the next one.</summary>
    public const int ProvinceMaxZoom = 7;

    /// <summary>
    /// First data zoom drawn as districts with aggregates, for years whose end has districts (before the 2025 reform);
    /// provinces there otherwise. With 512-pixel tiles (one data zoom below the display) districts show at display
    /// zooms 7–8, where a pre-2025 district (≈ 470 km², ≈ 22 km across) is 19–37 pixels wide and a commune (≈ 30 km²)
    /// only 5–9; provinces (≈ 5,200 km²) are 15–31 pixels at display zooms 5–6, communes 19 pixels and more from 9.
    /// </summary>
    public const int DistrictMinZoom = 6;

    /// <summary>Incidents are single points from this zoom; below it, counts per cell of <see cref="CellUnits"/> tile units.</summary>
    public const int IncidentPointsFromZoom = 11;

    /// <summary>Side of an incident count cell in tile units (16 of 4,096: 1/256 of a tile, one screen pixel at 256 px tiles).</summary>
    public const int CellUnits = 16;

    /// <summary>
    /// The number that changes whenever anything a tile shows changes: statement triggers on admin_unit,
    /// unit_lineage, status_assessment, incident and unit_indicator bump it in the writing transaction (migrations
    /// TileDataVersion, TileVersionIndicators),
    /// so a cached tile keyed by it is never served after the data under it changed, whichever process wrote.
    /// </summary>
    public async Task<long> DataVersionAsync(CancellationToken ct = default)
    {
        return await connections.RunAsync(async lease =>
        {
            await using var command = lease.CreateCommand("SELECT version FROM tile_data_version WHERE id = 1");
            return (long)(await command.ExecuteScalarAsync(ct))!;
        }, ct);
    }

    /// <summary>[west, south, east, north] of the communes valid at the end of the year inside the scope, to fit the map; null when none.</summary>
    public async Task<double[]?> ExtentAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return null;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
            FROM (SELECT ST_Extent(u.geom) AS e FROM admin_unit u
                  WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
                    AND u.id IN (SELECT id FROM scope_units)) x
            WHERE e IS NOT NULL
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        return await command.ExecuteScalarAsync(ct) as double[];
    }

    /// <summary>
    /// What the map needs to show the status tiles of <paramref name="year"/>, in one round trip: the data version (for
    /// the tile template), the extent of the scope's communes (<see cref="ExtentAsync"/>) and whether the tiles draw
    /// districts at the district zooms — some district is valid at the year's end (none from 2025, when the reform
    /// abolished them; none either where no districts were imported).
    /// </summary>
    public async Task<StatusTileView> StatusViewAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        var districtEra = UnitLevels.HasDistricts(new DateOnly(year, 12, 31));
        if (scope.IsEmpty) return new StatusTileView(await DataVersionAsync(ct), null, false);
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT (SELECT version FROM tile_data_version WHERE id = 1),
                   (SELECT ARRAY[ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)]
                    FROM (SELECT ST_Extent(u.geom) AS e FROM admin_unit u
                          WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
                            AND u.id IN (SELECT id FROM scope_units)) x
                    WHERE e IS NOT NULL),
                   @district_era AND EXISTS (SELECT 1 FROM admin_unit d WHERE d.level = 'district' AND {DomainSql.ValidOn("d", "make_date(@year, 12, 31)")})
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter<bool>("district_era", districtEra));
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StatusTileView(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<double[]>(1), reader.GetBoolean(2));
    }

    /// <summary>The tile's bytes (empty when nothing of the scope lies in it).</summary>
    public async Task<byte[]> TileAsync(TileLayer layer, TileAddress tile, int year, AreaScope scope, CancellationToken ct = default) =>
        (await VersionedTileAsync(layer, tile, year, scope, ct)).Bytes;

    /// <summary>
    /// The tile's bytes and the data version they were built from, in one round trip: both come from the same
    /// statement, hence the same snapshot (<see cref="Sql"/>), so the version is exactly the one the bytes show — what
    /// the tile cache keys them by and the ETag names. An empty scope reads the version alone.
    /// </summary>
    public async Task<VersionedTile> VersionedTileAsync(TileLayer layer, TileAddress tile, int year, AreaScope scope, CancellationToken ct = default)
    {
        if (tile.Problem() is { } problem) throw new ArgumentOutOfRangeException(nameof(tile), tile, problem);
        if (scope.IsEmpty) return new VersionedTile(await DataVersionAsync(ct), []);
        var (sql, _) = Sql(layer, tile.Z);
        return await connections.RunAsync(async lease =>
        {
            await using var command = lease.CreateCommand(sql);
            AddParameters(command, tile, year, scope);
            await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SingleRow | System.Data.CommandBehavior.SequentialAccess, ct);
            await reader.ReadAsync(ct);
            var version = reader.GetInt64(0);
            return new VersionedTile(version, await reader.IsDBNullAsync(1, ct) ? [] : await reader.GetFieldValueAsync<byte[]>(1, ct));
        }, ct);
    }

    /// <summary>
    /// Runs each status and incident tile statement once on <paramref name="connection"/> for an empty tile (the
    /// tile x = 0, y = 0 of its zoom: the Arctic corner), so that a new backend has read the tables' catalogs, statistics and plans before a
    /// user's tile needs them (the first statement of a fresh backend measured 70–230 ms against 1–10 ms after).
    /// Does nothing on a database whose schema is not there yet.
    /// </summary>
    public static void Warm(NpgsqlConnection connection)
    {
        using (var exists = new NpgsqlCommand(SchemaReadySql, connection))
            if (exists.ExecuteScalar() is not true) return;
        foreach (var command in WarmCommands(connection))
            using (command) command.ExecuteNonQuery();
    }

    /// <inheritdoc cref="Warm"/>
    public static async Task WarmAsync(NpgsqlConnection connection)
    {
        await using (var exists = new NpgsqlCommand(SchemaReadySql, connection))
            if (await exists.ExecuteScalarAsync() is not true) return;
        foreach (var command in WarmCommands(connection))
            await using (command) await command.ExecuteNonQueryAsync();
    }

    private const string SchemaReadySql = "SELECT to_regclass('tile_data_version') IS NOT NULL";

    // each status and incident statement for the empty tile (z, 0, 0), made one at a time as the caller runs them
    private static IEnumerable<NpgsqlCommand> WarmCommands(NpgsqlConnection connection)
    {
        foreach (var z in WarmZooms)
        foreach (var layer in new[] { TileLayer.Status, TileLayer.Incidents })
        {
            var command = new NpgsqlCommand(Sql(layer, z).Sql, connection);
            AddParameters(command, new TileAddress(z, 0, 0), DateTime.UtcNow.Year, AreaScope.Everything);
            yield return command;
        }
    }

    // one zoom of each statement: provinces, districts, communes / incident cells, points
    private static readonly int[] WarmZooms = [DistrictMinZoom - 1, ProvinceMaxZoom, IncidentPointsFromZoom];

    /// <summary>
    /// A statistics tile (<see cref="TileLayer.HotSpots"/>, <see cref="TileLayer.Clusters"/>, <see cref="TileLayer.Emerging"/>,
    /// <see cref="TileLayer.Density"/>): the per-commune results come as arrays and one ST_AsMVT query joins them to the
    /// generalised commune geometry inside the scope (density: the cells' own polygons, already limited to the area).
    /// </summary>
    public async Task<byte[]> StatisticsTileAsync(TileLayer layer, TileAddress tile, StatisticsTileData data, AreaScope scope, CancellationToken ct = default)
    {
        if (tile.Problem() is { } problem) throw new ArgumentOutOfRangeException(nameof(tile), tile, problem);
        if (scope.IsEmpty) return [];
        return await connections.RunAsync(async lease =>
        {
            await using var command = lease.CreateCommand(StatisticsSql(layer).Sql);
            AddStatisticsParameters(command, tile, data, scope);
            return await command.ExecuteScalarAsync(ct) as byte[] ?? [];
        }, ct);
    }

    /// <summary>The SQL and MVT layer name of a statistics tile (public for the benchmark's bare query).</summary>
    public static (string Sql, string LayerName) StatisticsSql(TileLayer layer) => layer switch
    {
        TileLayer.HotSpots => (HotSpotsSql, "statistics"),
        TileLayer.Clusters => (ClustersSql, "statistics"),
        TileLayer.Emerging => (EmergingSql, "statistics"),
        TileLayer.Density => (DensityCellsSql, "density"),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, "not a statistics layer"),
    };

    public static bool IsStatistics(TileLayer layer) => layer is TileLayer.HotSpots or TileLayer.Clusters or TileLayer.Emerging or TileLayer.Density;

    public static void AddStatisticsParameters(NpgsqlCommand command, TileAddress tile, StatisticsTileData data, AreaScope scope)
    {
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("z", tile.Z));
        command.Parameters.Add(new NpgsqlParameter<int>("x", tile.X));
        command.Parameters.Add(new NpgsqlParameter<int>("y", tile.Y));
        command.Parameters.Add(new NpgsqlParameter("tolerance", NpgsqlDbType.Double) { Value = Tolerance(tile.Z) });
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", data.Keys));
        if (data.CellWkb is { } cells)
        {
            command.Parameters.Add(new NpgsqlParameter<byte[][]>("cells", cells));
            command.Parameters.Add(new NpgsqlParameter<double[]>("density", data.CellDensity!));
            return;
        }
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", data.UnitIds));
        command.Parameters.Add(new NpgsqlParameter<int[]>("classes", data.Classes));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("zs", data.Z));
        command.Parameters.Add(new NpgsqlParameter<double?[]>("ps", data.P));
    }

    // one builder for the commune statistics; the class column is named as in the GeoJSON statistics API
    private static string CommuneStatisticsSql(string classColumn, string zColumn, string pColumn) => $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte},
        -- the communes in the tile first (GiST), then their results (a hash join on the arrays), as the status tiles do
        units AS MATERIALIZED (
            SELECT u.id, u.code, u.name, u.geom
            FROM admin_unit u, bounds b
            WHERE u.level = 'commune'
              AND u.geom && b.env4326
              AND u.id IN (SELECT id FROM scope_units)
        ),
        results AS (
            SELECT * FROM unnest(@ids, @keys, @classes, @zs, @ps) AS r(id, key, class, z, p)
        )
        SELECT ST_AsMVT(t, 'statistics', {Extent}, 'geom') FROM (
            SELECT u.code, u.name, r.key, r.class AS {classColumn}, r.z AS {zColumn}, r.p AS {pColumn},
                   {MvtGeom(Generalised("u.geom"))} AS geom
            FROM units u
            JOIN results r ON r.id = u.id
            CROSS JOIN bounds b
        ) t
        WHERE t.geom IS NOT NULL
        """;

    private static readonly string HotSpotsSql = CommuneStatisticsSql("bin", "z", "p");
    private static readonly string ClustersSql = CommuneStatisticsSql("cluster", "z", "p");
    private static readonly string EmergingSql = CommuneStatisticsSql("category", "trend_z", "trend_p");

    // density cells: polygons computed in Analytics (already limited to the caller's area), kept where they meet the tile
    private static readonly string DensityCellsSql = $"""
        WITH {BoundsCte},
        cells AS (
            SELECT ST_SetSRID(ST_GeomFromWKB(c.wkb), 4326) AS g, c.key, c.density
            FROM unnest(@cells, @keys, @density) AS c(wkb, key, density)
        )
        SELECT ST_AsMVT(t, 'density', {Extent}, 'geom') FROM (
            SELECT c.key, c.density, {MvtGeom("c.g")} AS geom
            FROM cells c CROSS JOIN bounds b
            WHERE c.g && b.env4326
        ) t
        WHERE t.geom IS NOT NULL
        """;

    /// <summary>
    /// The SQL of a tile and the name of its MVT layer, with parameters @z, @x, @y, @year, @tolerance and the scope's:
    /// one row of two columns, the data version (<see cref="DataVersionAsync"/>) and the tile's bytes (null when empty),
    /// read in one statement so both see the same snapshot. Public so the benchmark can time the bare query beside
    /// the endpoint.
    /// </summary>
    public static (string Sql, string LayerName) Sql(TileLayer layer, int z) => layer switch
    {
        TileLayer.Status when z < DistrictMinZoom => (VersionedProvinceStatusSql, "provinces"),
        TileLayer.Status when z <= ProvinceMaxZoom => (VersionedDistrictStatusSql, "districts"),
        TileLayer.Status => (VersionedCommuneStatusSql, "communes"),
        TileLayer.Incidents when z < IncidentPointsFromZoom => (VersionedIncidentCellsSql, "incident_cells"),
        TileLayer.Incidents => (VersionedIncidentPointsSql, "incidents"),
        _ => throw new ArgumentOutOfRangeException(nameof(layer), layer, null),
    };

    // the version beside the tile (an uncorrelated scalar subquery: planned as the bare tile query, run once)
    private static string WithVersion(string tileSql) => $"""
        SELECT (SELECT version FROM tile_data_version WHERE id = 1) AS version, ({tileSql}) AS tile
        """;

    public static void AddParameters(NpgsqlCommand command, TileAddress tile, int year, AreaScope scope)
    {
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("z", tile.Z));
        command.Parameters.Add(new NpgsqlParameter<int>("x", tile.X));
        command.Parameters.Add(new NpgsqlParameter<int>("y", tile.Y));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter("tolerance", NpgsqlDbType.Double) { Value = Tolerance(tile.Z) });
    }

    /// <summary>One tile unit at zoom <paramref name="z"/>, in degrees of longitude (the generalisation tolerance).</summary>
    public static double Tolerance(int z) => 360.0 / (1L << z) / Extent;

    // the tile in Web Mercator (for ST_AsMVTGeom) and in WGS 84 (to use the GIST index on the stored geometry)
    private const string BoundsCte = """
        bounds AS (
            SELECT e.env, ST_Transform(e.env, 4326) AS env4326
            FROM (SELECT ST_TileEnvelope(@z, @x, @y) AS env) e
        )
        """;

    private static string MvtGeom(string geometry) =>
        $"ST_AsMVTGeom(ST_Transform({geometry}, 3857), b.env, {Extent}, 64, true)";

    // simplified in degrees first (cheap, fewer points to project), kept when it collapses so small units still show
    private static string Generalised(string column) => $"ST_Simplify({column}, @tolerance, true)";

    private static readonly string CommuneStatusSql = $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte},
        units AS (
            SELECT u.id, u.code, u.name, u.geom
            FROM admin_unit u, bounds b
            WHERE u.level = 'commune'
              AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
              AND u.geom && b.env4326
              AND u.id IN (SELECT id FROM scope_units)
        )
        SELECT ST_AsMVT(t, 'communes', {Extent}, 'geom') FROM (
            SELECT u.code, u.name,
                   COALESCE(a.official_status, a.computed_status) AS status,
                   COALESCE(a.provisional AND a.official_status IS NULL, false) AS provisional,
                   a.official_status IS NOT NULL AS official,
                   {MvtGeom(Generalised("u.geom"))} AS geom
            FROM units u
            CROSS JOIN bounds b
            LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
        ) t
        WHERE t.geom IS NOT NULL
        """;

    // An area's figures (a province's or a pre-2025 district's) are those of its communes valid at the end of the year
    // that the scope reaches, linked by parent_id (province) or district_id (district); the dominant status is the most
    // frequent assessed one (the more severe on a tie), what the area is coloured by. A scalar subquery of its own, using
    // the outer scope_units and bounds, so the district zooms can fall back to provinces in one statement.
    private static string AreaAggregateMvt(string level, string layerName, string link) => $"""
        (WITH areas AS (
            SELECT p.id, p.code, p.name, p.parent_id, p.geom
            FROM admin_unit p, bounds b
            WHERE p.level = '{level}'
              AND {DomainSql.ValidOn("p", "make_date(@year, 12, 31)")}
              AND p.geom && b.env4326
        ),
        communes AS (
            SELECT u.{link} AS area_id, COALESCE(a.official_status, a.computed_status) AS status
            FROM admin_unit u
            LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
            WHERE u.level = 'commune'
              AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
              AND u.{link} IN (SELECT id FROM areas)
              AND u.id IN (SELECT id FROM scope_units)
        ),
        counts AS (
            SELECT area_id, status, count(*) AS n FROM communes GROUP BY area_id, status
        ),
        figures AS (
            SELECT area_id,
                   sum(n)::int AS total,
                   (sum(n) FILTER (WHERE status IS NOT NULL))::int AS assessed,
                   jsonb_object_agg(status, n) FILTER (WHERE status IS NOT NULL) AS by_status,
                   (array_agg(status ORDER BY n DESC, {DomainSql.StatusSeverity("status")} DESC NULLS LAST, status)
                        FILTER (WHERE status IS NOT NULL))[1] AS status
            FROM counts GROUP BY area_id
        )
        SELECT ST_AsMVT(t, '{layerName}', {Extent}, 'geom') FROM (
            SELECT p.code, p.name,{(level == "district" ? " pp.name AS province," : "")} f.total, COALESCE(f.assessed, 0) AS assessed, f.status,
                   {string.Join(", ", CommuneStatusInfo.All.Select(s =>
                       $"COALESCE((f.by_status ->> '{CommuneStatusInfo.Code(s)}')::int, 0) AS n_{CommuneStatusInfo.Code(s)}"))},
                   {MvtGeom(Generalised("p.geom"))} AS geom
            FROM areas p
            JOIN figures f ON f.area_id = p.id
            {(level == "district" ? "LEFT JOIN admin_unit pp ON pp.id = p.parent_id" : "")}
            CROSS JOIN bounds b
        ) t
        WHERE t.geom IS NOT NULL)
        """;

    private static readonly string ProvinceStatusSql = $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte}
        SELECT {AreaAggregateMvt("province", "provinces", "parent_id")}
        """;

    // the district zooms: districts when the year's end has any (pre-2025 years), else provinces as at the zooms below
    // (the 2025 reform abolished districts: from 2025 the map goes straight from provinces to communes)
    private static readonly string DistrictStatusSql = $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte}
        SELECT CASE WHEN EXISTS (SELECT 1 FROM admin_unit d
                                 WHERE d.level = 'district' AND {DomainSql.ValidOn("d", "make_date(@year, 12, 31)")})
                    THEN {AreaAggregateMvt("district", "districts", "district_id")}
                    ELSE {AreaAggregateMvt("province", "provinces", "parent_id")} END
        """;

    // incident has no GiST: the units (of any era) overlapping the tile lead to their incidents (IncidentArea)
    private static readonly string IncidentsInTile = $"""
        FROM incident i, bounds b
        WHERE {IncidentArea.UnitOverlaps("i", "tile_bounds.env4326", from: ", bounds tile_bounds", scoped: true)}
          AND i.geom && b.env4326
          AND i.occurred_on >= make_date(@year, 1, 1) AND i.occurred_on < make_date(@year + 1, 1, 1)
        """;

    private static readonly string IncidentPointsSql = $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte}
        SELECT ST_AsMVT(t, 'incidents', {Extent}, 'geom') FROM (
            SELECT i.id, i.kind, i.occurred_on::text AS occurred_on, i.persons,
                   {MvtGeom("i.geom")} AS geom
            {IncidentsInTile}
        ) t
        WHERE t.geom IS NOT NULL
        """;

    // counts per cell of CellUnits tile units, each drawn at the mean position of its incidents
    private static readonly string IncidentCellsSql = $"""
        WITH {AreaScopeSql.Cte}, {BoundsCte},
        cells AS (
            SELECT count(*)::int AS n, ST_Centroid(ST_Collect(p.g)) AS g
            FROM (
                SELECT ST_Transform(i.geom, 3857) AS g
                {IncidentsInTile}
            ) p
            GROUP BY ST_SnapToGrid(p.g, (ST_XMax(ST_TileEnvelope(@z, 0, 0)) - ST_XMin(ST_TileEnvelope(@z, 0, 0))) / {Extent / CellUnits})
        )
        SELECT ST_AsMVT(t, 'incident_cells', {Extent}, 'geom') FROM (
            SELECT c.n, ST_AsMVTGeom(c.g, b.env, {Extent}, 64, true) AS geom
            FROM cells c CROSS JOIN bounds b
        ) t
        WHERE t.geom IS NOT NULL
        """;

    // after the tile SQL above: static fields are initialised in the order of the text
    private static readonly string VersionedProvinceStatusSql = WithVersion(ProvinceStatusSql);
    private static readonly string VersionedDistrictStatusSql = WithVersion(DistrictStatusSql);
    private static readonly string VersionedCommuneStatusSql = WithVersion(CommuneStatusSql);
    private static readonly string VersionedIncidentCellsSql = WithVersion(IncidentCellsSql);
    private static readonly string VersionedIncidentPointsSql = WithVersion(IncidentPointsSql);
}
