using DiaBan.Analytics.Classification;
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
/// </summary>
public sealed class FigureAssembler(DiaBanDb db)
{
    private sealed record IncidentCounts(int Incidents, int Offenders, int Places, int Plants, double M2);

    public async Task<IReadOnlyList<AssembledFigures>> AssembleAsync(int year, CancellationToken ct = default)
    {
        var end = new DateOnly(year, 12, 31);
        var units = await db.AdminUnits.AsNoTracking()
            .Where(u => u.Level == UnitLevel.Commune && u.ValidFrom <= end && (u.ValidTo == null || u.ValidTo > end))
            .OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Population })
            .ToListAsync(ct);
        var ids = units.Select(u => u.Id).ToArray();
        var reported = await db.UnitIndicators.AsNoTracking().Where(i => i.Year == year && ids.Contains(i.UnitId))
            .ToDictionaryAsync(i => i.UnitId, ct);
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync(ct);
        var incidents = await IncidentsAsync(conn, ids, year, ct);
        var routes = await RoutesAsync(conn, ids, ct);
        var lineage = await LineageAsync(ids, year, ct);

        var result = new List<AssembledFigures>(units.Count);
        foreach (var u in units)
        {
            var derived = new Dictionary<IndicatorField, FigureSource>();
            reported.TryGetValue(u.Id, out var r);
            lineage.TryGetValue(u.Id, out var est);
            incidents.TryGetValue(u.Id, out var inc);
            if (inc is { Incidents: 0 } && !ReportedAnything(r)) inc = null;

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
                    (est?.HarbouringPlacesActiveAtEnd, FigureSource.Lineage)),
                Hotspots = Pick(r?.Hotspots, IndicatorField.Hotspots, (est?.Hotspots, FigureSource.Lineage)),
                HarbouringPlacesDetectedInPeriod = Pick(r?.HarbouringPlacesDetectedInPeriod, IndicatorField.HarbouringPlacesDetectedInPeriod,
                    (inc?.Places, FigureSource.Incidents), (est?.HarbouringPlacesDetectedInPeriod, FigureSource.Lineage)),
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
    /// (then the flows are unknown, not zero). Set-based in memory: the year's points are read in one query and each is
    /// counted in every commune valid at the year's end that covers it (<see cref="CommuneLocator"/>: the ST_Covers rule,
    /// so a point on a shared border counts in both, as the former spatial join counted it), on all cores. The former
    /// per-commune join planned a bitmap of the whole year's date index for every commune (29 s for a national year).</summary>
    private static async Task<Dictionary<int, IncidentCounts>> IncidentsAsync(NpgsqlConnection conn, int[] ids, int year, CancellationToken ct)
    {
        var points = new List<(double X, double Y, string Kind, int Persons, int? Plants, double? M2)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT ST_X(geom), ST_Y(geom), kind, persons, plants, area_m2 FROM incident
            WHERE occurred_on >= @start AND occurred_on < @next ORDER BY id
            """, conn))
        {
            cmd.Parameters.AddWithValue("start", new DateOnly(year, 1, 1));
            cmd.Parameters.AddWithValue("next", new DateOnly(year + 1, 1, 1));
            await using var rd = await cmd.ExecuteReaderAsync(ct);
            while (await rd.ReadAsync(ct))
                points.Add((rd.GetDouble(0), rd.GetDouble(1), rd.GetString(2), rd.GetInt32(3),
                    rd.IsDBNull(4) ? null : rd.GetInt32(4), rd.IsDBNull(5) ? null : rd.GetDouble(5)));
        }
        var map = new Dictionary<int, IncidentCounts>();
        if (points.Count == 0) return map;
        var end = new DateOnly(year, 12, 31);
        var communes = await CommuneLocator.LoadAsync(conn, null, ct, validOn: end);
        var covering = new int[points.Count][];
        Parallel.For(0, points.Count, i => covering[i] = communes.LocateAll(points[i].X, points[i].Y, end).ToArray());
        var wanted = ids.ToHashSet();
        var totals = new Dictionary<int, (int Incidents, int Offenders, HashSet<(double, double)> Places, int Plants, double M2)>();
        foreach (var id in ids) totals[id] = (0, 0, [], 0, 0.0);
        for (var i = 0; i < points.Count; i++)
        {
            var p = points[i];
            foreach (var unit in covering[i])
            {
                if (!wanted.Contains(unit)) continue;
                var t = totals[unit];
                t.Incidents++;
                if (p.Kind == "arrest") t.Offenders += p.Persons;
                if (p.Kind == "use_site") t.Places.Add((p.X, p.Y));
                if (p.Kind == "plant_site") { t.Plants += p.Plants ?? 0; t.M2 += p.M2 ?? 0; }
                totals[unit] = t;
            }
        }
        foreach (var (unit, t) in totals) map[unit] = new IncidentCounts(t.Incidents, t.Offenders, t.Places.Count, t.Plants, t.M2);
        return map;
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
