using DiaBan.Analytics.Domain;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Yearly unit figures: incident-derived fields are exact sums over the unit's incidents in the period (places counted
/// once, see <see cref="DemoPlaces"/>); population
/// follows <see cref="PopulationModel"/>; managed users are a Poisson stock whose mean tracks the unit's intensity.
/// </summary>
internal static class IndicatorAggregator
{
    // managed users and addicts per resident at intensity 1 (0.11 %: inside Decision 28's type II band for users)
    private const double UsersPerResident = 0.0011;

    public static IReadOnlyList<DemoIndicator> Build(DemoBoundaries boundaries, IntensityModel intensity,
        IReadOnlyList<DemoIncident> incidents, IReadOnlyList<(DemoRoute Route, LineString Metres)> routes,
        LocalMetricFrame frame, Random random)
    {
        var unitIndex = boundaries.PreMerger.Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var preByCode = boundaries.PreMerger.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var componentsByNew = boundaries.Lineage.GroupBy(l => l.NewCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(l => (preByCode[l.OldCode], l.PopulationShare)).ToArray(), StringComparer.Ordinal);
        // keyed per era: real data reuses an old code for a new unit
        var onRoute = new[] { boundaries.PreMerger, boundaries.PostMerger }
            .Select(units => units.ToDictionary(u => u.Code, u => RoutePlanner.Touches(u, routes, frame), StringComparer.Ordinal))
            .ToArray();

        var indicators = new List<DemoIndicator>();
        foreach (var (year, from, to, preMerger) in DemoCalendar.Periods)
        {
            var units = preMerger ? boundaries.PreMerger : boundaries.PostMerger;
            // the stock of managed users is drawn per cell, then summed to whichever unit reports it
            var users = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var cell in boundaries.Cells)
            {
                var mean = PopulationModel.InYear(cell.Old, year) * cell.PopulationShare * UsersPerResident
                           * intensity.MeanFactor(unitIndex[cell.Old.Code], cell.New.Code, from, to);
                var code = preMerger ? cell.Old.Code : cell.New.Code;
                users[code] = users.GetValueOrDefault(code) + random.Poisson(mean);
            }
            var inPeriod = incidents.Where(i => i.Date >= from && i.Date < to)
                .ToLookup(i => preMerger ? i.PreMergerUnitCode : i.PostMergerUnitCode, StringComparer.Ordinal);
            foreach (var unit in units)
            {
                var mine = inPeriod[unit.Code].ToArray();
                var population = preMerger
                    ? PopulationModel.InYear(unit, year)
                    : PopulationModel.InYear(componentsByNew[unit.Code], year);
                indicators.Add(new DemoIndicator
                {
                    UnitCode = unit.Code,
                    PreMergerUnit = preMerger,
                    Year = year,
                    PeriodFrom = from,
                    PeriodTo = to,
                    PopulationResident = (int)Math.Round(population),
                    UsersAddictsManaged = users.GetValueOrDefault(unit.Code),
                    HarbouringPlaces = DemoPlaces.HarbouringPlaces(mine, frame),
                    OffendersArrested = mine.Where(i => i.Kind == IncidentKind.Arrest).Sum(i => i.Persons),
                    PlantsDestroyedCount = mine.Where(i => i.Kind == IncidentKind.PlantSite).Sum(i => i.Plants),
                    PlantsDestroyedM2 = Math.Round(mine.Where(i => i.Kind == IncidentKind.PlantSite).Sum(i => i.AreaM2), 1),
                    OnKeyRoute = onRoute[preMerger ? 0 : 1][unit.Code],
                    Hotspots = DemoPlaces.Hotspots(mine, frame),
                });
            }
        }
        return indicators;
    }
}
