using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

public class SeriesTests
{
    [Fact]
    public void Benjamini_Hochberg_adjusted_p_equals_R_p_adjust()
    {
        var series = Reference.Load("series");
        Approx.All(series.GetProperty("p_bh").Doubles(), FalseDiscoveryRate.Adjust(series.GetProperty("p").Doubles()), 1e-12, "p_bh");
    }

    [Fact]
    public void ArcGIS_bins_keep_a_feature_at_the_strictest_level_it_survives()
    {
        // n = 4: BH cut-offs at α are α/4, α/2, 3α/4, α for ranks 1..4
        double[] p = [0.002, 0.02, 0.06, 0.5];
        double[] z = [3.1, -2.3, 1.9, 0.6];
        // adjusted: 0.008, 0.04, 0.08, 0.5 → bins 3, 2, 1, 0 with the sign of z
        Assert.Equal([3, -2, 1, 0], FalseDiscoveryRate.Bins(z, p));
        Assert.Equal([true, false, false, false], FalseDiscoveryRate.Bonferroni(p, 0.05));
    }

    [Fact]
    public void Undefined_p_values_are_never_significant_and_do_not_count_in_n()
    {
        var adjusted = FalseDiscoveryRate.Adjust([0.01, double.NaN, 0.04]);
        Assert.Equal(0.02, adjusted[0], 15);
        Assert.True(double.IsNaN(adjusted[1]));
        Assert.Equal([2, 0, 2], FalseDiscoveryRate.Bins([2.5, double.NaN, 2.1], [0.01, double.NaN, 0.04]));
    }

    [Theory]
    [InlineData("rising")]
    [InlineData("ties")]
    [InlineData("falling")]
    [InlineData("flat_noise")]
    [InlineData("quarterly")]
    public void Mann_Kendall_equals_R_cor_test_kendall_with_continuity_correction(string name)
    {
        var expected = Reference.Load("series").GetProperty("mann_kendall").GetProperty(name);
        var result = MannKendall.Test(expected.GetProperty("series").Doubles());
        Approx.Equal(expected.Number("z"), result.Z, what: "z");
        Approx.Equal(expected.Number("p"), result.P, what: "p");
        Approx.Equal(expected.Number("tau_b"), result.TauB, what: "tau");
    }

    [Fact]
    public void Mann_Kendall_S_and_variance_by_hand_for_a_short_series_with_a_tie()
    {
        // 1, 3, 3, 2: pairs (1,3)+ (1,3)+ (1,2)+ (3,3)0 (3,2)− (3,2)− → S = 1; one tie group of 2
        var r = MannKendall.Test([1, 3, 3, 2]);
        Assert.Equal(1, r.S);
        Assert.Equal((4 * 3 * 13 - 2 * 1 * 9) / 18.0, r.VarianceS, 15);
        Assert.Equal(0, r.Z);
        Assert.Equal(1.0 / 6, r.TauA, 15);
    }

    [Fact]
    public void Normal_tail_probabilities_equal_R_pnorm_to_full_precision()
    {
        var normal = Reference.Load("series").GetProperty("normal");
        var z = normal.GetProperty("z").Doubles();
        var upper = normal.GetProperty("upper").Doubles();
        var cdf = normal.GetProperty("cdf").Doubles();
        for (var i = 0; i < z.Length; i++)
        {
            Assert.True(Math.Abs(Normal.UpperTail(z[i]) - upper[i]) <= 2e-15 * upper[i] + 1e-300, $"upper tail at {z[i]}: {Normal.UpperTail(z[i]):R} vs {upper[i]:R}");
            Assert.True(Math.Abs(Normal.Cdf(z[i]) - cdf[i]) <= 2e-15 * cdf[i] + 1e-300, $"cdf at {z[i]}: {Normal.Cdf(z[i]):R} vs {cdf[i]:R}");
        }
    }
}
