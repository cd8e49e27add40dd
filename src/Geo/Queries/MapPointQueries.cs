using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>A longitude/latitude rectangle (WGS 84) a point layer is cut to.</summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat);

/// <summary>Which incidents a point layer shows; empty lists mean every kind / every source.</summary>
public sealed record IncidentFilter(DateOnly? From = null, DateOnly? To = null, IReadOnlyList<IncidentKind>? Kinds = null,
    IReadOnlyList<IncidentSource>? Sources = null, BoundingBox? Box = null, int Limit = MapPointQueries.MaxFeatures);

/// <summary>Which conditional businesses a point layer shows (null = any).</summary>
public sealed record BusinessFilter(BusinessKind? Kind = null, bool? Open = null, BoundingBox? Box = null, int Limit = MapPointQueries.MaxFeatures);

/// <summary>An incident of a commune as the commune panel lists it (no personal data exists to show).</summary>
public sealed record CommuneIncident(long Id, DateOnly OccurredOn, TimeOnly? OccurredAt, IncidentKind Kind, int Persons, string? Source, string? RecordedBy);

/// <summary>
/// The point and line layers of the map (issue 9 §1): incidents, conditional businesses with their last verified
/// inspection, key routes. Each is one SQL statement, limited to the caller's <see cref="AreaScope"/> and, for points,
/// bounded to <see cref="MaxFeatures"/> features (newest first); the FeatureCollection says how many matched and
/// whether it was cut (foreign members <c>matched</c>, <c>truncated</c>, <c>limit</c>).
/// </summary>
public sealed class MapPointQueries(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The most features one point layer answer carries (a province-year of incidents is about 2,000–6,000).</summary>
    public const int MaxFeatures = 5_000;

    /// <summary>The most incidents the commune panel lists (a commune-year holds a few dozen).</summary>
    public const int MaxPanelRows = 500;

    /// <summary>Characters of an inspection's findings shown in a popup; the rest stays on the inspection page.</summary>
    public const int FindingsSummaryLength = 160;

    private const string BoundedMembers = """
        'matched', COALESCE(max(f.matched), 0),
            'truncated', COALESCE(max(f.matched), 0) > count(f.code),
            'limit', @limit
        """;

    private const string BoxSql = """
        (NOT @has_box OR {0} && ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326))
        """;

    /// <summary>Incidents of the caller's area as GeoJSON points, newest first: date, time, kind, persons, source, recording unit, commune.</summary>
    public async Task<string> IncidentsAsync(IncidentFilter filter, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return Empty(filter.Limit);
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            {GeoJson.FeatureCollectionSql("""
                json_build_object(
                    'id', u.id,
                    'date', u.occurred_on,
                    'time', to_char(u.occurred_at, 'HH24:MI'),
                    'kind', u.kind,
                    'persons', u.persons,
                    'source', u.source,
                    'recordedBy', u.recorded_by,
                    'communeCode', u.commune_code,
                    'communeName', u.commune_name)
                """, $"""
                FROM (
                    SELECT i.id::text AS code, i.id, i.geom, i.occurred_on, i.occurred_at, i.kind, i.persons, i.source, i.recorded_by,
                           c.code AS commune_code, c.name AS commune_name, count(*) OVER () AS matched
                    FROM incident i
                    JOIN admin_unit c ON c.id = i.unit_id
                    WHERE i.unit_id IN (SELECT id FROM scope_units)
                      AND (@from::date IS NULL OR i.occurred_on >= @from)
                      AND (@to::date IS NULL OR i.occurred_on <= @to)
                      AND (cardinality(@kinds) = 0 OR i.kind = ANY(@kinds))
                      AND (cardinality(@sources) = 0 OR i.source = ANY(@sources))
                      AND {string.Format(BoxSql, "i.geom")}
                      AND (NOT @has_box OR {IncidentArea.UnitOverlaps("i", "ST_MakeEnvelope(@min_lon, @min_lat, @max_lon, @max_lat, 4326)")})
                    ORDER BY i.occurred_on DESC, i.id DESC
                    LIMIT @limit
                ) u
                """,
                orderSql: "(f.feature->'properties'->>'date') DESC, f.id DESC",
                membersSql: BoundedMembers, columnsSql: "u.id, u.matched")}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)filter.From ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)filter.To ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<string[]>("kinds", (filter.Kinds ?? []).Select(k => k.Code()).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string[]>("sources", (filter.Sources ?? []).Select(s => SnakeCase.Of(s)).ToArray()));
        AddBounds(command, filter.Box, filter.Limit);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Conditional businesses of the caller's area as GeoJSON points: kind, name, open or closed today, commune, and
    /// the last <em>verified</em> inspection (date, kind, violations, the findings shortened) — a draft or a submitted
    /// inspection is not yet a fact.
    /// </summary>
    public async Task<string> BusinessesAsync(BusinessFilter filter, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return Empty(filter.Limit);
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            {GeoJson.FeatureCollectionSql($$"""
                json_build_object(
                    'id', u.id,
                    'kind', u.kind,
                    'name', u.name,
                    'open', u.is_open,
                    'openedOn', u.opened_on,
                    'closedOn', u.closed_on,
                    'communeCode', u.commune_code,
                    'communeName', u.commune_name,
                    'lastInspection', CASE WHEN u.inspected_on IS NULL THEN NULL ELSE json_build_object(
                        'date', u.inspected_on,
                        'kind', u.inspection_kind,
                        'violations', u.violations,
                        'findings', CASE WHEN length(u.findings) > {{FindingsSummaryLength}}
                                         THEN left(u.findings, {{FindingsSummaryLength - 1}}) || '…' ELSE u.findings END,
                        'inspectingUnit', u.inspecting_unit) END)
                """, $"""
                FROM (
                    SELECT b.id::text AS code, b.id, b.geom, b.kind, b.name, b.opened_on, b.closed_on,
                           (b.closed_on IS NULL OR b.closed_on > @today) AS is_open,
                           c.code AS commune_code, c.name AS commune_name,
                           li.inspected_on, li.kind AS inspection_kind, li.violations, li.findings, li.inspecting_unit,
                           count(*) OVER () AS matched
                    FROM conditional_business b
                    JOIN admin_unit c ON c.id = b.unit_id
                    LEFT JOIN LATERAL (
                        SELECT x.inspected_on, x.kind, x.violations, x.findings, x.inspecting_unit
                        FROM business_inspection x
                        WHERE x.business_id = b.id AND x.state = '{SnakeCase.Of(ReviewState.Verified)}'
                        ORDER BY x.inspected_on DESC, x.id DESC
                        LIMIT 1) li ON true
                    WHERE b.unit_id IN (SELECT id FROM scope_units)
                      AND (@kind::text IS NULL OR b.kind = @kind)
                      AND (@open::boolean IS NULL OR (b.closed_on IS NULL OR b.closed_on > @today) = @open)
                      AND {string.Format(BoxSql, "b.geom")}
                    ORDER BY b.id
                    LIMIT @limit
                ) u
                """,
                orderSql: "f.id",
                membersSql: BoundedMembers, columnsSql: "u.id, u.matched")}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlDbType.Text) { Value = filter.Kind is { } k ? SnakeCase.Of(k) : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("open", NpgsqlDbType.Boolean) { Value = (object?)filter.Open ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("today", DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)));
        AddBounds(command, filter.Box, filter.Limit);
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Key routes as GeoJSON lines (name, kind, corridor buffer in metres). A limited caller gets the part of each
    /// route that crosses his area (the route's course elsewhere is not his to read); routes that miss it are left out.
    /// A province holds a few dozen routes, so the answer is not cut.
    /// </summary>
    public async Task<string> RoutesAsync(AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return GeoJson.EmptyFeatureCollection;
        var sql = $"""
            WITH {AreaScopeSql.Cte},
            area AS (
                SELECT ST_Union(a.geom) AS geom FROM admin_unit a WHERE NOT @scope_all AND a.id IN (SELECT id FROM scope_units)
            )
            {GeoJson.FeatureCollectionSql("""
                json_build_object('id', u.id, 'name', u.name, 'kind', u.kind, 'bufferM', u.buffer_m)
                """, """
                FROM (
                    SELECT r.id::text AS code, r.id, r.name, r.kind, r.buffer_m,
                           CASE WHEN @scope_all THEN r.geom ELSE ST_CollectionExtract(ST_Intersection(r.geom, area.geom), 2) END AS geom
                    FROM key_route r, area
                    WHERE @scope_all OR ST_Intersects(r.geom, area.geom)
                ) u
                """, orderSql: "f.id", columnsSql: "u.id")}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance("commune")));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// The incidents of one commune (the one with this code at the end of <paramref name="year"/>) that happened in
    /// that year inside its boundary, newest first, at most <see cref="MaxPanelRows"/>; none when it is outside the scope.
    /// </summary>
    public async Task<IReadOnlyList<CommuneIncident>> CommuneIncidentsAsync(string code, int year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        var sql = $"""
            WITH {AreaScopeSql.Cte},
            commune AS (
                SELECT c.geom FROM admin_unit c
                WHERE c.level = 'commune' AND c.code = @code AND {DomainSql.ValidOn("c", "make_date(@year, 12, 31)")}
                  AND c.id IN (SELECT id FROM scope_units)
            )
            SELECT i.id, i.occurred_on, i.occurred_at, i.kind, i.persons, i.source, i.recorded_by
            FROM incident i, commune
            WHERE i.unit_id IN (SELECT id FROM scope_units)
              AND i.occurred_on >= make_date(@year, 1, 1) AND i.occurred_on <= make_date(@year, 12, 31)
              AND ST_Covers(commune.geom, i.geom)
              AND {IncidentArea.UnitOverlaps("i", "near.geom", from: ", commune near")}
            ORDER BY i.occurred_on DESC, i.occurred_at DESC NULLS LAST, i.id DESC
            LIMIT {MaxPanelRows}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var rows = new List<CommuneIncident>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CommuneIncident(reader.GetInt64(0), reader.GetFieldValue<DateOnly>(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<TimeOnly>(2),
                SnakeCase.TryParse<IncidentKind>(reader.GetString(3), out var kind) ? kind : IncidentKind.Other, reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        }
        return rows;
    }

    private static string Empty(int limit) =>
        $$"""{"type":"FeatureCollection","matched":0,"truncated":false,"limit":{{limit}},"features":[]}""";

    private static void AddBounds(NpgsqlCommand command, BoundingBox? box, int limit)
    {
        command.Parameters.Add(new NpgsqlParameter<bool>("has_box", box is not null));
        command.Parameters.Add(new NpgsqlParameter<double>("min_lon", box?.MinLon ?? 0));
        command.Parameters.Add(new NpgsqlParameter<double>("min_lat", box?.MinLat ?? 0));
        command.Parameters.Add(new NpgsqlParameter<double>("max_lon", box?.MaxLon ?? 0));
        command.Parameters.Add(new NpgsqlParameter<double>("max_lat", box?.MaxLat ?? 0));
        command.Parameters.Add(new NpgsqlParameter<int>("limit", Math.Clamp(limit, 1, MaxFeatures)));
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance("commune")));
    }
}
