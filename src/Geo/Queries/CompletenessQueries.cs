using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning.Completeness;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>
/// Data completeness of a year inside the caller's area: for each commune valid at the year's end, the figures the rule
/// set of its assessment reads (the rule set in force on 31 December when it has none), the figures its assessment had
/// (reported, counted from incidents, estimated; the reported row when it is not assessed) and when its row arrived.
/// The arithmetic is Analytics' <see cref="DataCompletenessCalculator"/>.
/// </summary>
public sealed class CompletenessQueries(NpgsqlDataSource dataSource)
{
    private sealed record Row(string Code, string Name, string AreaCode, string AreaName, string ProvinceCode,
        string ProvinceName, string? RuleSetId, int? RuleSetVersion, string[] Present, DateTimeOffset? ReceivedAt);

    /// <summary>
    /// Completeness of any period: a year as <see cref="ForYearAsync"/>; below a year, the figures entered on the web
    /// for that period and approved (figure_entry, state verified), received when submitted, against the rule set in
    /// force at the period's end and the period's deadline (docs/planning.md, "Periods").
    /// </summary>
    public Task<CompletenessReport> ForPeriodAsync(ReportPeriod period, AreaScope scope, DateOnly today, CancellationToken ct = default) =>
        period.IsWholeYear ? ForYearAsync(period.CalendarYear, scope, today, ct) : SubYearAsync(period, scope, today, ct);

    /// <summary>The figures the rule set in force on <paramref name="day"/> reads (none when no rule set is in force).</summary>
    public async Task<IndicatorField> RequiredOnAsync(DateOnly day, CancellationToken ct = default)
    {
        var catalog = await CatalogAsync(ct);
        return catalog.TryForDate(day, out var ruleSet) ? RequiredFields.Of(ruleSet) : IndicatorField.None;
    }

    private async Task<CompletenessReport> SubYearAsync(ReportPeriod period, AreaScope scope, DateOnly today, CancellationToken ct)
    {
        var rows = scope.IsEmpty ? [] : await RowsAsync(SubYearSql, period.CalendarYear, period, scope, ct);
        var required = await RequiredOnAsync(period.End, ct);
        var communes = rows.Select(row => new CommuneFigures(row.Code, row.Name, row.AreaCode, row.AreaName, required,
            IndicatorFieldInfo.Singles.Where(f => row.Present.Contains(f.ColumnName())).Aggregate(IndicatorField.None, (a, f) => a | f),
            ReportingDeadline.Judge(period, row.ReceivedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null, today))).ToArray();
        var provinces = rows.Select(x => (x.ProvinceCode, x.ProvinceName)).Distinct().ToArray();
        var (totalCode, totalName) = provinces.Length == 1 ? provinces[0] : ("", "Toàn bộ / all");
        return DataCompletenessCalculator.Report(period, totalCode, totalName, communes);
    }

    public async Task<CompletenessReport> ForYearAsync(int year, AreaScope scope, DateOnly today, CancellationToken ct = default)
    {
        var rows = scope.IsEmpty ? [] : await RowsAsync(YearSql, year, ReportPeriod.Year(year), scope, ct);
        var catalog = await CatalogAsync(ct);
        var inForce = catalog.TryForDate(new DateOnly(year, 12, 31), out var r) ? r : null;
        var required = new Dictionary<(string, int), IndicatorField>();
        IndicatorField Required(Row row)
        {
            var ruleSet = row.RuleSetId is { } id ? catalog.Find(id, row.RuleSetVersion) ?? inForce : inForce;
            if (ruleSet is null) return IndicatorField.None;
            var key = (ruleSet.Id, ruleSet.Version);
            if (!required.TryGetValue(key, out var fields)) required[key] = fields = RequiredFields.Of(ruleSet);
            return fields;
        }
        var communes = rows.Select(row => new CommuneFigures(row.Code, row.Name, row.AreaCode, row.AreaName, Required(row),
            IndicatorFieldInfo.Singles.Where(f => row.Present.Contains(f.ColumnName())).Aggregate(IndicatorField.None, (a, f) => a | f),
            ReportingDeadline.Judge(year, row.ReceivedAt is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : null, today))).ToArray();
        var provinces = rows.Select(x => (x.ProvinceCode, x.ProvinceName)).Distinct().ToArray();
        var (totalCode, totalName) = provinces.Length == 1 ? provinces[0] : ("", "Toàn bộ / all");
        return DataCompletenessCalculator.Report(year, totalCode, totalName, communes);
    }

    // stored rule sets (an administrator's edits included); the shipped ones before anything was classified
    private async Task<RuleSetCatalog> CatalogAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT json::text FROM rule_set");
        var sets = new List<RuleSet>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) sets.Add(RuleSetCatalog.Parse(reader.GetString(0)));
        return sets.Count == 0 ? RuleSetCatalog.Embedded : new RuleSetCatalog(sets);
    }

    // a year: what its assessment read plus the reported row (figures approved on the web land there too)
    private static readonly string YearSql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT u.code, u.name,
               COALESCE(p.code, ''), COALESCE(p.name, ''),
               COALESCE(CASE WHEN p.level = 'province' THEN p.code ELSE pp.code END, ''),
               COALESCE(CASE WHEN p.level = 'province' THEN p.name ELSE pp.name END, ''),
               a.rule_set_id, a.rule_set_version,
               ARRAY(SELECT jsonb_object_keys(COALESCE(a.inputs, jsonb_build_object()))
                     UNION SELECT jsonb_object_keys(COALESCE(jsonb_strip_nulls(to_jsonb(i)), jsonb_build_object()))),
               i.received_at
        FROM admin_unit u
        LEFT JOIN admin_unit p ON p.id = u.parent_id
        LEFT JOIN admin_unit pp ON pp.id = p.parent_id
        LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
        LEFT JOIN unit_indicator i ON i.unit_id = u.id AND i.year = @year
        WHERE u.level = 'commune'
          AND {DomainSql.ValidOn("u", "@period_last")}
          AND u.id IN (SELECT id FROM scope_units)
        ORDER BY u.code
        """;

    // below a year: only the approved web entry of that period counts; received = submitted
    private static readonly string SubYearSql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT u.code, u.name,
               COALESCE(p.code, ''), COALESCE(p.name, ''),
               COALESCE(CASE WHEN p.level = 'province' THEN p.code ELSE pp.code END, ''),
               COALESCE(CASE WHEN p.level = 'province' THEN p.name ELSE pp.name END, ''),
               NULL::text, NULL::int,
               ARRAY(SELECT jsonb_object_keys(COALESCE(e.figures, jsonb_build_object()))),
               e.submitted_at
        FROM admin_unit u
        LEFT JOIN admin_unit p ON p.id = u.parent_id
        LEFT JOIN admin_unit pp ON pp.id = p.parent_id
        LEFT JOIN figure_entry e ON e.unit_id = u.id AND e.period = @period AND e.state = 'verified'
        WHERE u.level = 'commune'
          AND {DomainSql.ValidOn("u", "@period_last")}
          AND u.id IN (SELECT id FROM scope_units)
        ORDER BY u.code
        """;

    private async Task<List<Row>> RowsAsync(string sql, int year, ReportPeriod period, AreaScope scope, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        command.Parameters.Add(new NpgsqlParameter<string>("period", period.Code));
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("period_last", period.End));
        AreaScopeSql.AddParameters(command, scope);
        var rows = new List<Row>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Row(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetInt32(7),
                reader.GetFieldValue<string[]>(8),
                reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9)));
        }
        return rows;
    }
}
