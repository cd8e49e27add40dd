using DiaBan.Analytics.Domain;
using System.Text.Json;
using DiaBan.Analytics.Classification;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>A commune a statistic runs on: its full (unsimplified) WGS 84 geometry and census population.</summary>
public sealed record StatisticsUnit(int Id, string Code, string Name, string Kind, int? Population, Geometry Geometry);

/// <summary>One unit's figure for a year (null = not reported) and the population its rate is taken over.</summary>
public readonly record struct UnitFigure(double? Value, double? Population);

/// <summary>
/// The database side of the map statistics: which communes a statistic runs on (all communes valid on a day in the
/// provinces the caller's area touches — a statistic needs every neighbour, so it is never cut to the caller's area),
/// their values for a year or per quarter (incidents re-joined spatially to the units valid then, so a merged commune
/// gets its predecessors' incidents), incident points for a density surface, and the GeoJSON of results, which is
/// where the caller's area is applied.
/// </summary>
public sealed class StatisticsLayers(NpgsqlDataSource dataSource)
{
    /// <summary>Incidents of any kind inside the commune in the period.</summary>
    public const string Incidents = "incidents";

    /// <summary>Layer names: <see cref="Incidents"/> and the numeric unit_indicator columns (reported figures).</summary>
    public static IReadOnlyList<string> Indicators { get; } =
        [Incidents, .. IndicatorFieldInfo.Singles.Where(f => f != IndicatorField.OnKeyRoute).Select(f => f.ColumnName())];

    public static bool IsIndicator(string name) => Indicators.Contains(name, StringComparer.Ordinal);

    // communes valid on @day in the provinces the scope reaches (a commune scope reaches its communes' provinces)
    private static readonly string CommunesCte = $"""
        WITH {AreaScopeSql.Cte},
        scope_provinces AS (
            SELECT u.parent_id AS id FROM admin_unit u WHERE u.level = 'commune' AND u.id IN (SELECT id FROM scope_units)
            UNION
            SELECT u.id FROM admin_unit u WHERE u.level = 'province' AND u.id IN (SELECT id FROM scope_units)
        ),
        communes AS (
            SELECT u.* FROM admin_unit u
            WHERE u.level = 'commune'
              AND {DomainSql.ValidOn("u", "@day")}
              AND (@scope_all OR u.parent_id IN (SELECT id FROM scope_provinces))
        )
        """;

    private static readonly string UnitsSql = $"""
        {CommunesCte}
        SELECT u.id, u.code, u.name, u.kind, u.population, ST_AsBinary(u.geom)
        FROM communes u
        ORDER BY u.code, u.id
        """;

    private static readonly string ProvinceNamesSql = $"""
        {CommunesCte}
        SELECT p.name FROM admin_unit p WHERE p.id IN (SELECT parent_id FROM communes) ORDER BY p.code, p.id
        """;

    // one incident counts once even on a shared boundary: the first covering unit by code takes it
    private static readonly string IncidentUnitSql = $"""
        SELECT DISTINCT ON (i.id) i.id, i.occurred_on, u.id AS unit_id
        FROM admin_unit u
        -- incident has no GiST: per unit, the incidents of the units (of any era) overlapping it, tested one unit after
        -- the other (PostGIS prepares the repeated boundary once for its ST_Covers)
        CROSS JOIN LATERAL (
            SELECT i.id, i.occurred_on, i.geom FROM incident i
            WHERE {IncidentArea.UnitOverlaps("i", "u.geom")} AND i.occurred_on >= @from AND i.occurred_on < @next
        ) i
        WHERE u.id = ANY(@ids) AND ST_Covers(u.geom, i.geom)
        ORDER BY i.id, u.code, u.id
        """;

    public async Task<IReadOnlyList<StatisticsUnit>> UnitsAsync(DateOnly day, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        await using var command = dataSource.CreateCommand(UnitsSql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        var reader = new WKBReader();
        var units = new List<StatisticsUnit>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            var geometry = reader.Read(rows.GetFieldValue<byte[]>(5));
            geometry.SRID = 4326;
            units.Add(new StatisticsUnit(rows.GetInt32(0), rows.GetString(1), rows.GetString(2), rows.GetString(3),
                rows.IsDBNull(4) ? null : rows.GetInt32(4), geometry));
        }
        return units;
    }

