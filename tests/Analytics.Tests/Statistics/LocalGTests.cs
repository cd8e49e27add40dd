using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

public class LocalGTests
{
    [Theory]
    [InlineData("columbus", "queen_B")]
    [InlineData("columbus", "queen_W")]
    [InlineData("sids", "queen_B")]
    [InlineData("ca_mau", "queen_B")]
    public void Gi_and_Gi_star_equal_spdep_localG_with_and_without_include_self(string layer, string weights)
    {
        var expected = Reference.Load(layer).GetProperty("local_g_" + weights);
        var w = ReferenceWeights.Build(layer, weights);
        var values = ReferenceWeights.Values(layer);
        var gi = LocalG.Gi(values, w).Units;
        var star = LocalG.GiStar(values, w.WithSelf()).Units;
        foreach (var (prefix, units) in new[] { ("gi_", gi), ("gistar_", star) })
        {
            Approx.All(expected.GetProperty(prefix + "z").Doubles(), units.Select(u => u.Z).ToArray(), what: prefix + "z");
            Approx.All(expected.GetProperty(prefix + "p").Doubles(), units.Select(u => u.P).ToArray(), what: prefix + "p");
            Approx.All(expected.GetProperty(prefix + "G").Doubles(), units.Select(u => u.G).ToArray(), what: prefix + "G");
            Approx.All(expected.GetProperty(prefix + "EG").Doubles(), units.Select(u => u.ExpectedG).ToArray(), what: prefix + "E(G)");
            Approx.All(expected.GetProperty(prefix + "VG").Doubles(), units.Select(u => u.VarianceG).ToArray(), what: prefix + "V(G)");
        }
    }

    [Fact]
    public void Row_standardising_does_not_change_the_Gi_star_z_score()
    {
        var values = ReferenceWeights.Values("ca_mau");
        var binary = LocalG.GiStar(values, ReferenceWeights.Build("ca_mau", "queen_B").WithSelf()).Units;
        var row = LocalG.GiStar(values, ReferenceWeights.Build("ca_mau", "queen_W").WithSelf()).Units;
        Approx.All(binary.Select(u => u.Z).ToArray(), row.Select(u => u.Z).ToArray(), 1e-12, "z");
    }

    [Fact]
    public void FDR_bins_follow_R_p_adjust_BH_at_the_three_ArcGIS_levels()
    {
        var adjusted = Reference.Load("sids").GetProperty("fdr_gistar_p_bh").Doubles();
        var units = LocalG.GiStar(ReferenceWeights.Values("sids"), ReferenceWeights.Build("sids", "queen_B").WithSelf()).Units;
        for (var i = 0; i < units.Count; i++)
        {
            var level = adjusted[i] <= 0.01 ? 3 : adjusted[i] <= 0.05 ? 2 : adjusted[i] <= 0.10 ? 1 : 0;
            Assert.Equal(Math.Sign(units[i].Z) * level, units[i].FdrBin);
            Assert.True(Math.Abs(units[i].FdrBin) <= Math.Abs(units[i].Bin), "FDR can only demote a bin");
        }
        Assert.Contains(units, u => u.Bin != u.FdrBin);
    }

    [Fact]
    public void Uncorrected_bins_use_the_90_95_99_percent_cut_offs()
    {
        var units = LocalG.GiStar(ReferenceWeights.Values("sids"), ReferenceWeights.Build("sids", "queen_B").WithSelf()).Units;
        foreach (var u in units)
        {
            var level = Math.Abs(u.Z) >= 2.5758293035489 ? 3 : Math.Abs(u.Z) >= 1.959963984540054 ? 2 : Math.Abs(u.Z) >= 1.6448536269514722 ? 1 : 0;
            Assert.Equal(Math.Sign(u.Z) * level, u.Bin);
        }
    }

    [Fact]
    public void Gi_star_requires_self_and_Gi_refuses_it()
    {
        var w = ReferenceWeights.Build("columbus", "queen_B");
        var values = ReferenceWeights.Values("columbus");
        Assert.Throws<ArgumentException>(() => LocalG.GiStar(values, w));
        Assert.Throws<ArgumentException>(() => LocalG.Gi(values, w.WithSelf()));
    }

    [Fact]
    public void An_island_under_Gi_star_is_compared_on_its_own_value()
    {
        // with only itself in the window, Gi* = (x_i − x̄)/S
        double[] values = [1, 2, 3, 10];
        var w = SpatialWeights.FromNeighbours([[1], [0, 2], [1], []], IslandPolicy.ZeroLag).WithSelf();
        var unit = LocalG.GiStar(values, w).Units[3];
        var mean = values.Average();
        var s = Math.Sqrt(values.Sum(v => v * v) / 4 - mean * mean);
        Approx.Equal((10 - mean) / s, unit.Z, 1e-14);
    }

    [Fact]
    public void Bins_and_clusters_have_Vietnamese_legend_labels()
    {
        Assert.Equal("Điểm nóng, độ tin cậy 99%", StatisticLabels.HotSpotBin(3));
        Assert.Equal("Điểm lạnh, độ tin cậy 90%", StatisticLabels.HotSpotBin(-1));
        Assert.Equal("Không có ý nghĩa thống kê", StatisticLabels.HotSpotBin(0));
        Assert.Equal("Cụm cao – cao", LisaCluster.HighHigh.Vietnamese());
        Assert.Throws<ArgumentOutOfRangeException>(() => StatisticLabels.HotSpotBin(4));
    }
}
