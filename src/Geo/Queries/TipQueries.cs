using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>A tip as the tips page lists it (all review states; the verified columns are what counts).</summary>
public sealed record TipRow(long Id, string CommuneCode, string CommuneName, DateOnly ReceivedOn, TipChannel Channel, string Summary,
    TipState State, TipOutcome? Outcome, DateOnly? ResolvedOn, string EnteredBy, ReviewState Review, string? ReturnedReason,
    TipState? VerifiedState, DateOnly? VerifiedResolvedOn);

/// <summary>Resolution of one commune over a period.</summary>
public sealed record CommuneTipResolution(string Code, string Name, TipResolution Resolution);

/// <summary>Tips read through the caller's <see cref="AreaScope"/>; the resolution rate reads verified tips only.</summary>
public sealed class TipQueries(NpgsqlDataSource dataSource)
{
    // the tips of the scope received in [from, to), optionally of one commune: the FROM … WHERE shared by the list, its page and its count
    private static readonly string Matching = $"""
        FROM tip t JOIN scope_units s ON s.id = t.unit_id JOIN admin_unit u ON u.id = t.unit_id
        WHERE t.received_on >= @from AND t.received_on < @to AND (@commune::text IS NULL OR u.code = @commune::text)
        """;

    private const string Columns = """
        t.id, u.code, u.name, t.received_on, t.channel, t.summary, t.state, t.outcome, t.resolved_on, t.entered_by, t.review,
        t.returned_reason, t.verified_state, t.verified_resolved_on
        """;

    /// <summary>Tips of the scope received in [from, to) (any review state), newest first.</summary>
    public async Task<IReadOnlyList<TipRow>> ListAsync(AreaScope scope, DateOnly from, DateOnly to, string? communeCode = null, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        await using var command = Command($"WITH {AreaScopeSql.Cte} SELECT {Columns} {Matching} ORDER BY t.received_on DESC, t.id DESC",
            scope, from, to, communeCode);
        return await ReadAsync(command, ct);
    }

    /// <summary>
    /// One page of <see cref="ListAsync"/> (same order, same area scope), read with LIMIT/OFFSET on the server, and the number of
    /// tips of the whole list; a page past the end is empty with the true total.
    /// </summary>
    public async Task<Page<TipRow>> PageAsync(AreaScope scope, DateOnly from, DateOnly to, PageRequest page, string? communeCode = null,
        CancellationToken ct = default)
    {
        if (scope.IsEmpty) return new([], page.Number, page.Size, 0);
        await using var count = Command($"WITH {AreaScopeSql.Cte} SELECT count(*) {Matching}", scope, from, to, communeCode);
        var total = (long)(await count.ExecuteScalarAsync(ct))!;
        if (total <= page.Offset) return new([], page.Number, page.Size, total);
        await using var command = Command(
            $"WITH {AreaScopeSql.Cte} SELECT {Columns} {Matching} ORDER BY t.received_on DESC, t.id DESC LIMIT @limit OFFSET @offset",
            scope, from, to, communeCode);
        command.Parameters.Add(new NpgsqlParameter<int>("limit", page.Size));
        command.Parameters.Add(new NpgsqlParameter<long>("offset", page.Offset));
        return new(await ReadAsync(command, ct), page.Number, page.Size, total);
    }

    private NpgsqlCommand Command(string sql, AreaScope scope, DateOnly from, DateOnly to, string? communeCode)
    {
        var command = dataSource.CreateCommand(sql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", from));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", to));
        command.Parameters.Add(new NpgsqlParameter("commune", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)communeCode ?? DBNull.Value });
        return command;
    }

    private static async Task<IReadOnlyList<TipRow>> ReadAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var rows = new List<TipRow>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            rows.Add(new TipRow(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), SpotQueries.Parse<TipChannel>(r.GetString(4)),
                r.GetString(5), SpotQueries.Parse<TipState>(r.GetString(6)), r.IsDBNull(7) ? null : SpotQueries.Parse<TipOutcome>(r.GetString(7)),
                r.IsDBNull(8) ? null : r.GetFieldValue<DateOnly>(8), r.GetString(9), SpotQueries.Parse<ReviewState>(r.GetString(10)),
                r.IsDBNull(11) ? null : r.GetString(11), r.IsDBNull(12) ? null : SpotQueries.Parse<TipState>(r.GetString(12)),
                r.IsDBNull(13) ? null : r.GetFieldValue<DateOnly>(13)));
        }
        return rows;
    }

    /// <summary>The verified tips received in the period per commune and in total, resolved before its end (<see cref="TipResolution"/>).</summary>
    public async Task<(IReadOnlyList<CommuneTipResolution> Communes, TipResolution Total)> ResolutionAsync(AreaScope scope, ReportPeriod period,
        CancellationToken ct = default)
    {
        var records = new List<(string Code, string Name, ReceivedTip Tip)>();
        if (!scope.IsEmpty)
        {
            await using var command = dataSource.CreateCommand($"""
                WITH {AreaScopeSql.Cte}
                SELECT u.code, u.name, t.received_on, CASE WHEN t.verified_state = 'resolved' THEN t.verified_resolved_on END
                FROM tip t JOIN scope_units s ON s.id = t.unit_id JOIN admin_unit u ON u.id = t.unit_id
                WHERE t.verified_state IS NOT NULL AND t.received_on >= @from AND t.received_on < @to
                """);
            AreaScopeSql.AddParameters(command, scope);
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("from", period.Start));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("to", period.EndExclusive));
            await using var r = await command.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                records.Add((r.GetString(0), r.GetString(1), new ReceivedTip(r.GetString(0), r.GetFieldValue<DateOnly>(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateOnly>(3))));
        }
        var names = records.GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var per = TipResolution.PerCommune(records.Select(x => x.Tip), period);
        return (per.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new CommuneTipResolution(p.Key, names[p.Key], p.Value)).ToList(),
            TipResolution.Of(records.Select(x => x.Tip), period));
    }
}