    /// <summary>
    /// Names of the provinces a statistic of the scope runs on (those of <see cref="UnitsAsync"/>'s communes valid on
    /// the day), for texts that say what a commune is compared with; null for an unrestricted scope: the whole country.
    /// </summary>
    public async Task<IReadOnlyList<string>?> ProvinceNamesAsync(DateOnly day, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsUnrestricted) return null;
        if (scope.IsEmpty) return [];
        await using var command = dataSource.CreateCommand(ProvinceNamesSql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        var names = new List<string>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) names.Add(rows.GetString(0));
        return names;
    }

    /// <summary>Ids of every unit the caller may read (the scope itself, with merged predecessors).</summary>
    public async Task<IReadOnlySet<int>> VisibleUnitIdsAsync(AreaScope scope, CancellationToken ct = default) =>
        (await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct)).ToHashSet();

    /// <summary>
    /// The indicator of each unit for the year, in the units' order: incidents counted inside the boundary, or the
    /// reported unit_indicator figure (null when not reported). Population: the year's resident figure, else census.
    /// </summary>
    public Task<IReadOnlyList<UnitFigure>> YearFiguresAsync(string indicator, int year, IReadOnlyList<StatisticsUnit> units, CancellationToken ct = default) =>
        PeriodFiguresAsync(indicator, ReportPeriod.Year(year), units, ct);

    /// <summary>
    /// An indicator of each unit for a period: incidents are counted over the period's dates; the reported figures are
    /// yearly (unit_indicator), so any period reads those of its calendar year (docs/planning.md, "Periods").
    /// </summary>
    public async Task<IReadOnlyList<UnitFigure>> PeriodFiguresAsync(string indicator, ReportPeriod period, IReadOnlyList<StatisticsUnit> units, CancellationToken ct = default)
    {
        var year = period.CalendarYear;
        if (!IsIndicator(indicator)) throw new ArgumentException($"unknown indicator '{indicator}'; one of {string.Join(", ", Indicators)}", nameof(indicator));
        var value = indicator == Incidents ? "coalesce(c.n, 0)::float8" : $"r.{indicator}::float8";
        var sql = $"""
            WITH counted AS (
                SELECT unit_id, count(*) AS n FROM ({IncidentUnitSql}) x GROUP BY unit_id
            )
            SELECT u.id, {value}, coalesce(r.population_resident, u.population)::float8
            FROM admin_unit u
            LEFT JOIN unit_indicator r ON r.unit_id = u.id AND r.year = @year
            LEFT JOIN counted c ON c.unit_id = u.id
            WHERE u.id = ANY(@ids)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", units.Select(u => u.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", period.Start));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("next", period.EndExclusive));
        var byId = new Dictionary<int, UnitFigure>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            byId[rows.GetInt32(0)] = new UnitFigure(rows.IsDBNull(1) ? null : rows.GetDouble(1), rows.IsDBNull(2) ? null : rows.GetDouble(2));
        }
        return units.Select(u => byId.GetValueOrDefault(u.Id)).ToArray();
    }

    /// <summary>Incident counts per unit (rows, the units' order) and quarter (columns, first…last).</summary>
    public async Task<double[][]> QuarterlyIncidentCountsAsync(IReadOnlyList<StatisticsUnit> units, CalendarQuarter first, CalendarQuarter last, CancellationToken ct = default)
    {
        var steps = last.Ordinal - first.Ordinal + 1;
        if (steps < 1) throw new ArgumentException($"{last} is before {first}", nameof(last));
        var sql = $"""
            SELECT unit_id, {DomainSql.QuarterOrdinal("occurred_on")} AS q, count(*)::int
            FROM ({IncidentUnitSql}) x
            GROUP BY 1, 2
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", units.Select(u => u.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", first.Start));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("next", last.EndExclusive));
        var row = units.Select((u, i) => (u.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var cube = units.Select(_ => new double[steps]).ToArray();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            cube[row[rows.GetInt32(0)]][rows.GetInt32(1) - first.Ordinal] = rows.GetInt32(2);
        }
        return cube;
    }

    /// <summary>Incident points in [from, next) that lie inside the given units (WGS 84).</summary>
    public async Task<IReadOnlyList<Point>> IncidentPointsAsync(IReadOnlyList<StatisticsUnit> units, DateOnly from, DateOnly next, CancellationToken ct = default)
    {
        var sql = $"""
            SELECT ST_X(i.geom), ST_Y(i.geom)
            FROM incident i JOIN ({IncidentUnitSql}) x ON x.id = i.id
            ORDER BY i.id
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int[]>("ids", units.Select(u => u.Id).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("next", next));
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var points = new List<Point>();
        await using var rows = await command.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct)) points.Add(factory.CreatePoint(new Coordinate(rows.GetDouble(0), rows.GetDouble(1))));
        return points;
    }

    /// <summary>The first and last quarter with incidents inside the caller's area, or null when there are none.</summary>
    public async Task<(CalendarQuarter First, CalendarQuarter Last)?> IncidentQuartersAsync(AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return null;
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            SELECT {IncidentArea.DayBound("min", "SELECT id FROM scope_units")}, {IncidentArea.DayBound("max", "SELECT id FROM scope_units")}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        await using var rows = await command.ExecuteReaderAsync(ct);
        if (!await rows.ReadAsync(ct) || rows.IsDBNull(0)) return null;
        return (CalendarQuarter.Of(rows.GetFieldValue<DateOnly>(0)), CalendarQuarter.Of(rows.GetFieldValue<DateOnly>(1)));
    }

    /// <summary>
    /// RFC 7946 FeatureCollection of the given units with the given properties (display geometry as the other map
    /// queries draw it), keeping only units inside the caller's area: results are computed on whole provinces and
    /// filtered here, last.
    /// </summary>
    public async Task<string> FeatureCollectionAsync(IEnumerable<(int UnitId, object Properties)> results, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return GeoJson.EmptyFeatureCollection;
        var rows = JsonSerializer.Serialize(results.Select(r => new { id = r.UnitId, properties = r.Properties }), JsonOptions);
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            {GeoJson.FeatureCollectionSql("""
                r.properties
                """, """
                FROM jsonb_to_recordset(@rows) AS r(id int, properties jsonb)
                JOIN admin_unit u ON u.id = r.id
                WHERE u.id IN (SELECT id FROM scope_units)
                """)}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter("rows", NpgsqlDbType.Jsonb) { Value = rows });
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance("commune")));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
