using DiaBan.Geo.Data;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>Administrative units valid on a date, as GeoJSON built in PostGIS, limited to the caller's area.</summary>
public sealed class UnitQueries(NpgsqlDataSource dataSource)
{
    public async Task<string> FeatureCollectionAsync(UnitLevel level, DateOnly date, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty)
        {
            return GeoJson.EmptyFeatureCollection;
        }
        var levelCode = LevelCode(level);
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            {GeoJson.FeatureCollectionSql("""
                json_build_object(
                    'code', u.code,
                    'name', u.name,
                    'level', u.level,
                    'kind', u.kind,
                    'parentCode', p.code,
                    'districtCode', d.code,
                    'validFrom', u.valid_from,
                    'validTo', u.valid_to,
                    'population', u.population,
                    'areaKm2', round(u.area_km2::numeric, 2))
                """, $"""
                FROM admin_unit u
                LEFT JOIN admin_unit p ON p.id = u.parent_id
                LEFT JOIN admin_unit d ON d.id = u.district_id
                WHERE u.level = @level
                  AND {DomainSql.ValidOn("u", "@date")}
                  AND u.id IN (SELECT id FROM scope_units)
                """)}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<string>("level", levelCode));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("date", date));
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance(levelCode)));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The stored code of a level (Geo stores enums as snake_case names).</summary>
    public static string LevelCode(UnitLevel level) => SnakeCase.Of(level);
}
