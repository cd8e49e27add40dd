using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Planning;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DiaBan.Geo.Queries;

/// <summary>A stored target as the API and the page show it: its id and row fields (codes, as in the targets file).</summary>
public sealed record StoredTarget(long Id, PlanTarget Target, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>One commune driving a target: code, name, last year's and this year's value.</summary>
public sealed record TargetDriver(string Code, string Name, double Baseline, double Actual);

/// <summary>A target's progress in its year: baseline, actual so far, projection, verdict and the communes behind it.</summary>
/// <param name="Source">Where the actual comes from (table and figure), or why there is none.</param>
public sealed record TargetProgressRow(
    StoredTarget Stored,
    double? Baseline,
    double? Actual,
    double? Projection,
    double? Required,
    double ElapsedFraction,
    TargetVerdict Verdict,
    string? Reason,
    string Source,
    IReadOnlyList<TargetDriver> Helping,
    IReadOnlyList<TargetDriver> Hindering);

/// <summary>
/// Plan targets read through the caller's <see cref="AreaScope"/> and tracked against stored data. A caller sees a
/// target only when every unit the target covers is inside his scope (so a progress figure never sums data he may not
/// read): a provincial user sees his province's targets and those of communes in it; a commune officer sees targets
/// on his communes only; an administrator without an area sees all.
/// </summary>
public sealed class TargetQueries(NpgsqlDataSource dataSource, DiaBanDb db, TimeProvider time)
{
    private static readonly string[] DrugFreeCodes = [CommuneStatus.DrugFree.Code(), CommuneStatus.NoDrugVice.Code()];
    private static readonly string[] WithDrugsCodes =
        [CommuneStatus.HasDrugs.Code(), CommuneStatus.KeyTypeIII.Code(), CommuneStatus.KeyTypeII.Code(), CommuneStatus.KeyTypeI.Code()];

    /// <summary>The targets of a year (or all years) visible in the scope, by year, indicator and id.</summary>
    public async Task<IReadOnlyList<StoredTarget>> ListAsync(int? year, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsEmpty) return [];
        var records = db.PlanTargets.AsNoTracking().Where(t => year == null || t.Year == year).OrderBy(t => t.Year).ThenBy(t => t.Id).AsEnumerable()
            .Select(r => new StoredTarget(r.Id, r.ToTarget(), r.UpdatedBy, r.UpdatedAt)).ToList();
        var visible = new List<StoredTarget>();
        var callerUnits = scope.IsUnrestricted ? null : await UnitIdsAsync(scope, ct);
        var cache = new Dictionary<TargetScope, HashSet<int>>();
        foreach (var stored in records)
        {
            if (callerUnits is null || await CoversOnlyAsync(stored.Target.Scope, callerUnits, cache, ct)) visible.Add(stored);
        }
        return visible;
    }

    /// <summary>Whether the caller may read (and, with the right role, change) a target with this scope.</summary>
    public async Task<bool> IsVisibleAsync(TargetScope target, AreaScope scope, CancellationToken ct = default)
    {
        if (scope.IsUnrestricted) return true;
        if (scope.IsEmpty) return false;
        return await CoversOnlyAsync(target, await UnitIdsAsync(scope, ct), [], ct);
    }

    /// <summary>Progress of every visible target of the year, in the order of <see cref="ListAsync"/>.</summary>
    public async Task<IReadOnlyList<TargetProgressRow>> ProgressAsync(int year, AreaScope scope, CancellationToken ct = default)
    {
        var targets = await ListAsync(year, scope, ct);
        if (targets.Count == 0) return [];
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var elapsed = TargetTracker.ElapsedFraction(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), today);
        var current = await CommunesAsync(year, ct);
        var previous = await CommunesAsync(year - 1, ct);
        var predecessors = await PredecessorsAsync(year, ct);
        var rows = new List<TargetProgressRow>();
        foreach (var stored in targets)
        {
            var units = await UnitIdsAsync(ToAreaScope(stored.Target.Scope), ct);
            rows.Add(Track(stored, elapsed, current.Where(c => units.Contains(c.Id)).ToList(),
                previous.Where(c => units.Contains(c.Id)).ToDictionary(c => c.Id), predecessors));
        }
        return rows;
    }

    private static TargetProgressRow Track(StoredTarget stored, double elapsed, List<CommuneYear> now,
        Dictionary<int, CommuneYear> before, ILookup<int, int> predecessors)
    {
        var target = stored.Target;
        var measure = Measure.For(target);
        if (measure is null)
        {
            return new TargetProgressRow(stored, null, null, null, null, elapsed, TargetVerdict.Unknown,
                "Chưa có số liệu / no data", SourceOf(target), [], []);
        }
        var baseline = measure.Aggregate(before.Values.ToList());
        var actual = measure.Aggregate(now);
        // a commune's part: its value this year against its own last year, or its predecessors' across a merger
        var contributions = now.Select(c => new CommuneContribution(c.Code,
            before.TryGetValue(c.Id, out var self) ? measure.Value(self) ?? 0
            : measure.Combine(predecessors[c.Id].Where(before.ContainsKey).Select(p => measure.Value(before[p]) ?? 0).ToList()),
            measure.Value(c) ?? 0)).ToList();
        var progress = TargetTracker.Track(new TargetProgressInput
        {
            Target = target, Baseline = baseline, Actual = actual, ElapsedFraction = elapsed, Contributions = contributions,
        });
        var names = now.ToDictionary(c => c.Code, c => c.Name, StringComparer.Ordinal);
        TargetDriver Driver(CommuneContribution c) => new(c.UnitCode, names.GetValueOrDefault(c.UnitCode, c.UnitCode), c.Baseline, c.Actual);
        return new TargetProgressRow(stored, progress.Baseline, progress.Actual, progress.Projection, progress.Required, elapsed,
            progress.Verdict, progress.Reason, SourceOf(target), progress.Helping.Select(Driver).ToList(), progress.Hindering.Select(Driver).ToList());
    }

    /// <summary>Where an indicator's actual is read from; "no data" for what the database does not hold yet.</summary>
    public static string SourceOf(PlanTarget target) => Measure.For(target) is null
        ? "Chưa có dữ liệu trong hệ thống / not stored yet"
        : target.Indicator switch
        {
            PlanIndicator.DrugFreeCommunes or PlanIndicator.KeyCommunes or PlanIndicator.CommunesWithDrugs => "status_assessment",
            PlanIndicator.Arrests => IndicatorField.OffendersArrested.Label(),
            PlanIndicator.UsersWithRecords => IndicatorField.UsersAddictsManaged.Label(),
            PlanIndicator.SpotsEliminated => "drug_spot_step (đã duyệt): triệt xóa ÷ đầu kỳ",
            PlanIndicator.TipsResolved => "tip (đã duyệt): đã giải quyết ÷ tiếp nhận",
            _ => IndicatorField.PlantsDestroyedM2.Label(),
        };

    /// <summary>How one indicator is read from a commune-year, summed over communes and turned into a share.</summary>
    private sealed class Measure
    {
        private Func<CommuneYear, double?> _value = _ => null;
        private bool _isStatus;
        private bool _share;

        public static Measure? For(PlanTarget target)
        {
            var share = target.Comparison == TargetComparison.Share;
            Measure Status(Func<string, bool> counts) =>
                new() { _isStatus = true, _share = share, _value = c => c.Status is null ? null : counts(c.Status) ? 1 : 0 };
            Measure Figure(Func<CommuneYear, double?> figure) => new() { _value = figure };
            return target.Indicator switch
            {
                PlanIndicator.DrugFreeCommunes => Status(s => DrugFreeCodes.Contains(s)),
                PlanIndicator.KeyCommunes when target.KeyType is { } key => Status(s => s == key.Code()),
                PlanIndicator.CommunesWithDrugs => Status(s => WithDrugsCodes.Contains(s)),
                PlanIndicator.Arrests => Figure(c => c.Arrested),
                PlanIndicator.UsersWithRecords => Figure(c => c.UsersWithRecords),
                // a share needs the plant area found, which is not stored
                PlanIndicator.PlantAreaDestroyed when !share => Figure(c => c.PlantsM2),
                // recorded spots (drug_spot_step) and tips (tip), verified: eliminated ÷ open at the start, resolved ÷ received
                PlanIndicator.SpotsEliminated when share => Ratio(c => c.Spots?.Eliminated, c => c.Spots?.AtStart),
                PlanIndicator.SpotsEliminated => Figure(c => c.Spots?.Eliminated),
                PlanIndicator.TipsResolved when share => Ratio(c => c.Tips?.Resolved, c => c.Tips?.Received),
                PlanIndicator.TipsResolved => Figure(c => c.Tips?.Resolved),
                _ => null,
            };
        }

        private static Measure Ratio(Func<CommuneYear, double?> numerator, Func<CommuneYear, double?> denominator) => new()
        {
            _numerator = numerator, _denominator = denominator,
            _value = c => denominator(c) is > 0 ? 100.0 * numerator(c)!.Value / denominator(c)!.Value : null,
        };

        private Func<CommuneYear, double?>? _numerator;
        private Func<CommuneYear, double?>? _denominator;

        public double? Value(CommuneYear c) => _value(c);

        // a status count over the communes valid at the end of the year; a share of all of them (missing status is not
        // drug-free); null when no commune reports the figure at all
        public double? Aggregate(List<CommuneYear> communes)
        {
            if (_numerator is not null && _denominator is not null)
            {
                // a rate of the area: Σ numerator ÷ Σ denominator over the communes that recorded any (not a mean of rates)
                var recorded = communes.Where(c => _denominator(c) is not null).ToList();
                var den = recorded.Sum(c => _denominator(c)!.Value);
                return den > 0 ? 100.0 * recorded.Sum(c => _numerator(c) ?? 0) / den : null;
            }
            var values = communes.Select(_value).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (values.Count == 0) return null;
            var sum = values.Sum();
            return _share && communes.Count > 0 ? 100.0 * sum / communes.Count : sum;
        }

        // predecessors of a merged commune: drug-free etc. only if all were (worst rule), figures add up
        public double Combine(List<double> parts) => parts.Count == 0 ? 0 : _isStatus ? parts.Min() : parts.Sum();
    }

    private sealed record CommuneYear(int Id, string Code, string Name, string? Status, double? Arrested, double? UsersWithRecords, double? PlantsM2)
    {
        /// <summary>Recorded spots inside the commune over the year; null when none is recorded there.</summary>
        public DiaBan.Analytics.Records.SpotCounts? Spots { get; init; }

        /// <summary>Verified tips received in the year; null when none.</summary>
        public DiaBan.Analytics.Records.TipResolution? Tips { get; init; }
    }

    // every commune valid at the end of the year with its effective status and figures (filtered per target in memory)
    private async Task<List<CommuneYear>> CommunesAsync(int year, CancellationToken ct)
    {
        var sql = $"""
            SELECT u.id, u.code, u.name, COALESCE(a.official_status, a.computed_status),
                   i.offenders_arrested, i.users_addicts_managed, i.plants_destroyed_m2
            FROM admin_unit u
            LEFT JOIN status_assessment a ON a.unit_id = u.id AND a.year = @year
            LEFT JOIN unit_indicator i ON i.unit_id = u.id AND i.year = @year
            WHERE u.level = 'commune'
              AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
            ORDER BY u.code
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var rows = new List<CommuneYear>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            double? D(int i) => reader.IsDBNull(i) ? null : Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(new CommuneYear(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), D(4), D(5), D(6)));
        }
        var spots = await SpotCountsAsync(year, ct);
        var tips = await TipsAsync(year, ct);
        return rows.Select(r => r with { Spots = spots.GetValueOrDefault(r.Id), Tips = tips.GetValueOrDefault(r.Id) }).ToList();
    }

    // per commune valid at the year's end: the verified histories of the spots inside it (spatially, across mergers)
    private async Task<Dictionary<int, DiaBan.Analytics.Records.SpotCounts>> SpotCountsAsync(int year, CancellationToken ct)
    {
        var sql = $"""
            SELECT u.id, s.code, s.kind, st.state, st.occurred_on
            FROM admin_unit u
            JOIN drug_spot s ON ST_Covers(u.geom, s.geom)
            JOIN drug_spot_step st ON st.spot_id = s.id AND st.review = 'verified' AND st.occurred_on <= make_date(@year, 12, 31)
            WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
            ORDER BY u.id, s.code, st.seq
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var steps = new Dictionary<(int, string), List<DiaBan.Analytics.Records.SpotStep>>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetInt32(0), reader.GetString(1));
                if (!steps.TryGetValue(key, out var list)) steps[key] = list = [];
                list.Add(new(SpotQueries.Parse<DiaBan.Analytics.Records.SpotState>(reader.GetString(3)), reader.GetFieldValue<DateOnly>(4)));
            }
        var period = DiaBan.Analytics.Domain.ReportPeriod.Year(year);
        return steps.GroupBy(k => k.Key.Item1).ToDictionary(g => g.Key,
            g => DiaBan.Analytics.Records.SpotCounts.For(g.Select(x => new DiaBan.Analytics.Records.SpotHistory(x.Key.Item2,
                DiaBan.Analytics.Records.SpotKind.Point, x.Value)), period));
    }

    // per commune valid at the year's end: verified tips received in the year on it or on a unit merged into it
    private async Task<Dictionary<int, DiaBan.Analytics.Records.TipResolution>> TipsAsync(int year, CancellationToken ct)
    {
        var sql = $"""
            SELECT u.id, t.received_on, CASE WHEN t.verified_state = 'resolved' THEN t.verified_resolved_on END
            FROM admin_unit u
            JOIN tip t ON t.unit_id = u.id OR EXISTS (SELECT 1 FROM unit_lineage l WHERE l.new_unit_id = u.id AND l.old_unit_id = t.unit_id)
            WHERE u.level = 'commune' AND {DomainSql.ValidOn("u", "make_date(@year, 12, 31)")}
              AND t.verified_state IS NOT NULL AND t.received_on >= make_date(@year, 1, 1) AND t.received_on <= make_date(@year, 12, 31)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var tips = new List<(int Unit, DiaBan.Analytics.Records.ReceivedTip Tip)>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                tips.Add((reader.GetInt32(0), new("", reader.GetFieldValue<DateOnly>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2))));
        var period = DiaBan.Analytics.Domain.ReportPeriod.Year(year);
        return tips.GroupBy(t => t.Unit).ToDictionary(g => g.Key, g => DiaBan.Analytics.Records.TipResolution.Of(g.Select(x => x.Tip), period));
    }

    // new commune → the units that went into it, for communes that began during the year
    private async Task<ILookup<int, int>> PredecessorsAsync(int year, CancellationToken ct)
    {
        const string sql = """
            SELECT l.new_unit_id, l.old_unit_id FROM unit_lineage l JOIN admin_unit n ON n.id = l.new_unit_id
            WHERE n.valid_from > make_date(@year - 1, 12, 31) AND n.valid_from <= make_date(@year, 12, 31)
            """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<int>("year", year));
        var pairs = new List<(int New, int Old)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) pairs.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return pairs.ToLookup(p => p.New, p => p.Old);
    }

    private async Task<bool> CoversOnlyAsync(TargetScope target, HashSet<int> callerUnits, Dictionary<TargetScope, HashSet<int>> cache, CancellationToken ct)
    {
        if (!cache.TryGetValue(target, out var units))
        {
            units = await UnitIdsAsync(ToAreaScope(target), ct);
            cache[target] = units;
        }
        return units.Count > 0 && units.IsSubsetOf(callerUnits);
    }

    // the units a target covers are read with the same rules as a user's area (lineage included); a district code
    // matches the communes whose parent has it (districts were abolished on 1/7/2025, DOMAIN.md §4)
    private static AreaScope ToAreaScope(TargetScope scope) => scope.Level switch
    {
        TargetScopeLevel.Communes => AreaScope.Communes(scope.Codes),
        _ => scope.Codes.Count == 1 ? AreaScope.Province(scope.Codes[0]) : AreaScope.Nothing,
    };

    private async Task<HashSet<int>> UnitIdsAsync(AreaScope scope, CancellationToken ct) =>
        [.. await AreaScopeSql.UnitIdsAsync(dataSource, scope, ct)];
}
