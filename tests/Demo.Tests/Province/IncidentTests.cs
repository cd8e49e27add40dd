using BusinessKind = DiaBan.Geo.Data.BusinessKind;
using DiaBan.Analytics.Domain;
using DiaBan.Demo.Province;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace DiaBan.Demo.Tests.Province;

/// <summary>The incident process: where, when, how many, and the structure the demo is meant to show.</summary>
public class IncidentTests
{
    private static DemoProvince Province => DemoTestData.Synthetic;

    [Fact]
    public void Every_incident_lies_inside_its_old_and_its_new_commune() => AssertInsideUnits(Province);

    [Fact]
    public void Incidents_run_from_2019_to_September_2026_in_the_hundreds_to_low_thousands_a_year()
    {
        Assert.True(Province.Incidents.Count < 15_000, $"{Province.Incidents.Count} incidents");
        Assert.InRange(Province.Incidents.Min(i => i.Date), new DateOnly(2019, 1, 1), new DateOnly(2019, 1, 7));
        Assert.True(Province.Incidents.Max(i => i.Date) <= new DateOnly(2026, 9, 30));
        Assert.True(Province.Incidents.Max(i => i.Date) >= new DateOnly(2026, 9, 1));
        foreach (var year in Province.Incidents.GroupBy(i => i.Date.Year))
            Assert.InRange(year.Count(), 300, 3_000);
    }

    [Fact]
    public void Ids_are_unique_and_follow_the_date()
    {
        Assert.Equal(Enumerable.Range(1, Province.Incidents.Count), Province.Incidents.Select(i => i.Id));
        Assert.True(Province.Incidents.Zip(Province.Incidents.Skip(1)).All(p => p.First.Date <= p.Second.Date));
    }

    [Fact]
    public void Each_kind_carries_the_fields_that_belong_to_it()
    {
        Assert.Equal(IncidentKinds.Counted.Order(), Province.Incidents.Select(i => i.Kind).Distinct().Order());
        Assert.Equal(Enum.GetValues<IncidentSource>().Order(), Province.Incidents.Select(i => i.Source).Distinct().Order());
        Assert.All(Province.Incidents.Where(i => i.Kind != IncidentKind.PlantSite), i => Assert.Equal((0, 0.0), (i.Plants, i.AreaM2)));
        Assert.All(Province.Incidents.Where(i => i.Kind == IncidentKind.PlantSite), i => Assert.True(i.Plants > 0 && i.AreaM2 > 0));
        Assert.All(Province.Incidents.Where(i => i.Kind == IncidentKind.Arrest), i => Assert.InRange(i.Persons, 1, 6));
        Assert.All(Province.Incidents.Where(i => i.Kind == IncidentKind.Tip), i => Assert.Equal((0, IncidentSource.Tip), (i.Persons, i.Source)));
        Assert.All(Province.Incidents.Where(i => i.Kind == IncidentKind.InspectionViolation), i => Assert.Equal(IncidentSource.Inspection, i.Source));
    }

    [Fact]
    public void Both_patrol_and_tip_provenance_are_common()
    {
        double Share(IncidentSource s) => Province.Incidents.Count(i => i.Source == s) / (double)Province.Incidents.Count;
        Assert.True(Share(IncidentSource.Patrol) > 0.10);
        Assert.True(Share(IncidentSource.Tip) > 0.10);
    }

    [Fact]
    public void Unit_code_in_force_switches_to_the_new_unit_on_1_July_2025()
    {
        Assert.All(Province.Incidents, i =>
            Assert.Equal(i.Date < new DateOnly(2025, 7, 1) ? i.PreMergerUnitCode : i.PostMergerUnitCode, i.UnitCode));
    }

    [Fact]
    public void Incidents_peak_around_Tet()
    {
        var months = Province.Incidents.Where(i => i.Date.Year is >= 2019 and <= 2025)
            .GroupBy(i => i.Date.Month).ToDictionary(g => g.Key, g => (double)g.Count());
        var tet = new[] { 12, 1, 2 }.Average(m => months[m]);
        var summer = new[] { 6, 7, 8 }.Average(m => months[m]);
        Assert.True(tet > 1.2 * summer, $"Dec–Feb {tet:F0} a month against Jun–Aug {summer:F0}");
    }

    [Fact]
    public void Emerging_cluster_is_near_zero_until_2023_and_rises_quarter_by_quarter_from_2024() =>
        AssertEmerging(Province);

    [Fact]
    public void Fading_cluster_is_high_in_2019_to_2021_and_falls_to_near_zero_by_2024() =>
        AssertFading(Province);

    [Fact]
    public void Persistent_hot_spots_are_among_the_busiest_communes_every_year()
    {
        for (var year = 2019; year <= 2024; year++)
        {
            var counts = Province.Incidents.Where(i => i.Date.Year == year).GroupBy(i => i.PreMergerUnitCode)
                .ToDictionary(g => g.Key, g => g.Count());
            var topDecile = counts.OrderByDescending(c => c.Value).Take(Province.PreMergerUnits.Count / 10).Select(c => c.Key).ToArray();
            Assert.All(Province.Scenario.PersistentHotspotCodes, code => Assert.Contains(code, topDecile));
        }
    }

