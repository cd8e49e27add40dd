using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>Stored risk scores of the newest model version as GeoJSON (assembled in PostGIS), limited to the caller's area.</summary>
public sealed class RiskQueries(NpgsqlDataSource dataSource)
{
    public async Task<string> FeatureCollectionAsync(int quarter, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return GeoJson.EmptyFeatureCollection;
        var sql = $"""
            WITH {AreaScopeSql.Cte},
            version AS (SELECT id, training_from_quarter, training_to_quarter, created_at FROM risk_model ORDER BY id DESC LIMIT 1)
            {GeoJson.FeatureCollectionSql("""
                json_build_object(
                    'code', u.code,
                    'name', u.name,
                    'kind', u.kind,
                    'quarter', s.quarter,
                    'probability', round(s.probability::numeric, 4),
                    'probabilitySd', round(s.probability_sd::numeric, 4),
                    'probabilityLow', round(s.probability_low::numeric, 4),
                    'probabilityHigh', round(s.probability_high::numeric, 4),
                    'expectedCount', round(s.expected_count::numeric, 3),
                    'statusWorsenProbability', round(s.status_worsen_probability::numeric, 4),
                    'reasons', s.reasons,
                    'modelVersion', v.id,
                    'trainingFromQuarter', v.training_from_quarter,
                    'trainingToQuarter', v.training_to_quarter,
                    'modelCreatedAt', v.created_at)
                """, """
                FROM risk_score s
                JOIN version v ON v.id = s.model_version_id
                JOIN admin_unit u ON u.id = s.unit_id
                WHERE s.quarter = @quarter AND u.id IN (SELECT id FROM scope_units)
                """)}
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("quarter", quarter));
        command.Parameters.Add(new NpgsqlParameter<double>("tolerance", GeoJson.Tolerance("commune")));
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }
}
