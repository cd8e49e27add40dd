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
            PlanIndicator.Arrests => "unit_indicator.offenders_arrested",
            PlanIndicator.UsersWithRecords => "unit_indicator.users_addicts_managed",
            _ => "unit_indicator.plants_destroyed_m2",
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
                // spots (điểm, tụ điểm) opened and eliminated and tips received and resolved are not stored yet
                _ => null,
            };
        }

        public double? Value(CommuneYear c) => _value(c);

        // a status count over the communes valid at the end of the year; a share of all of them (missing status is not
        // drug-free); null when no commune reports the figure at all
        public double? Aggregate(List<CommuneYear> communes)
        {
            var values = communes.Select(_value).Where(v => v is not null).Select(v => v!.Value).ToList();
            if (values.Count == 0) return null;
            var sum = values.Sum();
            return _share && communes.Count > 0 ? 100.0 * sum / communes.Count : sum;
        }

        // predecessors of a merged commune: drug-free etc. only if all were (worst rule), figures add up
        public double Combine(List<double> parts) => parts.Count == 0 ? 0 : _isStatus ? parts.Min() : parts.Sum();
    }

    private sealed record CommuneYear(int Id, string Code, string Name, string? Status, double? Arrested, double? UsersWithRecords, double? PlantsM2);

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
        return rows;
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