    [Fact]
    public void Key_route_corridor_has_more_incidents_per_square_kilometre_than_elsewhere()
    {
        var lat = Province.ProvinceBoundary.Centroid.Y;
        var province = Measures.ToMetres(Province.ProvinceBoundary, lat);
        var corridor = Province.Routes.Select(r => Measures.ToMetres(r.Line, lat).Buffer(r.BufferMetres))
            .Aggregate((a, b) => a.Union(b)).Intersection(province);
        var prepared = PreparedGeometryFactory.Prepare(corridor);
        var inside = Province.Incidents.Count(i => prepared.Contains(Measures.ToMetres(new Point(i.Lon, i.Lat), lat)));
        var densityInside = inside / corridor.Area;
        var densityOutside = (Province.Incidents.Count - inside) / (province.Area - corridor.Area);
        Assert.True(densityInside > 2 * densityOutside, $"{densityInside * 1e6:F2} against {densityOutside * 1e6:F2} per km²");
    }

    [Fact]
    public void Harbouring_places_cluster_around_karaoke_bars_and_hotels()
    {
        var lat = Province.ProvinceBoundary.Centroid.Y;
        var province = Measures.ToMetres(Province.ProvinceBoundary, lat);
        var near = Province.Businesses.Select(b => Measures.ToMetres(new Point(b.Lon, b.Lat), lat).Buffer(300))
            .Aggregate((a, b) => a.Union(b)).Intersection(province);
        var prepared = PreparedGeometryFactory.Prepare(near);
        var useSites = Province.Incidents.Where(i => i.Kind == IncidentKind.UseSite).ToArray();
        var shareNear = useSites.Count(i => prepared.Contains(Measures.ToMetres(new Point(i.Lon, i.Lat), lat))) / (double)useSites.Length;
        var areaShare = near.Area / province.Area;
        Assert.True(shareNear > 5 * areaShare, $"{shareNear:P0} of use sites on {areaShare:P1} of the land");
    }

    [Fact]
    public void Conditional_businesses_have_ids_names_and_opening_dates()
    {
        Assert.InRange(Province.Businesses.Count, 100, 200);
        Assert.Equal(Province.Businesses.Count, Province.Businesses.Select(b => b.Id).Distinct().Count());
        Assert.Equal(Province.Businesses.Count, Province.Businesses.Select(b => b.Name).Distinct().Count());
        // the demo plans karaoke bars, bars and hotels; "other" is for imported registers
        Assert.Equal(new[] { BusinessKind.Karaoke, BusinessKind.Bar, BusinessKind.Hotel }.Order(), Province.Businesses.Select(b => b.Kind).Distinct().Order());
        Assert.Contains(Province.Businesses, b => b.Opened >= new DateOnly(2019, 1, 1));
        Assert.All(Province.Businesses, b => Assert.Matches("^(Karaoke|Quán bar|Khách sạn|Nhà nghỉ) ", b.Name));
        var units = Province.PreMergerUnits.ToDictionary(u => u.Code);
        Assert.All(Province.Businesses, b => Assert.True(units[b.PreMergerUnitCode].Geometry.Contains(new Point(b.Lon, b.Lat))));
    }

    internal static void AssertInsideUnits(DemoProvince province)
    {
        var before = province.PreMergerUnits.ToDictionary(u => u.Code, u => PreparedGeometryFactory.Prepare(u.Geometry));
        var after = province.PostMergerUnits.ToDictionary(u => u.Code, u => PreparedGeometryFactory.Prepare(u.Geometry));
        Assert.All(province.Incidents, i =>
        {
            var point = new Point(i.Lon, i.Lat);
            Assert.True(before[i.PreMergerUnitCode].Contains(point), $"incident {i.Id} outside {i.PreMergerUnitCode}");
            Assert.True(after[i.PostMergerUnitCode].Contains(point), $"incident {i.Id} outside {i.PostMergerUnitCode}");
        });
    }

    internal static void AssertEmerging(DemoProvince province)
    {
        var codes = province.Scenario.EmergingClusterCodes;
        var before = DemoTestData.QuarterlyCounts(province, codes, 0, 19).Sum();
        var rising = DemoTestData.QuarterlyCounts(province, codes, 20, 30);
        Assert.True(Measures.KendallTau(rising) > 0.6, $"tau {Measures.KendallTau(rising):F2} over {string.Join(' ', rising)}");
        Assert.True(before < 0.05 * rising.Sum(), $"{before} incidents in 2019–2023 against {rising.Sum()} from 2024");
        Assert.True(rising[^4..].Average() > 2 * rising[..4].Average(), "the last year of the series should be well above its first");
    }

    internal static void AssertFading(DemoProvince province)
    {
        var codes = province.Scenario.FadingClusterCodes;
        var series = DemoTestData.QuarterlyCounts(province, codes, 0, 23);
        Assert.True(Measures.KendallTau(series) < -0.5, $"tau {Measures.KendallTau(series):F2} over {string.Join(' ', series)}");
        Assert.True(series[20..].Sum() < 0.1 * series[..4].Sum(), "2024 should be near zero against 2019");
        Assert.True(series[..12].Average() > 5, "2019–2021 should be busy");
    }
}
