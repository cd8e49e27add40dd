using BusinessKind = DiaBan.Geo.Data.BusinessKind;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Province;

/// <summary>
/// Conditional businesses (karaoke, bars, hotels): mostly in wards and towns, a quarter strung along the key routes,
/// some opening during the simulated years (their risk only starts then).
/// </summary>
internal static class BusinessPlanner
{
    // the kinds the demo plans, in the order of the weights below ("other" is for imported registers)
    private static readonly BusinessKind[] PlannedKinds = [BusinessKind.Karaoke, BusinessKind.Bar, BusinessKind.Hotel];
    private const double PerPreMergerUnit = 1.5;
    private const double AlongRouteShare = 0.25;

    public static IReadOnlyList<DemoBusiness> Plan(DemoBoundaries boundaries, ScenarioPlan plan,
        IReadOnlyList<(DemoRoute Route, LineString Metres)> routes, CellLocator locator, LocalMetricFrame frame, Random random)
    {
        var names = new VietnameseNames(random);
        var unitIndex = boundaries.PreMerger.Select((u, i) => (u.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        var weights = locator.Cells.Select(c => c.Old.Population * c.PopulationShare
            * (c.Old.Kind.IsUrban() ? 6.0 : 1.0)
            * (plan.Roles[unitIndex[c.Old.Code]] == UnitRole.Hotspot ? 2.0 : 1.0)).ToArray();
        var routeLengths = routes.Select(r => r.Metres.Length).ToArray();

        var count = (int)Math.Round(PerPreMergerUnit * boundaries.PreMerger.Count);
        var businesses = new List<DemoBusiness>();
        for (var i = 0; i < count; i++)
        {
            var kind = PlannedKinds[random.PickWeighted([0.45, 0.20, 0.35])];
            var (cell, point) = routes.Count > 0 && random.Chance(AlongRouteShare)
                ? AlongRoute(routes, routeLengths, locator, frame, random) ?? InCell(weights, locator, random)
                : InCell(weights, locator, random);
            var opened = random.Chance(0.6)
                ? new DateOnly(2005, 1, 1).AddDays(random.Next(0, 5_113))   // 2005..2018
                : new DateOnly(2019, 1, 1).AddDays(random.Next(0, 2_738));  // 2019..mid-2026
            businesses.Add(new DemoBusiness
            {
                Id = $"CS-{i + 1:D4}",
                Kind = kind,
                Name = names.NextBusinessName(kind),
                Opened = opened,
                Lon = point.X,
                Lat = point.Y,
                PreMergerUnitCode = cell.Old.Code,
                PostMergerUnitCode = cell.New.Code,
            });
        }
        return businesses;
    }

    private static (Cell, Coordinate) InCell(double[] weights, CellLocator locator, Random random)
    {
        var cell = locator.Cells[random.PickWeighted(weights)];
        return (cell, locator.Sample(cell, random));
    }

    private static (Cell, Coordinate)? AlongRoute(IReadOnlyList<(DemoRoute Route, LineString Metres)> routes, double[] lengths,
        CellLocator locator, LocalMetricFrame frame, Random random)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var route = routes[random.PickWeighted(lengths)];
            // businesses sit by the road: within a few hundred metres whatever the corridor width
            var point = RoutePlanner.PointNear(route.Metres, 300, frame, random);
            if (locator.Find(point) is { } cell) return (cell, point);
        }
        return null;
    }
}
