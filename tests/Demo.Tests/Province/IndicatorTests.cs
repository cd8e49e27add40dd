using DiaBan.Analytics.Domain;
using DiaBan.Demo.Province;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Tests.Province;

/// <summary>Yearly unit figures: consistent with the incidents, on the right units for each period.</summary>
public class IndicatorTests
{
    private static DemoProvince Province => DemoTestData.Synthetic;

    [Fact]
    public void Incident_derived_figures_are_exact_sums_over_the_units_incidents() => AssertConsistentWithIncidents(Province);

    [Fact]
    public void Old_communes_report_2019_to_2024_and_the_first_half_of_2025()
    {
        var expected = Enumerable.Range(2019, 6).Select(y => (y, new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1)))
            .Append((2025, new DateOnly(2025, 1, 1), new DateOnly(2025, 7, 1))).ToArray();
        foreach (var unit in Province.PreMergerUnits)
        {
            var rows = Province.Indicators.Where(d => d.UnitCode == unit.Code && d.PreMergerUnit).Select(d => (d.Year, d.PeriodFrom, d.PeriodTo));
            Assert.Equal(expected, rows);
        }
    }

    [Fact]
    public void New_units_report_the_whole_of_2025_and_2026_to_the_end_of_September()
    {
        (int, DateOnly, DateOnly)[] expected =
            [(2025, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1)), (2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 10, 1))];
        foreach (var unit in Province.PostMergerUnits)
        {
            var rows = Province.Indicators.Where(d => d.UnitCode == unit.Code && !d.PreMergerUnit).Select(d => (d.Year, d.PeriodFrom, d.PeriodTo));
            Assert.Equal(expected, rows);
        }
    }

    [Fact]
    public void New_unit_population_is_the_share_weighted_sum_of_its_old_communes()
    {
        foreach (var unit in Province.PostMergerUnits)
        {
            var rows = Province.Lineage.Where(l => l.NewCode == unit.Code).ToArray();
            var fromOld = rows.Sum(l => l.PopulationShare * Row(l.OldCode, 2025, preMerger: true).PopulationResident);
            // each old figure is rounded on its own: allow half a person per component
            Assert.Equal(fromOld, Row(unit.Code, 2025, preMerger: false).PopulationResident, 0.5 * rows.Length + 0.5);
        }
    }

    [Fact]
    public void Hot_spots_have_the_highest_managed_user_rates_and_the_emerging_cluster_gains_users()
    {
        double Rate(DemoIndicator d) => d.UsersAddictsManaged / (double)d.PopulationResident;
        var rates2023 = Province.Indicators.Where(d => d.Year == 2023).OrderByDescending(Rate).Select(d => d.UnitCode).Take(10).ToArray();
        Assert.All(Province.Scenario.PersistentHotspotCodes, code => Assert.Contains(code, rates2023));

        var emergingUsers2019 = Province.Scenario.EmergingClusterCodes.Sum(c => Row(c, 2019).UsersAddictsManaged);
        var emergingUsers2024 = Province.Scenario.EmergingClusterCodes.Sum(c => Row(c, 2024).UsersAddictsManaged);
        Assert.True(emergingUsers2024 > 3 * Math.Max(1, emergingUsers2019), $"{emergingUsers2019} → {emergingUsers2024}");
    }

    [Fact]
    public void Some_quiet_communes_report_nothing_at_all()
    {
        var nothing = Province.Indicators.Where(d => d.Year == 2024 && d.UsersAddictsManaged == 0 && d.OffendersArrested == 0
                                                     && d.HarbouringPlaces == 0 && d.PlantsDestroyedCount == 0).ToArray();
        Assert.NotEmpty(nothing);
    }

    [Fact]
    public void On_key_route_means_the_unit_comes_within_a_route_buffer() => AssertOnRoute(Province);

    internal static void AssertOnRoute(DemoProvince province)
    {
        var lat = province.ProvinceBoundary.Centroid.Y;
        var buffers = province.Routes.Select(r => Measures.ToMetres(r.Line, lat).Buffer(r.BufferMetres)).ToArray();
        foreach (var (unit, preMerger) in province.PreMergerUnits.Select(u => (u, true)).Concat(province.PostMergerUnits.Select(u => (u, false))))
        {
            var metres = Measures.ToMetres(unit.Geometry, lat);
            // tolerate the buffer's polygonal approximation: skip units within a metre of the edge
            var distance = province.Routes.Min(r => metres.Distance(Measures.ToMetres(r.Line, lat)) - r.BufferMetres);
            if (Math.Abs(distance) < 1) continue;
            var expected = buffers.Any(b => b.Intersects(metres));
            Assert.All(province.Indicators.Where(d => d.UnitCode == unit.Code && d.PreMergerUnit == preMerger), d => Assert.Equal(expected, d.OnKeyRoute));
        }
        Assert.Contains(province.Indicators, d => d.OnKeyRoute);
        Assert.Contains(province.Indicators, d => !d.OnKeyRoute);
    }

    internal static void AssertConsistentWithIncidents(DemoProvince province)
    {
        foreach (var d in province.Indicators)
        {
            Assert.Equal(d.PeriodTo <= new DateOnly(2025, 7, 1), d.PreMergerUnit);
            var mine = province.Incidents
                .Where(i => (d.PreMergerUnit ? i.PreMergerUnitCode : i.PostMergerUnitCode) == d.UnitCode && i.Date >= d.PeriodFrom && i.Date < d.PeriodTo)
                .ToArray();
            Assert.Equal(mine.Where(i => i.Kind == IncidentKind.Arrest).Sum(i => i.Persons), d.OffendersArrested);
            // places, not incidents: at most one per use-site incident, and one as soon as there is any
            var useSites = mine.Count(i => i.Kind == IncidentKind.UseSite);
            Assert.Equal(DemoPlaces.HarbouringPlaces(mine, province), d.HarbouringPlaces);
            Assert.InRange(d.HarbouringPlaces, Math.Min(1, useSites), useSites);
            Assert.Equal(mine.Where(i => i.Kind == IncidentKind.PlantSite).Sum(i => i.Plants), d.PlantsDestroyedCount);
            Assert.Equal(mine.Where(i => i.Kind == IncidentKind.PlantSite).Sum(i => i.AreaM2), d.PlantsDestroyedM2, 1e-6);
            Assert.Equal(DemoPlaces.Hotspots(mine, province), d.Hotspots);
            Assert.InRange(d.Hotspots, 0, mine.Count(i => i.Kind is IncidentKind.UseSite or IncidentKind.DealingSite) / DemoPlaces.HotspotMinIncidents);
        }
    }

    private static DemoIndicator Row(string code, int year, bool preMerger = true) =>
        Province.Indicators.Single(d => d.UnitCode == code && d.Year == year && d.PreMergerUnit == preMerger);
}
