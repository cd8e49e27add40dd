using DiaBan.Analytics.Places;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>A commune's incidents of a period by day of week × hour (local time), with those that carry no time counted apart.</summary>
public sealed record CommuneTimeOfWeek(int UnitId, string Code, string Name, TimeOfWeekTable Table);

/// <summary>
/// When incidents happen, area-scoped (<see cref="AreaScopeSql"/>): day of week × hour of the incidents of
/// [from, toExclusive), per commune of the scope valid on a day, and per grid square of a set (the patrol sheet's cells).
/// Dates and times are stored as Vietnamese wall-clock values (<c>occurred_on</c>, optional <c>occurred_at</c>), so the
/// day of week and hour are read as stored. Kind "other" is left out, as in the place history; with
/// <c>reportedOnly</c> so are the incidents found by patrols (the feedback guard: patrol finds follow patrol hours).
/// </summary>
public sealed class TimeOfWeekQueries(NpgsqlDataSource dataSource)
{
    private const string IncidentFilter = """
        i.occurred_on >= @from AND i.occurred_on < @to AND i.kind <> 'other'
        AND (NOT @reported_only OR COALESCE(i.source, '') <> 'patrol')
        """;

    // an incident belongs to the commune of the day that covers its point (lowest id on a shared border, as CommuneLocator);
    // both the incident's own unit and that commune must lie in the scope
    private static readonly string CommuneSql = $"""
        WITH {AreaScopeSql.Cte},
        commune AS (
            SELECT u.id, u.code, u.name, u.geom FROM admin_unit u JOIN scope_units s ON s.id = u.id
            WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "@day")}
        ),
        located AS (
            SELECT DISTINCT ON (i.id) c.id AS unit_id, i.occurred_on, i.occurred_at
            FROM commune c
            -- incident has no GiST: the units (of any era) overlapping the commune lead to its incidents (IncidentArea)
            JOIN admin_unit near ON near.geom && c.geom
            JOIN incident i ON i.unit_id = near.id
            JOIN scope_units s ON s.id = i.unit_id
            WHERE {IncidentFilter} AND ST_Covers(c.geom, i.geom)
            ORDER BY i.id, c.id
        ),
        counted AS (
            SELECT unit_id, extract(isodow FROM occurred_on)::int AS dow, extract(hour FROM occurred_at)::int AS hour, count(*)::int AS n
            FROM located GROUP BY 1, 2, 3
        )
        SELECT c.id, c.code, c.name, k.dow, k.hour, k.n
        FROM commune c LEFT JOIN counted k ON k.unit_id = c.id
        ORDER BY c.code, c.id
        """;

    // the squares as WGS 84 boxes (a hair wider) for the index; the exact test is the square's index of the point
    private static readonly string CellSql = $"""
        WITH {AreaScopeSql.Cte},
        wanted AS (
            SELECT w.srid, w.i, w.j,
                   ST_Expand(ST_Transform(ST_MakeEnvelope(w.i * @size, w.j * @size, (w.i + 1) * @size, (w.j + 1) * @size, w.srid), 4326), 0.00001) AS box
            FROM unnest(@srids, @is, @js) AS w(srid, i, j)
        )
        SELECT w.srid, w.i, w.j, extract(isodow FROM i.occurred_on)::int, extract(hour FROM i.occurred_at)::int, count(*)::int
        FROM wanted w
        JOIN incident i ON i.geom && w.box
        CROSS JOIN LATERAL ST_Transform(i.geom, w.srid) p
        -- incident has no GiST: the units (of any era) overlapping the squares lead to their incidents
        WHERE {IncidentArea.UnitOverlaps("i", "near.box", from: ", wanted near", scoped: true)}
          AND {IncidentFilter}
          AND floor(ST_X(p) / @size)::int = w.i AND floor(ST_Y(p) / @size)::int = w.j
        GROUP BY 1, 2, 3, 4, 5
        """;

    /// <summary>
    /// Per commune of the scope valid on <paramref name="day"/> (every one, with an empty table when it had no incident):
    /// the incidents of [<paramref name="from"/>, <paramref name="toExclusive"/>) located in it.
    /// </summary>
    public async Task<IReadOnlyList<CommuneTimeOfWeek>> PerCommuneAsync(AreaScope scope, DateOnly day, DateOnly from, DateOnly toExclusive,
        bool reportedOnly, CancellationToken ct = default)
    {
        var result = new List<CommuneTimeOfWeek>();
        if (scope.IsEmpty) return result;
        await using var command = dataSource.CreateCommand(CommuneSql);
        AddCommon(command, scope, from, toExclusive, reportedOnly);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        await using var reader = await command.ExecuteReaderAsync(ct);
        CommuneTimeOfWeek? current = null;
        while (await reader.ReadAsync(ct))
        {
            int id = reader.GetInt32(0);
            if (current?.UnitId != id) result.Add(current = new CommuneTimeOfWeek(id, reader.GetString(1), reader.GetString(2), new TimeOfWeekTable()));
            if (reader.IsDBNull(5)) continue;
            Count(current.Table, reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt32(5));
        }
        return result;
    }

    /// <summary>
    /// Per listed square (ids from <see cref="GridCellKey"/>, squares of <paramref name="sizeM"/> m): the scope's incidents of
    /// [<paramref name="from"/>, <paramref name="toExclusive"/>) whose point lies in it. Every listed id has a table.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, TimeOfWeekTable>> PerCellAsync(AreaScope scope, int sizeM, IReadOnlyCollection<long> cellIds,
        DateOnly from, DateOnly toExclusive, bool reportedOnly, CancellationToken ct = default)
    {
        var result = cellIds.Distinct().ToDictionary(id => id, _ => new TimeOfWeekTable());
        if (scope.IsEmpty || result.Count == 0) return result;
        var keys = result.Keys.Select(GridCellKey.Parse).ToArray();
        await using var command = dataSource.CreateCommand(CellSql);
        AddCommon(command, scope, from, toExclusive, reportedOnly);
        command.Parameters.Add(new NpgsqlParameter<int[]>("srids", keys.Select(k => k.Srid).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("is", keys.Select(k => k.I).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("js", keys.Select(k => k.J).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<double>("size", sizeM));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            Count(result[GridCellKey.Of(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2))],
                reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.GetInt32(5));
        return result;
    }

    // ISO day of week 1 = Monday … 7 = Sunday → row 0 … 6
    private static void Count(TimeOfWeekTable table, int isoDow, int? hour, int n)
    {
        if (hour is int h) table.AddTimed(isoDow - 1, h, n);
        else table.AddUntimed(n);
    }

    private static void AddCommon(NpgsqlCommand command, AreaScope scope, DateOnly from, DateOnly toExclusive, bool reportedOnly)
    {
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", toExclusive));
        command.Parameters.Add(new NpgsqlParameter<bool>("reported_only", reportedOnly));
    }
}
