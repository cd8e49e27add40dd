using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Risk;
using DiaBan.Analytics.Spatial;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>
/// Builds the risk model's unit × quarter panel in PostGIS. The units are the communes valid on the panel's last day;
/// incidents of every year are re-joined spatially to them, so the 1/7/2025 merger does not break a series. Statuses
/// of earlier years come from the unit itself or, across the merger, from the worst of its predecessors.
/// </summary>
public sealed class RiskPanelQuery(NpgsqlDataSource dataSource)
{
    /// <summary>Distance used when no key route is declared: far enough that the feature carries no signal.</summary>
    public const double NoRouteDistanceM = 100_000;

    private static readonly string UnitsSql = $"""
        CREATE TEMP TABLE risk_panel_unit ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY u.code, u.id) - 1)::int AS idx, u.id, u.geom
        FROM admin_unit u LEFT JOIN admin_unit p ON p.id = u.parent_id
        WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "@last_day")}
          AND (@province IS NULL OR p.code = @province);
        CREATE INDEX ON risk_panel_unit USING gist (geom);
        ANALYZE risk_panel_unit;
        """;

    // one commune per incident even when a point lies on a shared border
    private const string IncidentJoin = """
        FROM incident i
        JOIN LATERAL (SELECT pu.idx FROM risk_panel_unit pu WHERE ST_Covers(pu.geom, i.geom) ORDER BY pu.idx LIMIT 1) m ON true
        WHERE i.occurred_on >= @start AND i.occurred_on < @end AND i.kind <> 'other'
        """;

    private static readonly string QuarterOf = DomainSql.QuarterOrdinal("i.occurred_on");

    // incidents whose stored source is the patrol code count as patrol-found, every other source as reported
    private static readonly string FoundOnPatrol = $"COALESCE(i.source, '') = '{IncidentSources.PatrolCode}'";

    private static readonly IReadOnlyDictionary<string, IncidentKind> CountedKinds = IncidentKinds.Counted.ToDictionary(k => k.Code());

    /// <summary>
    /// Panel of quarters <paramref name="fromQuarter"/>…<paramref name="toQuarter"/> (absolute indices). Default start:
    /// the first quarter with an incident. <paramref name="withPoints"/> also reads every incident point (the KDE baseline).
    /// </summary>
    public async Task<(RiskPanel Panel, IReadOnlyList<IncidentPoint> Points)> BuildAsync(int toQuarter, int? fromQuarter = null,
        string? provinceCode = null, bool withPoints = false, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        int first = fromQuarter ?? await FirstIncidentQuarterAsync(connection, ct) ?? toQuarter;
        if (first > toQuarter) throw new InvalidOperationException($"No incident data up to {CalendarQuarter.FromOrdinal(toQuarter).Label} / không có dữ liệu vụ việc.");
        var start = CalendarQuarter.FromOrdinal(first).Start;
        var end = CalendarQuarter.FromOrdinal(toQuarter).EndExclusive;
        var p = new Parameters(start, end, provinceCode);

        await Execute(connection, UnitsSql, p, ct);
        var units = await ReadUnitsAsync(connection, p, ct);
        if (units.Count == 0) throw new InvalidOperationException("No commune is valid at the panel's end / không có xã nào còn hiệu lực.");
        int n = units.Count;
        var quarters = Enumerable.Range(first, toQuarter - first + 1).ToArray();
        var counts = await ReadCountsAsync(connection, p, n, quarters, ct);
        var neighbours = Neighbours(units);
        var (firstYear, status) = await ReadStatusAsync(connection, p, n, CalendarQuarter.FromOrdinal(first).Year, CalendarQuarter.FromOrdinal(toQuarter).Year, ct);
        var patrol = await ReadPatrolAsync(connection, p, n, quarters, ct);
        var points = withPoints ? await ReadPointsAsync(connection, p, units, ct) : [];
        await tx.CommitAsync(ct);

        var (useSites, dealingSites) = ActiveSites(counts, n, quarters.Length);
        var panel = new UnitQuarterPanel
        {
            UnitIds = units.Select(u => u.Code).ToArray(),
            Quarters = quarters,
            Counts = counts,
            ActiveUseSites = useSites,
            ActiveDealingSites = dealingSites,
            Population = units.Select(u => u.Population).ToArray(),
            AreaKm2 = units.Select(u => u.AreaKm2).ToArray(),
            ConditionalBusinesses = units.Select(u => u.Businesses).ToArray(),
            KeyRouteDistanceM = units.Select(u => u.RouteDistanceM ?? NoRouteDistanceM).ToArray(),
            Neighbours = neighbours,
            PatrolDays = patrol,
            FirstStatusYear = firstYear,
            StatusByYear = status,
        };
        panel.Validate();
        var projection = new LocalProjection(units.Average(u => u.Lon), units.Average(u => u.Lat));
        var centroids = units.Select(u => projection.Forward(u.Lon, u.Lat)).Select(c => (c.X, c.Y)).ToArray();
        var projected = points.Select(pt =>
        {
            var c = projection.Forward(pt.X, pt.Y);
            return pt with { X = c.X, Y = c.Y };
        }).ToArray();
        return (new RiskPanel(panel, units.Select(u => u.Id).ToArray(), units.Select(u => u.Name).ToArray(),
            units.Select(u => u.Kind).ToArray(), centroids, provinceCode), projected);
    }

