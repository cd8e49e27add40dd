using DiaBan.Analytics.Classification;
using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using DiaBan.Geo.Data;
using Microsoft.EntityFrameworkCore;
using DiaBan.Geo.Import;
using Npgsql;

namespace DiaBan.Geo.Services;

/// <summary>
/// Gathers the classifier's inputs for the communes valid at a year's end. A reported unit_indicator value wins; a
/// missing flow (arrests, harbouring places found, plants) is counted from the incidents inside the unit's boundary in
/// that year (re-joined spatially, so a merged unit gets its predecessors' incidents) — but only for a unit that
/// reported figures for the year or has an incident in it: a zero count from a unit that reported nothing is missing
/// data, not evidence (docs/planning.md, "Missing or zero"); a missing stock (users with
/// records, active places, hotspots, population) of a merged unit is the predecessors' figures × lineage population
/// share (an estimate); population falls back to the census figure; route membership comes from key_route corridors.
/// Harbouring places and hotspots not reported come from the recorded drug spots (verified steps of the spots inside the
/// boundary) when the unit has any spot recorded by the year's end, before the incident proxy and the lineage estimate
/// (docs/planning.md, "Recorded spots and reported figures").
/// </summary>
public sealed class FigureAssembler(DiaBanDb db)
{
    /// <summary>When set, each query and step is timed into it.</summary>
    public PhaseTimes? Times { get; init; }

