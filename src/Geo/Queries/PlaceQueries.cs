using DiaBan.Analytics.Places;
using DiaBan.Analytics.Records;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>
/// The stable id of a grid square across dates, communes and rebuilds: (UTM zone, i, j) packed into one long —
/// zone in bits 48+, i and j in 24 bits each (squares of ≥ 1 m in a UTM zone stay below 2²⁴). <see cref="GridCell.Id"/>
/// is this key, so a forecast, the sheet and the recorded exposure speak of the same square before and after the merger.
/// </summary>
public static class GridCellKey
{
    public static long Of(int srid, int i, int j)
    {
        if (i is < 0 or >= 1 << 24 || j is < 0 or >= 1 << 24) throw new ArgumentOutOfRangeException(nameof(i), $"square ({i}, {j}) outside the UTM key range");
        return ((long)(srid - 32600) << 48) | ((long)i << 24) | (long)j;
    }

    public static (int Srid, int I, int J) Parse(long id) => ((int)(id >> 48) + 32600, (int)((id >> 24) & 0xFFFFFF), (int)(id & 0xFFFFFF));
}

/// <summary>What to read beside the cells (defaults: all history, every source).</summary>
public sealed record PlaceLoadOptions
{
    /// <summary>First day of history read (null = all incidents before the scoring date).</summary>
    public DateOnly? HistoryFrom { get; init; }

    /// <summary>
    /// The cell-level feedback guard (<see cref="DiaBan.Analytics.Risk.FeedbackGuard.ExposureAdjusted"/>): only incidents
    /// reported by channels other than patrols enter the history, so a square is not scored higher merely for having been
    /// patrolled; patrol effort enters the sheet through the days since the square's last recorded patrol.
    /// </summary>
    public bool ReportedOnly { get; init; }
}

/// <summary>A scope's incidents as a fingerprint: how many and the largest id (incidents are inserted or deleted, not updated).</summary>
public readonly record struct IncidentFingerprint(long Count, long MaxId);

/// <summary>The fingerprint of a scope's place data (<see cref="PlaceQueries.DataVersionAsync"/>): incidents, businesses, spots.</summary>
public readonly record struct PlaceDataVersion(IncidentFingerprint Incidents, long Businesses, long BusinessHash, long VerifiedSpotSteps,
    long MaxSpotStepId, long Spots, long SpotHash);

/// <summary>A grid square as the sheet shows it: the scoring cell plus its commune and the square's indices.</summary>
public sealed record PlaceCellInfo(long Id, int Srid, int I, int J, int UnitId, string UnitCode, string UnitName, double AreaShare,
    double Lon, double Lat, int? DaysSinceLastPatrol);

/// <summary>
/// Reads the patrol grid for place forecasting, area-scoped (<see cref="AreaScopeSql"/>): the squares valid on a date in
/// the caller's communes, the incidents before that date projected to the grid CRS in SQL, and the place context.
/// A square split between communes of the scope is one <see cref="GridCell"/> (shares summed, commune of the largest piece).
/// </summary>
public sealed class PlaceQueries(NpgsqlDataSource dataSource)
{
    // the scope's pieces valid on the day, in square order and within a square largest piece first; PlaceQueries sums
    // them per square while reading (an array_agg per square in SQL took most of the load)
    private static readonly string CellsSql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT g.srid, g.i, g.j, g.unit_id, g.area_share, g.x, g.y
        FROM grid_cell g JOIN scope_units s ON s.id = g.unit_id
        WHERE g.size_m = @size AND {DomainSql.ValidOn("g", "@day")}
        ORDER BY g.srid, g.i, g.j, g.area_share DESC, g.unit_id
        """;

    // incidents of the scope's communes (any era) before the day, in the grid CRS
    private static readonly string HistorySql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT ST_X(p), ST_Y(p), i.occurred_on
        FROM incident i JOIN scope_units s ON s.id = i.unit_id
        CROSS JOIN LATERAL ST_Transform(i.geom, @srid) p
        WHERE i.occurred_on < @day AND (@history_from IS NULL OR i.occurred_on >= @history_from) AND i.kind <> 'other'
          AND (NOT @reported_only OR COALESCE(i.source, '') <> 'patrol')
        ORDER BY i.occurred_on, i.id
        """;

