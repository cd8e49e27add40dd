using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

public class GlobalMoranTests
{
    [Theory]
    [InlineData("columbus", "queen_W")]
    [InlineData("columbus", "queen_B")]
    [InlineData("columbus", "rook_W")]
    [InlineData("columbus", "knn_W")]
    [InlineData("columbus", "band_zero_lag_W")]
    [InlineData("columbus", "band_exclude_W")]
    [InlineData("sids", "queen_W")]
    [InlineData("sids", "rook_B")]
    [InlineData("ca_mau", "queen_W")]
    [InlineData("ca_mau", "rook_W")]
    [InlineData("ca_mau", "knn_W")]
    public void Moran_I_and_its_moments_under_both_nulls_equal_spdep_moran_test(string layer, string weights)
    {
        var expected = Reference.Load(layer).GetProperty("moran_" + weights);
        var result = GlobalMoran.Compute(ReferenceWeights.Values(layer), ReferenceWeights.Build(layer, weights));
        Approx.Equal(expected.Number("I"), result.I, what: "I");
        Approx.Equal(expected.Number("expected"), result.Expected, what: "E[I]");
        Approx.Equal(expected.Number("var_normality"), result.Normality.Variance, what: "Var_N");
        Approx.Equal(expected.Number("var_randomisation"), result.Randomisation.Variance, what: "Var_R");
        Approx.Equal(expected.Number("z_normality"), result.Normality.Z, what: "z_N");
        Approx.Equal(expected.Number("z_randomisation"), result.Randomisation.Z, what: "z_R");
        Approx.Equal(expected.Number("p_two_sided_normality"), result.Normality.PTwoSided, what: "p_N");
        Approx.Equal(expected.Number("p_two_sided_randomisation"), result.Randomisation.PTwoSided, what: "p_R");
        Approx.Equal(expected.Number("p_greater_randomisation"), result.Randomisation.PGreater, what: "p_R greater");
    }

    [Fact]
    public void Excluding_islands_shrinks_n_to_the_connected_units()
    {
        var weights = ReferenceWeights.Build("columbus", "band_exclude_W");
        var result = GlobalMoran.Compute(ReferenceWeights.Values("columbus"), weights);
        Assert.Equal(49 - weights.Islands.Count, result.N);
        Assert.Equal(4, weights.Islands.Count);
    }

    [Fact]
    public void Islands_are_refused_unless_a_policy_is_chosen()
    {
        var weights = ReferenceWeights.Build("columbus", "band_W").WithIslandPolicy(DiaBan.Analytics.Spatial.IslandPolicy.Reject);
        var error = Assert.Throws<IslandsException>(() => GlobalMoran.Compute(ReferenceWeights.Values("columbus"), weights));
        Assert.Equal([0, 2, 5, 20], error.Islands);
    }

    [Fact]
    public void Permutation_distribution_converges_to_the_randomisation_moments()
    {
        // Var_R is the exact variance of I over all permutations, so 20,000 shuffles must reproduce both moments
        var weights = ReferenceWeights.Build("columbus", "queen_W");
        var result = GlobalMoran.Compute(ReferenceWeights.Values("columbus"), weights, new GlobalMoranOptions(20_000, Seed: 7));
        var permutation = result.Permutation!;
        var sd = Math.Sqrt(result.Randomisation.Variance);
        Assert.InRange(permutation.Mean, result.Expected - 4 * sd / Math.Sqrt(20_000), result.Expected + 4 * sd / Math.Sqrt(20_000));
        Assert.InRange(permutation.StdDev / sd, 0.97, 1.03);
    }

    [Fact]
    public void Strong_clustering_hits_the_permutation_floor_of_one_over_R_plus_one()
    {
        var result = GlobalMoran.Compute(ReferenceWeights.Values("columbus"), ReferenceWeights.Build("columbus", "queen_W"),
            new GlobalMoranOptions(999, Seed: 3, Alternative: PermutationAlternative.Greater));
        Assert.Equal(0, result.Permutation!.ExtremeCount);
        Assert.Equal(1.0 / 1000, result.Permutation.PseudoP);
    }

    [Fact]
    public void The_same_seed_gives_the_same_permutation_result_and_another_seed_a_different_one()
    {
        var values = ReferenceWeights.Values("ca_mau");
        var weights = ReferenceWeights.Build("ca_mau", "queen_W");
        var a = GlobalMoran.Compute(values, weights, new GlobalMoranOptions(499, Seed: 11)).Permutation!;
        var b = GlobalMoran.Compute(values, weights, new GlobalMoranOptions(499, Seed: 11)).Permutation!;
        var c = GlobalMoran.Compute(values, weights, new GlobalMoranOptions(499, Seed: 12)).Permutation!;
        Assert.Equal(a, b);
        Assert.NotEqual(a.Mean, c.Mean);
    }
}