    /// <summary>The last quarter fully covered by incident data (the quarter before the day after the newest incident).</summary>
    public async Task<int?> LastCompleteQuarterAsync(CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {IncidentArea.DayBound("max", "SELECT id FROM admin_unit", withoutUnit: true)}");
        var value = await command.ExecuteScalarAsync(ct);
        if (value is not DateOnly last) return null;
        var next = last.AddDays(1);
        return CalendarQuarter.Of(next).Ordinal - 1;
    }

    private sealed record Parameters(DateOnly Start, DateOnly End, string? Province);

    private sealed record UnitRow(int Id, string Code, string Name, string Kind, double Population, double AreaKm2,
        double Businesses, double? RouteDistanceM, double Lon, double Lat, Geometry Geometry);

    private static async Task<int?> FirstIncidentQuarterAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT {IncidentArea.DayBound("min", "SELECT id FROM admin_unit", withoutUnit: true)}", connection);
        return await command.ExecuteScalarAsync(ct) is DateOnly d ? CalendarQuarter.Of(d).Ordinal : null;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, Parameters p)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("start", p.Start));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("end", p.End));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("last_day", p.End.AddDays(-1)));
        command.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)p.Province ?? DBNull.Value });
        return command;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, Parameters p, CancellationToken ct)
    {
        await using var command = Command(connection, sql, p);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<List<UnitRow>> ReadUnitsAsync(NpgsqlConnection connection, Parameters p, CancellationToken ct)
    {
        const string sql = """
            SELECT u.id, u.code, u.name, u.kind,
                   COALESCE(u.population, (SELECT x.population_resident FROM unit_indicator x
                                           WHERE x.unit_id = u.id AND x.population_resident IS NOT NULL ORDER BY x.year DESC LIMIT 1), 0)::float8,
                   ST_Area(u.geom::geography) / 1e6,
                   (SELECT count(*) FROM conditional_business b WHERE ST_Covers(u.geom, b.geom)
                      AND (b.opened_on IS NULL OR b.opened_on < @end) AND (b.closed_on IS NULL OR b.closed_on >= @end))::float8,
                   (SELECT min(ST_Distance(u.geom::geography, r.geom::geography)) FROM key_route r),
                   ST_X(ST_PointOnSurface(u.geom)), ST_Y(ST_PointOnSurface(u.geom)), ST_AsBinary(u.geom)
            FROM risk_panel_unit pu JOIN admin_unit u ON u.id = pu.id
            ORDER BY pu.idx
            """;
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var rows = new List<UnitRow>();
        var wkb = new WKBReader();
        while (await reader.ReadAsync(ct))
            rows.Add(new UnitRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4),
                reader.GetDouble(5), reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetDouble(7), reader.GetDouble(8), reader.GetDouble(9),
                wkb.Read(reader.GetFieldValue<byte[]>(10))));
        return rows;
    }

    private static async Task<int[,,,]> ReadCountsAsync(NpgsqlConnection connection, Parameters p, int n, int[] quarters, CancellationToken ct)
    {
        var sql = $"""
            SELECT m.idx, {QuarterOf}, i.kind, {FoundOnPatrol}, count(*)::int
            {IncidentJoin}
            GROUP BY 1, 2, 3, 4
            """;
        var counts = new int[n, quarters.Length, IncidentKinds.CountedKinds, 2];
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!CountedKinds.TryGetValue(reader.GetString(2), out var kind)) continue;
            var source = reader.GetBoolean(3) ? DiscoverySource.Patrol : DiscoverySource.Reported;
            counts[reader.GetInt32(0), reader.GetInt32(1) - quarters[0], (int)kind, (int)source] += reader.GetInt32(4);
        }
        return counts;
    }

    private static async Task<IReadOnlyList<IncidentPoint>> ReadPointsAsync(NpgsqlConnection connection, Parameters p,
        List<UnitRow> units, CancellationToken ct)
    {
        var sql = $"""
            SELECT m.idx, {QuarterOf}, i.kind, {FoundOnPatrol}, ST_X(i.geom), ST_Y(i.geom)
            {IncidentJoin}
            """;
        var points = new List<IncidentPoint>();
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (!CountedKinds.TryGetValue(reader.GetString(2), out var kind)) continue;
            var source = reader.GetBoolean(3) ? DiscoverySource.Patrol : DiscoverySource.Reported;
            points.Add(new IncidentPoint(reader.GetInt32(0), reader.GetInt32(1), kind, source, reader.GetDouble(4), reader.GetDouble(5)));
        }
        return points;
    }

    // the one contiguity rule (spdep's queen, as the map statistics use); a commune touching none is an island, not an error
    private static int[][] Neighbours(List<UnitRow> units)
    {
        var weights = ContiguityBuilder.Queen(units.Select(u => u.Geometry).ToArray(), islandPolicy: IslandPolicy.ZeroLag);
        return Enumerable.Range(0, units.Count).Select(u => weights.Neighbours(u).ToArray()).ToArray();
    }

    private static async Task<(int FirstYear, int[,] Status)> ReadStatusAsync(NpgsqlConnection connection, Parameters p, int n,
        int firstYear, int lastYear, CancellationToken ct)
    {
        // the unit's own assessment, or across the merger the worst of the units that went into it
        var sql = $"""
            SELECT pu.idx, s.year, max({DomainSql.StatusSeverity("COALESCE(s.official_status, s.computed_status)")})
            FROM risk_panel_unit pu
            JOIN LATERAL (SELECT pu.id AS unit_id UNION SELECT l.old_unit_id FROM unit_lineage l WHERE l.new_unit_id = pu.id) m ON true
            JOIN status_assessment s ON s.unit_id = m.unit_id
            GROUP BY 1, 2
            """;
        var status = new int[n, lastYear - firstYear + 1];
        for (int u = 0; u < n; u++)
            for (int y = 0; y <= lastYear - firstYear; y++) status[u, y] = CommuneStatusInfo.UnknownSeverity;
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            int year = reader.GetInt32(1);
            if (year < firstYear || year > lastYear || reader.IsDBNull(2)) continue;
            status[reader.GetInt32(0), year - firstYear] = reader.GetInt32(2);
        }
        return (firstYear, status);
    }

    private static async Task<double[,]> ReadPatrolAsync(NpgsqlConnection connection, Parameters p, int n, int[] quarters, CancellationToken ct)
    {
        // exposure recorded on a pre-merger commune counts for the commune that now covers it
        const string sql = """
            SELECT pu.idx, e.quarter, sum(e.patrol_days)
            FROM patrol_exposure e JOIN admin_unit u ON u.id = e.unit_id
            JOIN LATERAL (SELECT pu.idx FROM risk_panel_unit pu WHERE pu.id = u.id OR ST_Covers(pu.geom, ST_PointOnSurface(u.geom))
                          ORDER BY (pu.id = u.id) DESC, pu.idx LIMIT 1) pu ON true
            GROUP BY 1, 2
            """;
        var days = new double[n, quarters.Length];
        await using var command = Command(connection, sql, p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            int q = reader.GetInt32(1) - quarters[0];
            if (q >= 0 && q < quarters.Length) days[reader.GetInt32(0), q] += reader.GetDouble(2);
        }
        return days;
    }

    // Sites "known active" at a quarter's end: use/dealing sites found in the last four quarters (the database keeps no closure dates).
    private static (int[,] Use, int[,] Dealing) ActiveSites(int[,,,] counts, int n, int quarters)
    {
        var use = new int[n, quarters];
        var dealing = new int[n, quarters];
        for (int u = 0; u < n; u++)
            for (int q = 0; q < quarters; q++)
                for (int s = Math.Max(0, q - 3); s <= q; s++)
                    for (int source = 0; source < 2; source++)
                    {
                        use[u, q] += counts[u, s, (int)IncidentKind.UseSite, source];
                        dealing[u, q] += counts[u, s, (int)IncidentKind.DealingSite, source];
                    }
        return (use, dealing);
    }
}
