using DiaBan.Demo.Province;

namespace DiaBan.Demo.Tests.Province;

/// <summary>The 1/7/2025 merger rows: whole communes and split ones, with shares from geometry.</summary>
public class LineageTests
{
    private static DemoProvince Province => DemoTestData.Synthetic;

    [Fact]
    public void Shares_of_every_old_commune_sum_to_one()
    {
        foreach (var group in Province.Lineage.GroupBy(l => l.OldCode))
        {
            Assert.Equal(1.0, group.Sum(l => l.AreaShare), 12);
            Assert.Equal(1.0, group.Sum(l => l.PopulationShare), 12);
        }
        Assert.Equal(Province.PreMergerUnits.Select(u => u.Code).Order(), Province.Lineage.Select(l => l.OldCode).Distinct().Order());
        Assert.Equal(Province.PostMergerUnits.Select(u => u.Code).Order(), Province.Lineage.Select(l => l.NewCode).Distinct().Order());
    }

    [Fact]
    public void At_least_one_old_commune_is_split_between_two_new_units_with_shares_from_geometry()
    {
        var partial = Province.Lineage.Where(l => l.Kind == LineageKind.Partial).ToArray();
        Assert.NotEmpty(partial);
        Assert.All(partial.GroupBy(l => l.OldCode), g => Assert.Equal(2, g.Count()));
        foreach (var row in partial)
        {
            var old = Unit(row.OldCode);
            var share = old.Geometry.Intersection(Unit(row.NewCode).Geometry).Area / old.Geometry.Area;
            Assert.Equal(share, row.AreaShare, 6);
            Assert.InRange(row.AreaShare, 0.05, 0.95);
        }
    }

    [Fact]
    public void Whole_old_communes_lie_inside_the_new_unit_their_row_names()
    {
        foreach (var row in Province.Lineage.Where(l => l.Kind == LineageKind.Full))
        {
            var old = Unit(row.OldCode).Geometry;
            Assert.Equal(1.0, row.AreaShare);
            Assert.Equal(old.Area, old.Intersection(Unit(row.NewCode).Geometry).Area, old.Area * 1e-6);
        }
    }

    [Fact]
    public void New_unit_area_is_the_share_weighted_area_of_its_old_communes()
    {
        foreach (var unit in Province.PostMergerUnits)
        {
            var fromLineage = Province.Lineage.Where(l => l.NewCode == unit.Code).Sum(l => l.AreaShare * Unit(l.OldCode).Geometry.Area);
            Assert.Equal(unit.Geometry.Area, fromLineage, unit.Geometry.Area * 1e-6);
        }
    }

    [Fact]
    public void Merged_units_are_made_of_adjacent_old_communes()
    {
        foreach (var unit in Province.PostMergerUnits.Where(u => u.Kind != DemoUnitKind.DacKhu))
            Assert.Equal(1, unit.Geometry.NumGeometries);
    }

    [Fact]
    public void The_island_alone_becomes_the_special_zone()
    {
        var dacKhu = Assert.Single(Province.PostMergerUnits, u => u.Kind == DemoUnitKind.DacKhu);
        var row = Assert.Single(Province.Lineage, l => l.NewCode == dacKhu.Code);
        Assert.Equal(LineageKind.Full, row.Kind);
        var island = Unit(row.OldCode);
        Assert.All(Province.PreMergerUnits.Where(u => u.Code != island.Code), u => Assert.False(u.Geometry.Intersects(island.Geometry)));
        Assert.Equal(island.Name["Xã ".Length..], dacKhu.Name["Đặc khu ".Length..]);
    }

    private static DemoUnit Unit(string code) =>
        Province.PreMergerUnits.Concat(Province.PostMergerUnits).Single(u => u.Code == code);
}
