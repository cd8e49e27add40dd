using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>One step of a spot as the entry page and the commune panel show it.</summary>
public sealed record SpotStepRow(int Seq, SpotState State, DateOnly OccurredOn, string RecordingUnit, string? Note, string EnteredBy,
    ReviewState Review, string? ReviewedBy, string? ReturnedReason);

/// <summary>A spot with its commune and every step (drafts too); <see cref="State"/> is its last verified state (null: none yet).</summary>
public sealed record SpotRow(string Code, SpotKind Kind, double Lon, double Lat, string CommuneCode, string CommuneName, string? Description,
    IReadOnlyList<SpotStepRow> Steps)
{
    public SpotStepRow? LastVerified => Steps.LastOrDefault(s => s.Review == ReviewState.Verified);

    public SpotState? State => LastVerified?.State;

    /// <summary>The step waiting for the enterer or the reviewer, if any (there is at most one).</summary>
    public SpotStepRow? Pending => Steps.LastOrDefault(s => s.Review != ReviewState.Verified);

    [System.Text.Json.Serialization.JsonIgnore]
    public SpotHistory History => new(Code, Kind, Steps.Where(s => s.Review.Counts()).Select(s => new SpotStep(s.State, s.OccurredOn)).ToList());
}

/// <summary>Spot counts of one commune over a period.</summary>
public sealed record CommuneSpotCounts(string Code, string Name, SpotCounts Counts);

