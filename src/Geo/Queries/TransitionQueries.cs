using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Services;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>A commune in a transition report: its code, name and population that year (null when not reported).</summary>
public sealed record TransitionUnit(string Code, string Name, int? Population);

/// <summary>
/// The from × to matrix of two years in the caller's area (<see cref="TransitionCalculator"/>) with the names behind
/// the codes: <see cref="Units"/> are the communes valid at the end of the to-year, <see cref="Predecessors"/> the
/// from-year communes (codes are reused across the 2025 merger, so the two are kept apart).
/// </summary>
public sealed record TransitionReport(
    TransitionMatrix Matrix,
    IReadOnlyDictionary<string, TransitionUnit> Units,
    IReadOnlyDictionary<string, TransitionUnit> Predecessors)
{
    public string NameOf(string code) => Units.TryGetValue(code, out var u) ? u.Name : code;

    public string PredecessorNameOf(string code) => Predecessors.TryGetValue(code, out var u) ? u.Name : code;
}

/// <summary>
/// Builds <see cref="TransitionInput"/> from the database (docs/planning.md): the communes valid at the end of the
/// to-year inside the caller's <see cref="AreaScope"/>, each once; the statuses of the from-year (official first, with
/// the computed assessment behind them for the criteria diff); and, for communes that began after the from-year, their
/// unit_lineage links with area and population shares (the 1/7/2025 merger).
/// </summary>
public sealed class TransitionQueries(NpgsqlDataSource dataSource)
{
    // one row per commune valid at the end of the year, in the scope, with its assessment of that year (if any)
    private const string YearSql = $"""
        WITH {AreaScopeSql.Cte}
        SELECT u.id, u.code, u.name, COALESCE(i.population_resident, u.population),
               COALESCE(a.official_status, a.computed_status), a.computed_status, a.rule_set_id, a.rule_set_version,
               a.regime, a.provisional, a.criteria::text
        FROM admin_unit u
        LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
        LEFT JOIN unit_indicator i ON i.unit_id = u.id AND i.year = @year
        WHERE u.level = 'commune'
          AND u.valid_from <= make_date(@year, 12, 31)
          AND (u.valid_to IS NULL OR make_date(@year, 12, 31) < u.valid_to)
          AND u.id IN (SELECT id FROM scope_units)
        ORDER BY u.code
        """;

    // links of to-year communes that did not exist at the end of the from-year, to units that did
    private const string LineageSql = """
        SELECT n.code, o.code, l.area_share, l.population_share
        FROM unit_lineage l
        JOIN admin_unit n ON n.id = l.new_unit_id
        JOIN admin_unit o ON o.id = l.old_unit_id
        WHERE n.id = ANY(@new_ids)
          AND n.valid_from > make_date(@from, 12, 31)
          AND o.valid_from <= make_date(@from, 12, 31)
          AND (o.valid_to IS NULL OR make_date(@from, 12, 31) < o.valid_to)
        ORDER BY n.code, o.code
        """;

    /// <summary>The transitions from <paramref name="fromYear"/> to <paramref name="toYear"/> (from ≤ to) in the scope.</summary>
    public async Task<TransitionReport> TransitionsAsync(int fromYear, int toYear, PredecessorRule rule, AreaScope scope, CancellationToken ct = default)
    {
        if (toYear < fromYear) throw new ArgumentException($"to {toYear} is before from {fromYear}", nameof(toYear));
        var to = scope.IsEmpty ? [] : await YearAsync(toYear, scope, ct);
        var from = scope.IsEmpty ? [] : await YearAsync(fromYear, scope, ct);
        var lineage = to.Count == 0 ? [] : await LineageAsync(fromYear, to.Select(r => r.Id).ToArray(), ct);
        var matrix = TransitionCalculator.Compute(new TransitionInput
        {
            FromYear = fromYear,
            ToYear = toYear,
            From = from.Select(r => r.Status).ToList(),
            To = to.Select(r => r.Status).ToList(),
            // scope_units holds every predecessor of a commune in scope; one missing anyway counts as unknown, never guessed
            Lineage = lineage,
            Rule = rule,
        });
        return new TransitionReport(matrix,
            to.ToDictionary(r => r.Unit.Code, r => r.Unit, StringComparer.Ordinal),
            from.ToDictionary(r => r.Unit.Code, r => r.Unit, StringComparer.Ordinal));
    }

    private sealed record YearRow(int Id, TransitionUnit Unit, UnitYearStatus Status);

    private async Task<List<YearRow>> YearAsync(int year, AreaScope scope, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(YearSql);
        AreaScopeSql.AddParameters(command, scope);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var rows = new List<YearRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var code = reader.GetString(1);
            int? population = reader.IsDBNull(3) ? null : reader.GetInt32(3);
            CommuneStatus? status = reader.IsDBNull(4) ? null : CommuneStatusInfo.FromCode(reader.GetString(4));
            var assessment = reader.IsDBNull(5) ? null : new StatusAssessmentResult
            {
                UnitCode = code,
                Year = year,
                Status = CommuneStatusInfo.FromCode(reader.GetString(5)),
                StatusLabel = CommuneStatusInfo.FromCode(reader.GetString(5)).VietnameseLabel(),
                RuleSetId = reader.GetString(6),
                RuleSetVersion = reader.GetInt32(7),
                Regime = CriteriaRegimeInfo.FromCode(reader.GetString(8)),
                Provisional = reader.GetBoolean(9),
                Determined = true,
                MissingInputs = [],
                Classes = AssessmentJson.ReadClasses(reader.GetString(10)),
            };
            rows.Add(new YearRow(reader.GetInt32(0), new TransitionUnit(code, reader.GetString(2), population),
                new UnitYearStatus(code, status) { Assessment = assessment, Population = population }));
        }
        return rows;
    }

    private async Task<List<LineageLink>> LineageAsync(int fromYear, int[] newIds, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(LineageSql);
        command.Parameters.Add(new NpgsqlParameter<int[]>("new_ids", newIds));
        command.Parameters.Add(new NpgsqlParameter<int>("from", fromYear));
        var links = new List<LineageLink>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            // population share falls back to the area share, as the lineage importer documents
            var area = reader.IsDBNull(2) ? 0 : reader.GetDouble(2);
            var population = reader.IsDBNull(3) ? area : reader.GetDouble(3);
            links.Add(new LineageLink(reader.GetString(0), reader.GetString(1), area, population));
        }
        return links;
    }
}
