using DiaBan.Demo.Province;
using NetTopologySuite.Geometries;

namespace DiaBan.Demo.Tests.Province;

/// <summary>
/// The same simulation laid over real Cà Mau: 101 old communes (censusVN2009 polygons), the 64 units of new Cà Mau
/// and the 2025 crosswalk, read from ../shared/data/vn/.
/// </summary>
public class RealBoundaryTests
{
    private static DemoProvince Province => DemoTestData.CaMau;

    [Fact]
    public void All_101_old_Ca_Mau_communes_are_used_two_of_them_under_synthetic_codes()
    {
        Assert.Equal(101, Province.PreMergerUnits.Count);
        Assert.All(CaMauFiles.SyntheticCodes, code => Assert.Contains(Province.PreMergerUnits, u => u.Code == code));
        Assert.Contains(Province.PreMergerUnits, u => u.Name == "Xã Việt Khái");
    }

    [Fact]
    public void Old_communes_without_a_crosswalk_row_get_lineage_from_geometry()
    {
        foreach (var code in CaMauFiles.SyntheticCodes)
        {
            var rows = Province.Lineage.Where(l => l.OldCode == code).ToArray();
            Assert.NotEmpty(rows);
            Assert.All(rows, r => Assert.True(r.DerivedFromGeometry));
        }
        Assert.Contains(Province.Notes, n => n.Contains("suy ra từ hình học"));
        Assert.DoesNotContain(Province.Lineage, l => l.DerivedFromGeometry && !CaMauFiles.SyntheticCodes.Contains(l.OldCode));
    }

    [Fact]
    public void Lineage_shares_sum_to_one_and_only_units_receiving_old_Ca_Mau_communes_are_kept()
    {
        foreach (var group in Province.Lineage.GroupBy(l => l.OldCode))
            Assert.Equal(1.0, group.Sum(l => l.AreaShare), 9);
        Assert.Equal(Province.PostMergerUnits.Select(u => u.Code).Order(), Province.Lineage.Select(l => l.NewCode).Distinct().Order());
        // old Bạc Liêu's units are not fed in, so fewer than new Cà Mau's 64 remain: exactly those the real files give
        Assert.Equal(39, Province.PostMergerUnits.Count);
        Assert.Contains(Province.Lineage, l => l.Kind == LineageKind.Partial);
    }

    [Fact]
    public void Clusters_sit_on_real_adjacent_communes_and_hot_spots_on_wards()
    {
        AssertConnected(Province.Scenario.EmergingClusterCodes);
        AssertConnected(Province.Scenario.FadingClusterCodes);
        Assert.All(Province.Scenario.PersistentHotspotCodes, code =>
            Assert.StartsWith("Phường", Province.PreMergerUnits.Single(u => u.Code == code).Name));
    }

    [Fact]
    public void Every_incident_lies_inside_its_real_old_and_new_commune() => IncidentTests.AssertInsideUnits(Province);

    [Fact]
    public void Emerging_and_fading_clusters_show_their_trends_on_real_boundaries()
    {
        IncidentTests.AssertEmerging(Province);
        IncidentTests.AssertFading(Province);
    }

    [Fact]
    public void Figures_on_real_boundaries_are_consistent_with_the_incidents()
    {
        IndicatorTests.AssertConsistentWithIncidents(Province);
        Assert.True(Province.Incidents.Count < 15_000, $"{Province.Incidents.Count} incidents");
    }

    // connected under "polygons within 11 m of each other", computed here from the real polygons
    private static void AssertConnected(IReadOnlyList<string> codes)
    {
        Assert.InRange(codes.Count, 2, 4);
        var geometries = codes.Select(c => (Geometry)Province.PreMergerUnits.Single(u => u.Code == c).Geometry).ToArray();
        var reached = new List<int> { 0 };
        for (var grew = true; grew;)
        {
            var next = Enumerable.Range(0, geometries.Length)
                .Where(i => !reached.Contains(i) && reached.Any(r => geometries[r].IsWithinDistance(geometries[i], 1e-4))).ToArray();
            reached.AddRange(next);
            grew = next.Length > 0;
        }
        Assert.Equal(geometries.Length, reached.Count);
    }
}