/// <summary>
/// Drug spots read through the caller's <see cref="AreaScope"/> (the spot's commune, or a commune that succeeded it, must be
/// in the scope). The map layer and the counts read verified steps only; the entry list shows drafts too.
/// </summary>
public sealed class SpotQueries(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The commune a spot is shown under on the date <c>@on</c> (alias <c>cur</c>; <c>r</c> is the commune it was recorded
    /// in, <c>s</c> the spot): the recorded commune while it is valid, otherwise its successor or predecessor across the
    /// 2025 merger (unit_lineage, the crosswalk) valid that day — the one covering the spot when the commune was split —,
    /// and the recorded commune when neither exists.
    /// </summary>
    private static readonly string CommuneOnSql = $"""
        LEFT JOIN LATERAL (
            SELECT c.code, c.name FROM admin_unit c
            WHERE (c.id = r.id
                   OR c.id IN (SELECT l.new_unit_id FROM unit_lineage l WHERE l.old_unit_id = r.id)
                   OR c.id IN (SELECT l.old_unit_id FROM unit_lineage l WHERE l.new_unit_id = r.id))
              AND {DomainSql.ValidOn("c", "@on")}
            ORDER BY c.id = r.id DESC, ST_Covers(c.geom, s.geom) DESC, c.id
            LIMIT 1) cur ON true
        """;

    /// <summary>
    /// The map layer: spots with a verified step on or before <paramref name="until"/>, their state then (last verified step),
    /// optionally only those in <paramref name="state"/>. Properties: code, kind, state, labels, last step day and unit, the
    /// commune valid on <paramref name="until"/>.
    /// </summary>
    public async Task<string> GeoJsonAsync(AreaScope scope, SpotState? state, DateOnly until, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return GeoJson.EmptyFeatureCollection;
        var sql = $"""
            WITH {AreaScopeSql.Cte},
            last AS (
                SELECT DISTINCT ON (st.spot_id) st.spot_id, st.state, st.occurred_on, st.recording_unit
                FROM drug_spot_step st
                WHERE st.review = 'verified' AND st.occurred_on <= @until
                ORDER BY st.spot_id, st.occurred_on DESC, st.seq DESC
            )
            SELECT json_build_object('type', 'FeatureCollection',
                'features', COALESCE(json_agg(json_build_object(
                    'type', 'Feature', 'id', s.code,
                    'geometry', ST_AsGeoJSON(s.geom, {GeoJson.CoordinateDecimals}, 0)::json,
                    'properties', json_build_object(
                        'code', s.code, 'kind', s.kind, 'state', l.state, 'lastStepOn', l.occurred_on,
                        'recordingUnit', l.recording_unit, 'communeCode', COALESCE(cur.code, r.code), 'communeName', COALESCE(cur.name, r.name)))
                    ORDER BY s.code), '[]'::json))::text
            FROM drug_spot s
            JOIN scope_units su ON su.id = s.unit_id
            JOIN admin_unit r ON r.id = s.unit_id
            {CommuneOnSql}
            JOIN last l ON l.spot_id = s.id
            WHERE (@state::text IS NULL OR l.state = @state::text)
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("until", until));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("on", until));
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)state?.Code() ?? DBNull.Value });
        return (string)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>
    /// Spots in the scope with every step, by code, each under the commune valid on <paramref name="on"/> (default: today in
    /// Vietnam) — a spot recorded in a pre-merger commune shows its 2025 commune in 2026; optionally of one commune (its
    /// code, current or predecessor).
    /// </summary>
    public async Task<IReadOnlyList<SpotRow>> ListAsync(AreaScope scope, string? communeCode = null, string? spotCode = null,
        DateOnly? on = null, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        var sql = $"""
            WITH {AreaScopeSql.Cte}
            SELECT s.code, s.kind, ST_X(s.geom), ST_Y(s.geom), COALESCE(cur.code, r.code), COALESCE(cur.name, r.name), s.description,
                   st.seq, st.state, st.occurred_on, st.recording_unit, st.note, st.entered_by, st.review, st.reviewed_by, st.returned_reason
            FROM drug_spot s
            JOIN scope_units su ON su.id = s.unit_id
            JOIN admin_unit r ON r.id = s.unit_id
            {CommuneOnSql}
            JOIN drug_spot_step st ON st.spot_id = s.id
            WHERE (@commune::text IS NULL OR r.code = @commune::text OR cur.code = @commune::text OR EXISTS (
                      SELECT 1 FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id
                      WHERE l.old_unit_id = r.id AND n.code = @commune::text))
              AND (@spot::text IS NULL OR s.code = @spot::text)
            ORDER BY s.code, st.seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("on", on ?? VietnamTime.Today(TimeProvider.System)));
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)communeCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("spot", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)spotCode ?? DBNull.Value });
        var rows = new List<SpotRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        List<SpotStepRow>? steps = null;
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(0);
            if (rows.Count == 0 || rows[^1].Code != code)
            {
                steps = [];
                rows.Add(new SpotRow(code, Parse<SpotKind>(reader.GetString(1)), reader.GetDouble(2), reader.GetDouble(3), reader.GetString(4),
                    reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6), steps));
            }
            steps!.Add(new SpotStepRow(reader.GetInt32(7), Parse<SpotState>(reader.GetString(8)), reader.GetFieldValue<DateOnly>(9),
                reader.GetString(10), reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetString(12),
                Parse<ReviewState>(reader.GetString(13)), reader.IsDBNull(14) ? null : reader.GetString(14),
                reader.IsDBNull(15) ? null : reader.GetString(15)));
        }
        return rows;
    }

    /// <summary>Counts over a period per commune valid at the period's end (verified steps only), and their total.</summary>
    public async Task<(IReadOnlyList<CommuneSpotCounts> Communes, SpotCounts Total)> CountsAsync(AreaScope scope, ReportPeriod period,
        CancellationToken ct = default)
    {
        var spots = await ListAsync(scope, on: period.End, ct: ct);
        var communes = spots.GroupBy(s => (s.CommuneCode, s.CommuneName))
            .Select(g => new CommuneSpotCounts(g.Key.CommuneCode, g.Key.CommuneName, SpotCounts.For(g.Select(s => s.History), period)))
            .OrderBy(c => c.Code, StringComparer.Ordinal).ToList();
        return (communes, SpotCounts.For(spots.Select(s => s.History), period));
    }

    internal static T Parse<T>(string code) where T : struct, Enum =>
        Data.SnakeCase.TryParse<T>(code, out var v) ? v : throw new InvalidOperationException($"'{code}' is not a {typeof(T).Name}");
}