    public async Task<IReadOnlyList<AssembledFigures>> AssembleAsync(int year, CancellationToken ct = default)
    {
        var end = new DateOnly(year, 12, 31);
        var units = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= end && (u.ValidTo == null || u.ValidTo > end))
            .OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Population })
            .ToListAsync(ct);
        Times?.Lap("figures: communes");
        var ids = units.Select(u => u.Id).ToArray();
        var reported = await db.UnitIndicators.AsNoTracking().Where(i => i.Year == year && ids.Contains(i.UnitId))
            .ToDictionaryAsync(i => i.UnitId, ct);
        Times?.Lap("figures: reported");
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var incidents = await IncidentsAsync(conn, ids, year, Times, ct);
        var routes = await RoutesAsync(conn, ids, ct);
        Times?.Lap("figures: key routes");
        var lineage = await LineageAsync(ids, year, ct);
        Times?.Lap("figures: lineage");
        var spots = await SpotsAsync(conn, ids, year, ct);
        Times?.Lap("figures: spots");

        var result = new List<AssembledFigures>(units.Count);
        foreach (var u in units)
        {
            var derived = new Dictionary<IndicatorField, FigureSource>();
            reported.TryGetValue(u.Id, out var r);
            lineage.TryGetValue(u.Id, out var est);
            incidents.TryGetValue(u.Id, out var inc);
            if (inc is { Incidents: 0 } && !ReportedAnything(r)) inc = null;
            // a unit with recorded spots: its spot figures are counted from them, even when zero (records are evidence)
            var sp = spots.TryGetValue(u.Id, out var histories)
                ? (All: SpotCounts.For(histories, ReportPeriod.Year(year)),
                   Hotspots: SpotCounts.For(histories.Where(h => h.Kind == SpotKind.Hotspot), ReportPeriod.Year(year)))
                : ((SpotCounts All, SpotCounts Hotspots)?)null;

            T? Pick<T>(T? rep, IndicatorField field, params (T? Value, FigureSource Source)[] fallbacks) where T : struct
            {
                if (rep is not null) return rep;
                foreach (var (value, source) in fallbacks)
                    if (value is not null) { derived[field] = source; return value; }
                return null;
            }

            var figures = new IndicatorFigures
            {
                UnitCode = u.Code,
                Year = year,
                PopulationResident = Pick(r?.PopulationResident, IndicatorField.PopulationResident,
                    (est?.PopulationResident, FigureSource.Lineage), (u.Population, FigureSource.Census)),
                UsersAddictsManaged = Pick(r?.UsersAddictsManaged, IndicatorField.UsersAddictsManaged,
                    (est?.UsersAddictsManaged, FigureSource.Lineage)),
                HarbouringPlacesActiveAtEnd = Pick(r?.HarbouringPlacesActiveAtEnd, IndicatorField.HarbouringPlacesActiveAtEnd,
                    (sp?.All.Remaining, FigureSource.Spots), (est?.HarbouringPlacesActiveAtEnd, FigureSource.Lineage)),
                Hotspots = Pick(r?.Hotspots, IndicatorField.Hotspots, (sp?.Hotspots.Remaining, FigureSource.Spots), (est?.Hotspots, FigureSource.Lineage)),
                HarbouringPlacesDetectedInPeriod = Pick(r?.HarbouringPlacesDetectedInPeriod, IndicatorField.HarbouringPlacesDetectedInPeriod,
                    (sp?.All.Found, FigureSource.Spots), (inc?.Places, FigureSource.Incidents), (est?.HarbouringPlacesDetectedInPeriod, FigureSource.Lineage)),
                OffendersArrested = Pick(r?.OffendersArrested, IndicatorField.OffendersArrested,
                    (inc?.Offenders, FigureSource.Incidents), (est?.OffendersArrested, FigureSource.Lineage)),
                PlantsDestroyedCount = Pick(r?.PlantsDestroyedCount, IndicatorField.PlantsDestroyedCount,
                    (inc?.Plants, FigureSource.Incidents), (est?.PlantsDestroyedCount, FigureSource.Lineage)),
                PlantsDestroyedM2 = Pick(r?.PlantsDestroyedM2, IndicatorField.PlantsDestroyedM2,
                    (inc?.M2, FigureSource.Incidents), (est?.PlantsDestroyedM2, FigureSource.Lineage)),
                OnKeyRoute = r?.OnKeyRoute is { } m ? m != KeyRouteMembership.None
                    : routes is null ? null : Mark(derived, routes.Contains(u.Id)),
            };
            figures = figures with
            {
                DerivedFromIncidents = derived.Where(d => d.Value == FigureSource.Incidents)
                    .Aggregate(IndicatorField.None, (acc, d) => acc | d.Key),
            };
            result.Add(new AssembledFigures(u.Id, figures, derived));
        }
        Times?.Lap("figures: assemble");
        return result;
    }

    /// <summary>Whether the unit reported at least one figure for the year (population alone is not a report).</summary>
    internal static bool ReportedAnything(UnitIndicator? r) =>
        r is not null && (r.UsersAddictsManaged is not null || r.HarbouringPlacesActiveAtEnd is not null
            || r.HarbouringPlacesDetectedInPeriod is not null || r.OffendersArrested is not null
            || r.PlantsDestroyedCount is not null || r.PlantsDestroyedM2 is not null || r.Hotspots is not null);

    private static bool Mark(Dictionary<IndicatorField, FigureSource> derived, bool onRoute)
    {
        derived[IndicatorField.OnKeyRoute] = FigureSource.KeyRoutes;
        return onRoute;
    }

    /// <summary>Counts per unit from the incidents of the year, or nothing when the year has no incident data at all
    /// (then the flows are unknown, not zero): the ST_Covers rule, each incident counted in every commune valid at the
    /// year's end that covers its point (several on a shared border or where real boundaries overlap). One query reads
    /// the year's incidents in id order with the commune each was assigned to on its date (<c>incident.unit_id</c>, the
    /// commune valid that day that covers the point, set by every import). When that commune is still valid at the
    /// year's end the point is only tested against the other communes whose envelope holds it (most points: none); the
    /// others (a merger year's incidents before the switch, on the former communes) are located among all communes valid
    /// at the year's end (<see cref="CommuneLocator"/>), on all cores. Sums run in id order, so a total is the same
    /// double as the former spatial join's.</summary>
    private static async Task<Dictionary<int, IncidentCounts>> IncidentsAsync(NpgsqlConnection conn, int[] ids, int year,
        PhaseTimes? times, CancellationToken ct)
    {
        var rows = new List<IncidentRow>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT unit_id, CASE kind WHEN 'arrest' THEN 1 WHEN 'use_site' THEN 2 WHEN 'plant_site' THEN 3 ELSE 0 END,
                   persons, plants, area_m2, ST_X(geom), ST_Y(geom)
            FROM incident WHERE occurred_on >= @start AND occurred_on < @next ORDER BY id
            """, conn))
        {
            cmd.Parameters.AddWithValue("start", new DateOnly(year, 1, 1));
            cmd.Parameters.AddWithValue("next", new DateOnly(year + 1, 1, 1));
            await using var rd = await cmd.ExecuteReaderAsync(ct);
            while (await rd.ReadAsync(ct))
                rows.Add(new IncidentRow(rd.IsDBNull(0) ? -1 : rd.GetInt32(0), (IncidentTally)rd.GetInt32(1), rd.GetInt32(2),
                    rd.IsDBNull(3) ? 0 : rd.GetInt32(3), rd.IsDBNull(4) ? 0 : rd.GetDouble(4), rd.GetDouble(5), rd.GetDouble(6)));
        }
        times?.Lap("incidents: read");
        var map = new Dictionary<int, IncidentCounts>();
        if (rows.Count == 0) return map;
        var slot = new Dictionary<int, int>(ids.Length);
        for (var k = 0; k < ids.Length; k++) slot[ids[k]] = k;
        // an incident on a commune still valid at the year's end counts there, and in any other commune valid then that
        // covers its point too (a shared border, an overlap of real boundaries: the ST_Covers rule counts it in each);
        // one whose commune is no longer valid is located among those that are
        var end = new DateOnly(year, 12, 31);
        var communes = await CommuneLocator.LoadAsync(conn, null, ct, validOn: end);
        times?.Lap("incidents: load communes");
        var covering = new int[rows.Count][];
        var strays = 0;
        Parallel.For(0, rows.Count, i =>
        {
            var r = rows[i];
            if (slot.ContainsKey(r.UnitId)) covering[i] = communes.OthersCovering(r.X, r.Y, end, r.UnitId);
            else
            {
                covering[i] = communes.LocateAll(r.X, r.Y, end).ToArray();
                Interlocked.Increment(ref strays);
            }
        });
        times?.Lap($"incidents: locate ({strays:N0} of another period)");
        var incidents = new int[ids.Length];
        var offenders = new int[ids.Length];
        var plants = new int[ids.Length];
        var m2 = new double[ids.Length];
        var places = new HashSet<(double, double)>?[ids.Length];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (slot.TryGetValue(r.UnitId, out var own)) Tally(own, r);
            foreach (var unit in covering[i])
                if (slot.TryGetValue(unit, out var k)) Tally(k, r);
        }
        for (var k = 0; k < ids.Length; k++)
            map[ids[k]] = new IncidentCounts(incidents[k], offenders[k], places[k]?.Count ?? 0, plants[k], m2[k]);
        times?.Lap("incidents: count");
        return map;

        void Tally(int k, in IncidentRow r)
        {
            incidents[k]++;
            switch (r.Tally)
            {
                case IncidentTally.Arrest: offenders[k] += r.Persons; break;
                case IncidentTally.UseSite: (places[k] ??= []).Add((r.X, r.Y)); break;
                case IncidentTally.PlantSite: plants[k] += r.Plants; m2[k] += r.M2; break;
            }
        }
    }

    /// <summary>The flows a commune's incidents of a year give: incidents, persons arrested, distinct places of use
    /// found, plants destroyed and their area (m²).</summary>
    public sealed record IncidentCounts(int Incidents, int Offenders, int Places, int Plants, double M2);

    /// <summary>The incident counts of every commune valid at the year's end, as <see cref="AssembleAsync"/> uses them
    /// (empty when the year has no incident at all).</summary>
    public async Task<IReadOnlyDictionary<int, IncidentCounts>> IncidentCountsAsync(int year, CancellationToken ct = default)
    {
        var end = new DateOnly(year, 12, 31);
        var ids = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= end && (u.ValidTo == null || u.ValidTo > end))
            .OrderBy(u => u.Code).Select(u => u.Id).ToArrayAsync(ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        return await IncidentsAsync(conn, ids, year, Times, ct);
    }

    private enum IncidentTally { Other = 0, Arrest = 1, UseSite = 2, PlantSite = 3 }

    private readonly record struct IncidentRow(int UnitId, IncidentTally Tally, int Persons, int Plants, double M2, double X, double Y);

    /// <summary>
    /// The verified histories of the spots inside each unit's boundary (re-joined spatially, so a merged unit gets its
    /// predecessors' spots), for units with at least one spot verified by the year's end.
    /// </summary>
    private static async Task<Dictionary<int, List<SpotHistory>>> SpotsAsync(NpgsqlConnection conn, int[] ids, int year, CancellationToken ct)
    {
        var rows = new Dictionary<(int Unit, string Code), (SpotKind Kind, List<SpotStep> Steps)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT u.id, s.code, s.kind, st.state, st.occurred_on
            FROM admin_unit u
            JOIN drug_spot s ON ST_Covers(u.geom, s.geom)
            JOIN drug_spot_step st ON st.spot_id = s.id AND st.review = 'verified' AND st.occurred_on <= @end
            WHERE u.id = ANY(@ids)
            ORDER BY u.id, s.code, st.seq
            """, conn))
        {
            cmd.Parameters.AddWithValue("ids", ids);
            cmd.Parameters.AddWithValue("end", new DateOnly(year, 12, 31));
            await using var rd = await cmd.ExecuteReaderAsync(ct);
            while (await rd.ReadAsync(ct))
            {
                var key = (rd.GetInt32(0), rd.GetString(1));
                if (!rows.TryGetValue(key, out var spot))
                    rows[key] = spot = (Data.SnakeCase.TryParse<SpotKind>(rd.GetString(2), out var k) ? k : SpotKind.Point, []);
                spot.Steps.Add(new SpotStep(Data.SnakeCase.TryParse<SpotState>(rd.GetString(3), out var st) ? st : SpotState.Detected,
                    rd.GetFieldValue<DateOnly>(4)));
            }
        }
        return rows.GroupBy(r => r.Key.Unit).ToDictionary(g => g.Key,
            g => g.Select(r => new SpotHistory(r.Key.Code, r.Value.Kind, r.Value.Steps)).ToList());
    }

    /// <summary>Units within a declared route's corridor; null when no route is declared (membership unknown). The
    /// bounding-box test only spares the geodesic distance to far corridors: a degree is more than 100 km anywhere in
    /// Vietnam (longitude at 23.4° N: 102 km), so buffer_m / 90,000 degrees holds every unit within buffer_m.</summary>
    private static async Task<HashSet<int>?> RoutesAsync(NpgsqlConnection conn, int[] ids, CancellationToken ct)
    {
        await using (var any = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM key_route)", conn))
            if (!(bool)(await any.ExecuteScalarAsync(ct))!) return null;
        await using var cmd = new NpgsqlCommand("""
            SELECT DISTINCT u.id FROM admin_unit u
            JOIN key_route r ON u.geom && ST_Expand(r.geom, r.buffer_m / 90000.0)
                            AND ST_DWithin(u.geom::geography, r.geom::geography, r.buffer_m)
            WHERE u.id = ANY(@ids)
            """, conn);
        cmd.Parameters.AddWithValue("ids", ids);
        var set = new HashSet<int>();
        await using var rd = await cmd.ExecuteReaderAsync(ct);
        while (await rd.ReadAsync(ct)) set.Add(rd.GetInt32(0));
        return set;
    }

    /// <summary>
    /// For units with predecessors: Σ predecessor figure × population share, per field, only when every predecessor
    /// has the figure for the year (a partial sum would understate). Predecessor population falls back to census.
    /// </summary>
    private async Task<Dictionary<int, UnitIndicator>> LineageAsync(int[] ids, int year, CancellationToken ct)
    {
        var links = await db.UnitLineages.AsNoTracking().Where(l => ids.Contains(l.NewUnitId))
            .Select(l => new { l.NewUnitId, l.OldUnitId, Share = l.PopulationShare ?? l.AreaShare ?? 1.0, l.OldUnit.Population })
            .ToListAsync(ct);
        if (links.Count == 0) return [];
        var oldIds = links.Select(l => l.OldUnitId).Distinct().ToArray();
        var old = await db.UnitIndicators.AsNoTracking().Where(i => i.Year == year && oldIds.Contains(i.UnitId))
            .ToDictionaryAsync(i => i.UnitId, ct);
        var map = new Dictionary<int, UnitIndicator>();
        foreach (var g in links.GroupBy(l => l.NewUnitId))
        {
            int? SumInt(Func<UnitIndicator, int?> field) =>
                g.All(l => old.TryGetValue(l.OldUnitId, out var i) && field(i) is not null)
                    ? (int)Math.Round(g.Sum(l => field(old[l.OldUnitId])!.Value * l.Share)) : null;
            double? SumDouble(Func<UnitIndicator, double?> field) =>
                g.All(l => old.TryGetValue(l.OldUnitId, out var i) && field(i) is not null)
                    ? g.Sum(l => field(old[l.OldUnitId])!.Value * l.Share) : null;
            int? population = g.All(l => (old.GetValueOrDefault(l.OldUnitId)?.PopulationResident ?? l.Population) is not null)
                ? (int)Math.Round(g.Sum(l => (old.GetValueOrDefault(l.OldUnitId)?.PopulationResident ?? l.Population)!.Value * l.Share))
                : null;
            map[g.Key] = new UnitIndicator
            {
                PopulationResident = population,
                UsersAddictsManaged = SumInt(i => i.UsersAddictsManaged),
                HarbouringPlacesActiveAtEnd = SumInt(i => i.HarbouringPlacesActiveAtEnd),
                HarbouringPlacesDetectedInPeriod = SumInt(i => i.HarbouringPlacesDetectedInPeriod),
                OffendersArrested = SumInt(i => i.OffendersArrested),
                PlantsDestroyedCount = SumInt(i => i.PlantsDestroyedCount),
                PlantsDestroyedM2 = SumDouble(i => i.PlantsDestroyedM2),
                Hotspots = SumInt(i => i.Hotspots),
            };
        }
        return map;
    }
}
