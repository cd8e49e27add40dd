using System.Globalization;
using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Planning;
using DiaBan.Analytics.Records;
using DiaBan.Analytics.Reporting;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>
/// The figures of the 6-month / annual report (DOMAIN.md §6) for the caller's <see cref="AreaScope"/>, each read by
/// one set-based query, assembled into a <see cref="Report"/> by Analytics' <see cref="ReportAssembler"/>.
/// Communes are those valid at the end of each period; a status is the official one first, else the computed one.
/// </summary>
public sealed class ReportQueries(NpgsqlDataSource dataSource, TargetQueries targets, TransitionQueries transitions,
    RecognitionQueries recognitions, CompletenessQueries completeness, TimeProvider time)
{
    private readonly SpotQueries spots = new(dataSource);
    private readonly TipQueries tips = new(dataSource);


    /// <summary>The report of a period over the communes the scope may read; <paramref name="rule"/> derives a merged commune's last-year status.</summary>
    public async Task<Report> BuildAsync(ReportPeriod period, AreaScope scope, PredecessorRule rule = PredecessorRule.Worst, CancellationToken ct = default) =>
        ReportAssembler.Assemble(await FiguresAsync(period, scope, rule, ct));

    public async Task<ReportFigures> FiguresAsync(ReportPeriod period, AreaScope scope, PredecessorRule rule = PredecessorRule.Worst, CancellationToken ct = default)
    {
        var year = period.CalendarYear;
        var before = period.SamePeriodLastYear;
        var now = await CommunesAsync(period.End, year, scope, ct);
        var then = await CommunesAsync(before.End, year - 1, scope, ct);
        // the same matrix as /transitions: communes valid at the end of the year, merged ones derived by the stated rule
        var matrix = await transitions.TransitionsAsync(year - 1, year, rule, scope, ct);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in then.Concat(now)) names[c.Code] = c.Name;
        foreach (var u in matrix.Units.Values) names[u.Code] = u.Name;
        var steps = await recognitions.InPeriodAsync(new DateTimeOffset(period.Start.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset),
            new DateTimeOffset(period.EndExclusive.ToDateTime(TimeOnly.MinValue), VietnamTime.Offset), scope, ct);
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        return new ReportFigures
        {
            Period = period,
            AreaName = await AreaNameAsync(period.End, scope, ct),
            GeneratedAt = time.GetUtcNow(),
            Statuses = StatusCounts(now, then),
            Transitions = matrix.Matrix,
            CommuneNames = names,
            Incidents = await IncidentsAsync(period, scope, ct),
            Indicators = await IndicatorsAsync(year, scope, ct),
            Targets = (await targets.ProgressAsync(year, scope, ct)).Select(ToResult).ToList(),
            RecognitionSteps = steps.Select(ToFigure).ToList(),
            Completeness = await completeness.ForYearAsync(year, scope, today, ct),
            Map = await MapAsync(period.End, year, scope, ct),
            // null (the table says so) when nothing is recorded, rather than a row of zeros that looks like a report
            Spots = await SpotTotalAsync(period, scope, ct),
            SpotsBefore = await SpotTotalAsync(before, scope, ct),
            Tips = await TipTotalAsync(period, scope, ct),
            TipsBefore = await TipTotalAsync(before, scope, ct),
        };
    }

    private async Task<SpotCounts?> SpotTotalAsync(ReportPeriod period, AreaScope scope, CancellationToken ct)
    {
        var (communes, total) = await spots.CountsAsync(scope, period, ct);
        return communes.Count == 0 ? null : total;
    }

    private async Task<TipResolution?> TipTotalAsync(ReportPeriod period, AreaScope scope, CancellationToken ct)
    {
        var (communes, total) = await tips.ResolutionAsync(scope, period, ct);
        return communes.Count == 0 ? null : total;
    }

    private static RecognitionStepFigure ToFigure(RecognitionEvent e) => new(e.Code, e.Name,
        Enum.GetValues<RecognitionAction>().Single(a => a.Code() == e.Action), Enum.GetValues<RecognitionState>().Single(s => s.Code() == e.To),
        e.At, e.Year, e.DecisionNumber, e.DecisionDate);

    private sealed record CommuneRow(int Id, string Code, string Name, CommuneStatus? Status);

    // every status of the axis (a row even when zero), then any stored status the axis does not know yet
    private static List<StatusCount> StatusCounts(List<CommuneRow> now, List<CommuneRow> then)
    {
        var statuses = StatusRank.Axis.Concat(now.Concat(then).Select(c => c.Status)).Distinct().ToList();
        return statuses.Select(s => new StatusCount(s, now.Count(c => c.Status == s), then.Count(c => c.Status == s))).ToList();
    }

    private static readonly string CommunesSql = $"""
        communes AS (
            SELECT u.id, u.code, u.name, u.parent_id, u.geom FROM admin_unit u JOIN scope_units s ON s.id = u.id
            WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "@day")}
        )
        """;

    private async Task<List<CommuneRow>> CommunesAsync(DateOnly day, int year, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return [];
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}, {CommunesSql}
            SELECT c.id, c.code, c.name, COALESCE(a.official_status, a.computed_status)
            FROM communes c LEFT JOIN status_assessment a ON a.unit_id = c.id AND a.year = @year
            ORDER BY c.code
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var rows = new List<CommuneRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new CommuneRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : CommuneStatusInfo.FromCode(reader.GetString(3))));
        }
        return rows;
    }

    // the province(s) of the communes in scope; a commune list is named as such
    private async Task<string> AreaNameAsync(DateOnly day, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return "Không có địa bàn";
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}, {CommunesSql}
            SELECT DISTINCT CASE WHEN p.level = 'province' THEN p.name ELSE g.name END
            FROM communes c JOIN admin_unit p ON p.id = c.parent_id LEFT JOIN admin_unit g ON g.id = p.parent_id
            ORDER BY 1
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        var names = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) if (!reader.IsDBNull(0)) names.Add(reader.GetString(0));
        }
        var province = names.Count switch { 0 => "Chưa có địa bàn", 1 => names[0], <= 3 => string.Join(", ", names), _ => "Toàn quốc" };
        return scope.CommuneCodes.Count > 0 ? $"{province} — {scope.CommuneCodes.Count} xã được giao" : province;
    }

    private async Task<IReadOnlyList<IncidentKindCount>> IncidentsAsync(ReportPeriod period, AreaScope scope, CancellationToken ct)
    {
        var counts = new Dictionary<IncidentKind, IncidentKindCount>();
        if (!scope.IsEmpty)
        {
            await using var command = dataSource.CreateCommand($"""
                WITH {AreaScopeSql.Cte}
                SELECT i.kind,
                       count(*) FILTER (WHERE i.occurred_on >= @start), COALESCE(sum(i.persons) FILTER (WHERE i.occurred_on >= @start), 0),
                       COALESCE(sum(i.plants) FILTER (WHERE i.occurred_on >= @start), 0), COALESCE(sum(i.area_m2) FILTER (WHERE i.occurred_on >= @start), 0),
                       count(*) FILTER (WHERE i.occurred_on < @before_end), COALESCE(sum(i.persons) FILTER (WHERE i.occurred_on < @before_end), 0),
                       COALESCE(sum(i.plants) FILTER (WHERE i.occurred_on < @before_end), 0), COALESCE(sum(i.area_m2) FILTER (WHERE i.occurred_on < @before_end), 0)
                FROM incident i JOIN scope_units s ON s.id = i.unit_id
                WHERE (i.occurred_on >= @start AND i.occurred_on < @end) OR (i.occurred_on >= @before_start AND i.occurred_on < @before_end)
                GROUP BY i.kind
                """);
            AreaScopeSql.AddParameters(command, scope);
            var before = period.SamePeriodLastYear;
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("start", period.Start));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("end", period.EndExclusive));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("before_start", before.Start));
            command.Parameters.Add(new NpgsqlParameter<DateOnly>("before_end", before.EndExclusive));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var kind = Enum.GetValues<IncidentKind>().Single(k => k.Code() == reader.GetString(0));
                int I(int i) => Convert.ToInt32(reader.GetValue(i), CultureInfo.InvariantCulture);
                long L(int i) => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
                double D(int i) => Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
                counts[kind] = new IncidentKindCount(kind, I(1), I(2), L(3), D(4), I(5), I(6), L(7), D(8));
            }
        }
        // every kind has a row, in the enum's order
        return Enum.GetValues<IncidentKind>().Select(k => counts.GetValueOrDefault(k) ?? new IncidentKindCount(k, 0, 0, 0, 0, 0, 0, 0, 0)).ToList();
    }

    // sums over the communes valid at the end of each year (so a merger year is not counted twice)
    private async Task<IReadOnlyDictionary<int, IndicatorSums>> IndicatorsAsync(int year, AreaScope scope, CancellationToken ct)
    {
        var sums = new Dictionary<int, IndicatorSums>();
        if (scope.IsEmpty) return sums;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}
            SELECT i.year, sum(i.users_addicts_managed), sum(i.harbouring_places_detected_in_period), sum(i.harbouring_places_active_at_end),
                   sum(i.plants_destroyed_count), sum(i.plants_destroyed_m2), sum(i.offenders_arrested)
            FROM unit_indicator i JOIN scope_units s ON s.id = i.unit_id JOIN admin_unit u ON u.id = i.unit_id
            WHERE i.year BETWEEN @year - 2 AND @year AND u.level = 'commune'
              AND {DomainSql.ValidOn("u", "make_date(i.year, 12, 31)")}
            GROUP BY i.year
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            long? L(int i) => reader.IsDBNull(i) ? null : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture);
            double? D(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
            sums[reader.GetInt32(0)] = new IndicatorSums(L(1), L(2), L(3), L(4), D(5), L(6));
        }
        return sums;
    }

    private static TargetResult ToResult(TargetProgressRow row)
    {
        var t = row.Stored.Target;
        var indicator = t.Indicator.VietnameseLabel() + (t.KeyType is { } key ? $" ({key.VietnameseLabel()})" : "");
        var value = t.Value.ToString("0.##", CultureInfo.GetCultureInfo("vi-VN"));
        var level = (t.Direction == TargetDirection.AtLeast ? "≥ " : "≤ ") + t.Comparison switch
        {
            TargetComparison.Share => $"{value} % số xã",
            TargetComparison.PercentChange => $"{value} % so với năm trước",
            _ => value,
        };
        return new TargetResult(indicator, level, t.DocumentNumber, row.Baseline, row.Actual, row.Projection, row.Required, row.Verdict, row.Source);
    }

    // the communes' outlines as SVG paths (ST_AsSVG: x = longitude, y = −latitude), simplified to about a pixel of an A4 page
    private async Task<ReportMap> MapAsync(DateOnly day, int year, AreaScope scope, CancellationToken ct)
    {
        if (scope.IsEmpty) return ReportMap.Empty;
        await using var command = dataSource.CreateCommand($"""
            WITH {AreaScopeSql.Cte}, {CommunesSql},
            box AS (SELECT ST_XMin(e) AS x0, ST_YMin(e) AS y0, ST_XMax(e) AS x1, ST_YMax(e) AS y1 FROM (SELECT ST_Extent(geom)::geometry AS e FROM communes) b)
            SELECT c.code, c.name, COALESCE(a.official_status, a.computed_status),
                   ST_AsSVG(ST_SimplifyPreserveTopology(c.geom, GREATEST(box.x1 - box.x0, box.y1 - box.y0) / 1500), 0, 5),
                   box.x0, box.y0, box.x1, box.y1
            FROM communes c CROSS JOIN box LEFT JOIN status_assessment a ON a.unit_id = c.id AND a.year = @year
            ORDER BY c.code
            """);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<DateOnly>("day", day));
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var units = new List<ReportMapUnit>();
        double x0 = 0, y0 = 0, x1 = 1, y1 = 1;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            units.Add(new ReportMapUnit(reader.GetString(0), reader.GetString(1),
                reader.IsDBNull(2) ? null : CommuneStatusInfo.FromCode(reader.GetString(2)), reader.IsDBNull(3) ? "" : reader.GetString(3)));
            (x0, y0, x1, y1) = (reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7));
        }
        if (units.Count == 0) return ReportMap.Empty;
        // longitude degrees are shorter than latitude degrees by cos(latitude)
        var aspect = Math.Cos((y0 + y1) / 2 * Math.PI / 180);
        return new ReportMap(x0, -y1, Math.Max(x1 - x0, 1e-9), Math.Max(y1 - y0, 1e-9), aspect, units);
    }
}
