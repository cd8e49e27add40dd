using DiaBan.Analytics.Classification;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>One official status the province recorded: which commune, which year, what, when and by whom.</summary>
public sealed record RecordedOfficialStatus(string Code, string Name, int Year, CommuneStatus Status, CommuneStatus Computed,
    DateTimeOffset At, string? By, string? Reason);

/// <summary>The latest official statuses (status_assessment.official_*) inside the caller's area, newest first.</summary>
public sealed class OfficialStatusQueries(NpgsqlDataSource dataSource)
{
    public async Task<IReadOnlyList<RecordedOfficialStatus>> LatestAsync(int limit, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty || limit <= 0) return [];
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            SELECT u.code, u.name, a.year, a.official_status, a.computed_status, a.official_at, a.official_by, a.official_reason
            FROM status_assessment a JOIN admin_unit u ON u.id = a.unit_id
            WHERE a.official_status IS NOT NULL AND a.official_at IS NOT NULL
              AND a.unit_id IN (SELECT id FROM scope_units)
            ORDER BY a.official_at DESC, u.code
            LIMIT @limit
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", limit));
        var rows = new List<RecordedOfficialStatus>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new RecordedOfficialStatus(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                CommuneStatusInfo.FromCode(reader.GetString(3)), CommuneStatusInfo.FromCode(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5), reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }
}
