using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace DiaBan.Geo.Queries;

/// <summary>
/// Commune statuses per year for the map and the API: the communes valid at the end of the year (so 2025 and later
/// draw the merged communes), each with its assessment if any; GeoJSON is assembled in PostGIS.
/// </summary>
public sealed class StatusQueries(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly string Labels = JsonSerializer.Serialize(StatusLabels.Vietnamese);

    // criteria is every evaluated class (AssessmentJson); keep the criteria that held in the class of the computed status
    private const string HeldCriteriaSql = """
        COALESCE(jsonb_path_query_array(a.criteria, '$[*] ? (@.status == $s).criteria[*] ? (@.held == true)',
                                        jsonb_build_object('s', a.computed_status)), '[]'::jsonb)
        """;

    // The feature properties, shared by the GeoJSON and the typed query so the map and the API cannot disagree.
    private const string PropertiesSql = $$"""
        json_build_object(
            'code', u.code,
            'name', u.name,
            'kind', u.kind,
            'year', @year,
            'status', COALESCE(a.official_status, a.computed_status),
            'statusLabel', @labels::jsonb ->> COALESCE(a.official_status, a.computed_status),
            'assessed', a.id IS NOT NULL,
            'official', a.official_status IS NOT NULL,
            'officialStatus', a.official_status,
            'officialAt', a.official_at,
            'officialBy', a.official_by,
            -- 0 = no assessment row yet (a commune never classified, e.g. outside the demo on the national layer)
            'version', COALESCE(a.xmin::text::bigint, 0),
            'computedStatus', a.computed_status,
            'computedStatusLabel', @labels::jsonb ->> a.computed_status,
            'provisional', COALESCE(a.provisional AND a.official_status IS NULL, false),
            'ruleSet', CASE WHEN a.id IS NULL THEN NULL ELSE a.rule_set_id || ' v' || a.rule_set_version END,
            'regime', a.regime,
            'criteria', {{HeldCriteriaSql}},
            'inputs', COALESCE(a.inputs, '{}'::jsonb))
        """;

    private static readonly string YearUnitsSql = $"""
        year_units AS (
            SELECT u.*
            FROM admin_unit u
            WHERE u.level = 'commune'
              AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
              AND u.id IN (SELECT id FROM scope_units)
        )
        """;

    /// <summary>Years that have at least one assessment inside the scope, ascending.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return [];
        }
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            SELECT DISTINCT a.year FROM status_assessment a
            WHERE a.unit_id IN (SELECT id FROM scope_units)
            ORDER BY a.year
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        var years = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            years.Add(reader.GetInt32(0));
        }
        return years;
    }

    /// <summary>RFC 7946 FeatureCollection of the communes of the year, with status properties.</summary>
    public async Task<string> FeatureCollectionAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return GeoJson.EmptyFeatureCollection;
        }
        var sql = $"""
            WITH {AreaScopeSql.Cte}, {YearUnitsSql}
            {GeoJson.FeatureCollectionSql(PropertiesSql, """
                FROM year_units u
                LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
                """)}
            """;
        await using var command = CreateYearCommand(sql, year, scope);
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance("commune")));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The same rows as <see cref="FeatureCollectionAsync"/> without geometry, ordered by code.</summary>
    public async Task<IReadOnlyList<UnitStatus>> StatusesAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return [];
        }
        var sql = $"""
            WITH {AreaScopeSql.Cte}, {YearUnitsSql}
            SELECT ({PropertiesSql})::text
            FROM year_units u
            LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
            ORDER BY u.code
            """;
        await using var command = CreateYearCommand(sql, year, scope);
        return await ReadStatusesAsync(command, ct);
    }

    /// <summary>How many communes <see cref="StatusesAsync"/> returns for the year, without reading them.</summary>
    public async Task<int> CountAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return 0;
        }
        var sql = $"""
            WITH {AreaScopeSql.Cte}, {YearUnitsSql}
            SELECT count(*)::int FROM year_units
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Every assessment of the commune with this code, of the units that merged into it and of the units it merged
    /// into, by year: the panel's "previous years", which crosses the 2025 merger on purpose (each row names its unit).
    /// </summary>
    /// <param name="year">Picks the unit that had the code at the end of that year (codes are reused across the
    /// merger); null takes every unit that ever had it.</param>
    public async Task<IReadOnlyList<UnitStatus>> HistoryAsync(string code, int? year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return [];
        }
        var sql = $"""
            WITH {AreaScopeSql.Cte},
            picked AS (
                SELECT id FROM admin_unit
                WHERE level = 'commune' AND code = @code
                  AND (@year::int IS NULL OR (valid_from <= make_date(@year::int, 12, 31)
                       AND (valid_to IS NULL OR make_date(@year::int, 12, 31) < valid_to)))),
            related AS (
                SELECT id FROM picked
                UNION SELECT l.old_unit_id FROM unit_lineage l JOIN picked p ON p.id = l.new_unit_id
                UNION SELECT l.new_unit_id FROM unit_lineage l JOIN picked p ON p.id = l.old_unit_id
            )
            SELECT (json_build_object(
                'code', u.code,
                'name', u.name,
                'kind', u.kind,
                'year', a.year,
                'status', COALESCE(a.official_status, a.computed_status),
                'statusLabel', @labels::jsonb ->> COALESCE(a.official_status, a.computed_status),
                'assessed', true,
                'official', a.official_status IS NOT NULL,
                'officialStatus', a.official_status,
                'version', a.xmin::text::bigint,
                'computedStatus', a.computed_status,
                'computedStatusLabel', @labels::jsonb ->> a.computed_status,
                'provisional', a.provisional AND a.official_status IS NULL,
                'ruleSet', a.rule_set_id || ' v' || a.rule_set_version,
                'regime', a.regime,
                'criteria', {HeldCriteriaSql},
                'inputs', a.inputs))::text
            FROM status_assessment a
            JOIN admin_unit u ON u.id = a.unit_id
            WHERE a.unit_id IN (SELECT id FROM related)
              AND a.unit_id IN (SELECT id FROM scope_units)
            ORDER BY a.year, u.code
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("code", code));
        command.Parameters.Add(new NpgsqlParameter("year", NpgsqlDbType.Integer) { Value = (object?)year ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("labels", NpgsqlDbType.Jsonb) { Value = Labels });
        return await ReadStatusesAsync(command, ct);
    }

    private NpgsqlCommand CreateYearCommand(string sql, int year, AreaScope scope)
    {
        var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter("labels", NpgsqlDbType.Jsonb) { Value = Labels });
        return command;
    }

    private static async Task<IReadOnlyList<UnitStatus>> ReadStatusesAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<UnitStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(JsonSerializer.Deserialize<UnitStatus>(reader.GetString(0), Json)!);
        }
        return rows;
    }
}
