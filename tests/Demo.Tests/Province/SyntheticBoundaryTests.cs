using System.Text.RegularExpressions;
using DiaBan.Demo.Province;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Union;

namespace DiaBan.Demo.Tests.Province;

/// <summary>The synthetic province: about 100 Voronoi communes before 1/7/2025, about 35 merged units after.</summary>
public class SyntheticBoundaryTests
{
    private static DemoProvince Province => DemoTestData.Synthetic;

    [Fact]
    public void About_a_hundred_old_communes_merge_into_about_thirty_five_new_units()
    {
        Assert.InRange(Province.PreMergerUnits.Count, 95, 105);
        Assert.InRange(Province.PostMergerUnits.Count, 30, 40);
    }

    [Fact]
    public void Province_is_named_as_a_simulation_and_lies_on_the_Mekong_delta()
    {
        Assert.Contains("Mô phỏng", Province.ProvinceName);
        var e = Province.ProvinceBoundary.EnvelopeInternal;
        Assert.True(e.MinX >= 105.2 && e.MaxX <= 106.1 && e.MinY >= 9.5 && e.MaxY <= 10.4, e.ToString());
        Assert.Equal(4326, Province.ProvinceBoundary.SRID);
    }

    [Fact]
    public void Every_unit_polygon_is_valid_and_not_empty()
    {
        Assert.All(Province.PreMergerUnits.Concat(Province.PostMergerUnits), u =>
        {
            Assert.True(u.Geometry.IsValid, u.Code);
            Assert.True(u.Geometry.Area > 0, u.Code);
        });
    }

    [Fact]
    public void Old_communes_do_not_overlap_and_tile_the_province() => AssertTiling(Province.PreMergerUnits);

    [Fact]
    public void New_units_do_not_overlap_and_tile_the_province() => AssertTiling(Province.PostMergerUnits);

    [Fact]
    public void Codes_are_unique_five_digit_strings()
    {
        var codes = Province.PreMergerUnits.Concat(Province.PostMergerUnits).Select(u => u.Code).ToArray();
        Assert.All(codes, c => Assert.Matches("^[0-9]{5}$", c));
        Assert.Equal(codes.Length, codes.Distinct().Count());
    }

    [Fact]
    public void Names_are_unique_and_start_with_the_kind_of_unit()
    {
        var before = Province.PreMergerUnits;
        Assert.All(before, u => Assert.Matches(new Regex(@"^(Xã|Phường|Thị trấn) \p{Lu}\p{Ll}* \p{Lu}\p{Ll}*$"), u.Name));
        Assert.All(before, u => Assert.StartsWith(u.Kind.VietnamesePrefix() + " ", u.Name));
        Assert.Equal(before.Count, before.Select(u => u.Name).Distinct().Count());
        Assert.All(Province.PostMergerUnits, u => Assert.StartsWith(u.Kind.VietnamesePrefix() + " ", u.Name));
        Assert.Equal(Province.PostMergerUnits.Count, Province.PostMergerUnits.Select(u => u.Name).Distinct().Count());
    }

    [Fact]
    public void Kinds_are_xa_phuong_thi_tran_before_and_xa_phuong_dac_khu_after()
    {
        Assert.Equal([DemoUnitKind.Xa, DemoUnitKind.Phuong, DemoUnitKind.ThiTran],
            Province.PreMergerUnits.Select(u => u.Kind).Distinct().Order());
        Assert.Equal([DemoUnitKind.Xa, DemoUnitKind.Phuong, DemoUnitKind.DacKhu],
            Province.PostMergerUnits.Select(u => u.Kind).Distinct().Order());
    }

    [Fact]
    public void Populations_are_between_3000_and_40000_and_wards_are_denser_than_rural_communes()
    {
        Assert.All(Province.PreMergerUnits, u => Assert.InRange(u.Population, 3_000, 40_000));
        double Density(DemoUnitKind kind) =>
            Province.PreMergerUnits.Where(u => u.Kind == kind).Average(u => u.Population / u.Geometry.Area);
        Assert.True(Density(DemoUnitKind.Phuong) > 5 * Density(DemoUnitKind.Xa));
    }

    [Fact]
    public void Old_communes_are_valid_2015_to_the_merger_and_new_units_from_the_merger_on()
    {
        Assert.All(Province.PreMergerUnits, u =>
        {
            Assert.Equal(new DateOnly(2015, 1, 1), u.ValidFrom);
            Assert.Equal(new DateOnly(2025, 7, 1), u.ValidTo);
        });
        Assert.All(Province.PostMergerUnits, u =>
        {
            Assert.Equal(new DateOnly(2025, 7, 1), u.ValidFrom);
            Assert.Null(u.ValidTo);
        });
    }

    private static void AssertTiling(IReadOnlyList<DemoUnit> units)
    {
        var provinceArea = Province.ProvinceBoundary.Area;
        for (var i = 0; i < units.Count; i++)
        {
            for (var j = i + 1; j < units.Count; j++)
            {
                if (!units[i].Geometry.EnvelopeInternal.Intersects(units[j].Geometry.EnvelopeInternal)) continue;
                var overlap = units[i].Geometry.Intersection(units[j].Geometry).Area;
                Assert.True(overlap < 1e-9 * provinceArea, $"{units[i].Code} overlaps {units[j].Code} by {overlap}");
            }
        }
        var union = UnaryUnionOp.Union(units.Select(u => (Geometry)u.Geometry).ToArray());
        // lon/lat coordinates are the metric grid transformed back, so expect agreement to floating-point noise
        var difference = union.SymmetricDifference(Province.ProvinceBoundary).Area;
        Assert.True(difference < 1e-6 * provinceArea, $"union differs from the province by {difference}");
        Assert.Equal(provinceArea, units.Sum(u => u.Geometry.Area), provinceArea * 1e-6);
    }
}