    // the scope's businesses with their dates (any opened on or before the day: ContextAt picks those open on each date)
    private static readonly string BusinessSql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT ST_X(p), ST_Y(p), b.opened_on, b.closed_on
        FROM conditional_business b JOIN scope_units s ON s.id = b.unit_id
        CROSS JOIN LATERAL ST_Transform(b.geom, @srid) p
        WHERE (b.opened_on IS NULL OR b.opened_on <= @day)
        ORDER BY b.id
        """;

    // the scope's spots (commune at detection, or one merged into the scope) and their verified steps up to the day, in the
    // order they were taken; ContextAt turns them into the spans each spot was open (SpotLifecycle.ActiveSpans)
    private static readonly string SpotStepSql = $"""
        WITH {AreaScopeSql.Cte},
        spot AS (
            SELECT d.id, ST_X(p) AS x, ST_Y(p) AS y
            FROM drug_spot d JOIN scope_units s ON s.id = d.unit_id
            CROSS JOIN LATERAL ST_Transform(d.geom, @srid) p
        )
        SELECT spot.id, spot.x, spot.y, st.state, st.occurred_on
        FROM spot JOIN drug_spot_step st ON st.spot_id = spot.id
        WHERE st.review = 'verified' AND st.occurred_on <= @day
        ORDER BY spot.id, st.occurred_on, st.seq
        """;

    // key routes are national (reference data): their vertices within 5 km of the scope's squares, densified to one per cell size
    private const string RouteSql = """
        WITH extent AS (SELECT ST_Expand(ST_MakeEnvelope(@xmin, @ymin, @xmax, @ymax, @srid), 5000) AS e)
        SELECT ST_X(d.geom), ST_Y(d.geom)
        FROM key_route r CROSS JOIN extent
        CROSS JOIN LATERAL ST_DumpPoints(ST_Segmentize(ST_Transform(r.geom, @srid), @size)) d
        WHERE ST_Intersects(ST_Transform(r.geom, @srid), extent.e) AND ST_Intersects(d.geom, extent.e)
        ORDER BY r.id, d.path
        """;

    /// <summary>
    /// Codes of the provinces valid on the day that have grid squares of this size (server-side only: the cell-model
    /// trainer reads each whole province with it; no user ever gets this list through it).
    /// </summary>
    public async Task<IReadOnlyList<string>> GriddedProvincesAsync(int sizeM, DateOnly day, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"""
            SELECT p.code FROM admin_unit p
            WHERE p.level = 'province' AND {DomainSql.ValidOn("p", "@day")}
              AND EXISTS (SELECT 1 FROM grid_cell g JOIN admin_unit c ON c.id = g.unit_id JOIN admin_unit cp ON cp.id = c.parent_id
                          WHERE g.size_m = @size AND cp.code = p.code)
            ORDER BY p.code
            """);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        command.Parameters.Add(new NpgsqlParameter<int>("size", sizeM));
        var codes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) codes.Add(reader.GetString(0));
        return codes;
    }

    /// <summary>
    /// Everything a cell scorer needs for <paramref name="scope"/> on <paramref name="day"/>: the squares of
    /// <paramref name="sizeM"/> metres valid that day in the scope (empty when the grid is not built or the scope is
    /// empty), the scope's incidents strictly before the day, and the place context in the grid CRS, dated:
    /// <see cref="CellScoringInput.Context"/> holds the businesses open and the spots open (last verified step before the
    /// end of the day detected, under watch or re-emerged, DOMAIN.md §6 table 2) on the day, and
    /// <see cref="CellScoringInput.ContextAt"/> the same on any earlier date (one read of each table, not one per date), so a
    /// model's training origins and a backtest's folds see only what was known then. Key routes are as stored.
    /// </summary>
    public async Task<CellScoringInput> ScoringInputAsync(AreaScope scope, int sizeM, DateOnly day, ForecastHorizon horizon,
        PlaceLoadOptions? options = null, CancellationToken ct = default)
    {
        options ??= new PlaceLoadOptions();
        var empty = new CellScoringInput([], sizeM, [], day, horizon);
        if (scope.IsEmpty) return empty;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);

        var cells = new List<GridCell>();
        int? srid = null;
        await using (var command = new NpgsqlCommand(CellsSql, connection, tx))
        {
            AreaScopeSql.AddParameters(command, scope);
            command.Parameters.Add(new NpgsqlParameter<int>("size", sizeM));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
            await using var reader = await command.ExecuteReaderAsync(ct);
            // one square = consecutive rows: commune of the first (largest) piece, shares summed (capped at 1), centroid
            // weighted by share
            long key = -1;
            int unit = 0;
            double share = 0, sx = 0, sy = 0;
            while (await reader.ReadAsync(ct))
            {
                var zone = reader.GetInt32(0);
                if (srid is int known && known != zone)
                    throw new ArgumentException($"the area spans UTM zones EPSG:{known} and EPSG:{zone}; score one province at a time / địa bàn trải trên hai múi UTM, hãy chọn từng tỉnh", nameof(scope));
                srid = zone;
                var id = GridCellKey.Of(zone, reader.GetInt32(1), reader.GetInt32(2));
                double a = reader.GetDouble(4), x = reader.GetDouble(5), y = reader.GetDouble(6);
                if (id != key)
                {
                    if (key >= 0) cells.Add(new GridCell(key, sx / share, sy / share, unit) { AreaShare = Math.Min(share, 1.0) });
                    (key, unit, share, sx, sy) = (id, reader.GetInt32(3), 0, 0, 0);
                }
                share += a;
                sx += x * a;
                sy += y * a;
            }
            if (key >= 0) cells.Add(new GridCell(key, sx / share, sy / share, unit) { AreaShare = Math.Min(share, 1.0) });
        }
        if (srid is not int grid) return empty;

        var history = new List<PlaceEvent>();
        await using (var command = new NpgsqlCommand(HistorySql, connection, tx))
        {
            AddCommon(command, scope, grid, day);
            command.Parameters.Add(new NpgsqlParameter("history_from", NpgsqlDbType.Date) { Value = (object?)options.HistoryFrom ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<bool>("reported_only", options.ReportedOnly));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) history.Add(new PlaceEvent(reader.GetDouble(0), reader.GetDouble(1), reader.GetFieldValue<DateOnly>(2)));
        }

        var businesses = new List<DatedPlace>();
        await using (var command = new NpgsqlCommand(BusinessSql, connection, tx))
        {
            AddCommon(command, scope, grid, day);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                businesses.Add(new DatedPlace(reader.GetDouble(0), reader.GetDouble(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)));
        }

        var spots = new List<DatedPlace>();
        await using (var command = new NpgsqlCommand(SpotStepSql, connection, tx))
        {
            AddCommon(command, scope, grid, day);
            await using var reader = await command.ExecuteReaderAsync(ct);
            long spot = -1;
            double x = 0, y = 0;
            var steps = new List<SpotStep>();
            void Flush()
            {
                foreach (var (from, to) in SpotLifecycle.ActiveSpans(steps)) spots.Add(new DatedPlace(x, y, from, to));
                steps.Clear();
            }
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetInt64(0);
                if (id != spot)
                {
                    Flush();
                    (spot, x, y) = (id, reader.GetDouble(1), reader.GetDouble(2));
                }
                if (!SpotLifecycle.TryParseState(reader.GetString(3), out var state))
                    throw new InvalidOperationException($"drug_spot_step of spot {id}: unknown state '{reader.GetString(3)}'");
                steps.Add(new SpotStep(state, reader.GetFieldValue<DateOnly>(4)));
            }
            Flush();
        }

        var routes = new List<(double, double)>();
        await using (var command = new NpgsqlCommand(RouteSql, connection, tx))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("srid", grid));
            command.Parameters.Add(new NpgsqlParameter<double>("size", sizeM));
            command.Parameters.Add(new NpgsqlParameter<double>("xmin", cells.Min(c => c.X) - sizeM));
            command.Parameters.Add(new NpgsqlParameter<double>("ymin", cells.Min(c => c.Y) - sizeM));
            command.Parameters.Add(new NpgsqlParameter<double>("xmax", cells.Max(c => c.X) + sizeM));
            command.Parameters.Add(new NpgsqlParameter<double>("ymax", cells.Max(c => c.Y) + sizeM));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) routes.Add((reader.GetDouble(0), reader.GetDouble(1)));
        }
        await tx.CommitAsync(ct);

        // dated: the training origins of a model read the businesses and spots open on each of them, not today's
        var context = new DatedPlaceContext(spots, businesses, routes);
        return new CellScoringInput(cells, sizeM, history, day, horizon) { Context = context.At(day), ContextAt = context.At };
    }

    // the scope's pieces of the listed squares valid on the day, one row per square: commune of the largest piece
    private static readonly string ChosenSql = $"""
        WITH {AreaScopeSql.Cte},
        wanted AS (SELECT * FROM unnest(@srids, @is, @js, @props) AS w(srid, i, j, props)),
        piece AS (
            SELECT g.*, w.props FROM grid_cell g JOIN scope_units s ON s.id = g.unit_id
            JOIN wanted w ON w.srid = g.srid AND w.i = g.i AND w.j = g.j
            WHERE g.size_m = @size AND {DomainSql.ValidOn("g", "@day")}
        ),
        square AS (
            SELECT srid, i, j, (array_agg(unit_id ORDER BY area_share DESC, unit_id))[1] AS unit_id,
                   LEAST(sum(area_share), 1.0) AS share, ST_Multi(ST_Union(geom)) AS geom, (array_agg(props))[1] AS props
            FROM piece GROUP BY srid, i, j
        )
        """;

    /// <summary>
    /// The listed squares (ids from <see cref="GridCellKey"/>) that lie in the scope on the day, with their commune, centroid
    /// in WGS 84 and the days since a patrol was last recorded on them before the day (null = never). Squares outside the
    /// scope are left out, whatever the caller asked.
    /// </summary>
    public async Task<IReadOnlyList<PlaceCellInfo>> CellInfoAsync(AreaScope scope, int sizeM, DateOnly day, IReadOnlyCollection<long> cellIds,
        CancellationToken ct = default)
    {
        var result = new List<PlaceCellInfo>();
        if (scope.IsEmpty || cellIds.Count == 0) return result;
        await using var command = dataSource.CreateCommand(ChosenSql + """
            SELECT q.srid, q.i, q.j, q.unit_id, u.code, u.name, q.share,
                   ST_X(ST_Centroid(q.geom)), ST_Y(ST_Centroid(q.geom)),
                   (SELECT @day - max(e.period_to) + 1 FROM patrol_cell_exposure e
                    WHERE e.size_m = @size AND e.srid = q.srid AND e.i = q.i AND e.j = q.j AND e.period_from < @day)
            FROM square q JOIN admin_unit u ON u.id = q.unit_id
            ORDER BY q.srid, q.i, q.j
            """);
        AddChosen(command, scope, sizeM, day, cellIds.Select(id => (id, "{}")).ToList());
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            int srid = reader.GetInt32(0), i = reader.GetInt32(1), j = reader.GetInt32(2);
            result.Add(new PlaceCellInfo(GridCellKey.Of(srid, i, j), srid, i, j, reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
                reader.GetDouble(6), reader.GetDouble(7), reader.GetDouble(8), reader.IsDBNull(9) ? null : Math.Max(0, reader.GetInt32(9))));
        }
        return result;
    }

    /// <summary>
    /// A FeatureCollection of the listed squares in the scope on the day (feature id = the cell id), each with the
    /// caller's properties (a JSON object per cell, e.g. rank and score) plus <c>commune_code</c> and <c>area_share</c>.
    /// </summary>
    public async Task<string> CellsFeatureCollectionAsync(AreaScope scope, int sizeM, DateOnly day, IReadOnlyList<(long CellId, string PropertiesJson)> cells,
        CancellationToken ct = default)
    {
        if (scope.IsEmpty || cells.Count == 0) return GeoJson.EmptyFeatureCollection;
        var sql = ChosenSql + GeoJson.FeatureCollectionSql(
            "u.props || jsonb_build_object('commune_code', u.unit_code, 'area_share', round(u.share::numeric, 3))",
            """
            FROM (SELECT (((q.srid - 32600)::bigint << 48) | (q.i::bigint << 24) | q.j)::text AS code, q.geom, q.props, q.share, au.code AS unit_code
                  FROM square q JOIN admin_unit au ON au.id = q.unit_id) u
            """);
        await using var command = dataSource.CreateCommand(sql);
        AddChosen(command, scope, sizeM, day, cells);
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", 0.00001));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static void AddChosen(NpgsqlCommand command, AreaScope scope, int sizeM, DateOnly day, IReadOnlyList<(long CellId, string Props)> cells)
    {
        AreaScopeSql.AddParameters(command, scope);
        var keys = cells.Select(c => GridCellKey.Parse(c.CellId)).ToArray();
        command.Parameters.Add(new NpgsqlParameter<int[]>("srids", keys.Select(k => k.Srid).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("is", keys.Select(k => k.I).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("js", keys.Select(k => k.J).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("props", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = cells.Select(c => c.Props).ToArray() });
        command.Parameters.Add(new NpgsqlParameter<int>("size", sizeM));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
    }

    /// <summary>Per square of the scope's communes, the last day (exclusive end) a patrol was recorded on it before <paramref name="day"/>.</summary>
    public async Task<IReadOnlyDictionary<long, DateOnly>> LastPatrolsAsync(AreaScope scope, int sizeM, DateOnly day, CancellationToken ct = default)
    {
        var result = new Dictionary<long, DateOnly>();
        if (scope.IsEmpty) return result;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT e.srid, e.i, e.j, max(LEAST(e.period_to, @day))
            FROM patrol_cell_exposure e JOIN scope_units s ON s.id = e.unit_id
            WHERE e.size_m = @size AND e.period_from < @day
            GROUP BY e.srid, e.i, e.j
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("size", sizeM));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            result[GridCellKey.Of(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2))] = reader.GetFieldValue<DateOnly>(3);
        return result;
    }

    /// <summary>
    /// The first day a sheet should cover by default: <paramref name="today"/>, or the day after the scope's latest
    /// incident when the data stops earlier (a demo or an import that lags), so the sheet forecasts from real history.
    /// </summary>
    public async Task<DateOnly> DefaultSheetDayAsync(AreaScope scope, DateOnly today, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return today;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT {IncidentArea.DayBound("max", "SELECT id FROM scope_units", "i.occurred_on < @today")}
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", today));
        var last = await command.ExecuteScalarAsync(ct);
        return last is DateOnly d && d.AddDays(1) < today ? d.AddDays(1) : today;
    }

    /// <summary>
    /// A fingerprint of what <see cref="ScoringInputAsync"/> reads for the scope besides the grid: its incidents (count and
    /// largest id: incidents are only inserted or deleted, never updated), its businesses (count and a hash of id, dates,
    /// commune and point) and its spots (verified steps: count and largest id; spots: count and a hash of id and point).
    /// Equal fingerprints = the same history and context, so a cached ranking or a trained model is still current.
    /// </summary>
    public async Task<PlaceDataVersion> DataVersionAsync(AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return default;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT i.n, i.m, b.n, b.h, st.n, st.m, sp.n, sp.h FROM
              (SELECT count(*) AS n, COALESCE(max(i.id), 0) AS m FROM incident i JOIN scope_units s ON s.id = i.unit_id) i,
              (SELECT count(*) AS n, COALESCE(sum(hashtext(concat_ws('|', b.id, b.opened_on, b.closed_on, b.unit_id, ST_AsText(b.geom)))), 0)::bigint AS h
               FROM conditional_business b JOIN scope_units s ON s.id = b.unit_id) b,
              (SELECT count(*) AS n, COALESCE(max(st.id), 0) AS m FROM drug_spot_step st JOIN drug_spot d ON d.id = st.spot_id
               JOIN scope_units s ON s.id = d.unit_id WHERE st.review = 'verified') st,
              (SELECT count(*) AS n, COALESCE(sum(hashtext(concat_ws('|', d.id, d.unit_id, ST_AsText(d.geom)))), 0)::bigint AS h
               FROM drug_spot d JOIN scope_units s ON s.id = d.unit_id) sp
            """);
        AreaScopeSql.AddParameters(command, scope);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PlaceDataVersion(new IncidentFingerprint(reader.GetInt64(0), reader.GetInt64(1)),
            reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7));
    }

    private static void AddCommon(NpgsqlCommand command, AreaScope scope, int srid, DateOnly day)
    {
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("srid", srid));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
    }
}
