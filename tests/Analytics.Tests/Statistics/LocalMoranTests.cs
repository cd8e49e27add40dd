using DiaBan.Analytics.Spatial;
using DiaBan.Analytics.Statistics;
using DiaBan.Analytics.Tests.Spatial;

namespace DiaBan.Analytics.Tests.Statistics;

public class LocalMoranTests
{
    private static readonly LocalMoranOptions AnalyticOnly = new(Permutations: 0);

    [Theory]
    [InlineData("columbus", "queen_W")]
    [InlineData("columbus", "queen_B")]
    [InlineData("columbus", "band_zero_lag_W")]
    [InlineData("sids", "queen_W")]
    [InlineData("ca_mau", "queen_W")]
    public void Local_Moran_and_its_total_and_conditional_moments_equal_spdep_localmoran(string layer, string weights)
    {
        var expected = Reference.Load(layer).GetProperty("local_moran_" + weights);
        var units = LocalMoran.Compute(ReferenceWeights.Values(layer), ReferenceWeights.Build(layer, weights), AnalyticOnly).Units;
        Approx.All(expected.GetProperty("Ii").Doubles(), units.Select(u => u.I).ToArray(), what: "Ii");
        Approx.All(expected.GetProperty("E_total").Doubles(), units.Select(u => u.ExpectedTotal).ToArray(), what: "E total");
        Approx.All(expected.GetProperty("Var_total").Doubles(), units.Select(u => u.VarianceTotal).ToArray(), what: "Var total");
        Approx.All(expected.GetProperty("Z_total").Doubles(), units.Select(u => u.ZTotal).ToArray(), what: "Z total");
        Approx.All(expected.GetProperty("P_total").Doubles(), units.Select(u => u.PTotal).ToArray(), what: "P total");
        Approx.All(expected.GetProperty("E_cond").Doubles(), units.Select(u => u.ExpectedConditional).ToArray(), what: "E cond");
        Approx.All(expected.GetProperty("Var_cond").Doubles(), units.Select(u => u.VarianceConditional).ToArray(), what: "Var cond");
        Approx.All(expected.GetProperty("Z_cond").Doubles(), units.Select(u => u.ZConditional).ToArray(), what: "Z cond");
        Approx.All(expected.GetProperty("P_cond").Doubles(), units.Select(u => u.PConditional).ToArray(), what: "P cond");
        var quadrants = expected.GetProperty("quadrant").Strings();
        for (var i = 0; i < units.Count; i++)
        {
            // spdep labels a neighbourless unit by its lag of 0; we give it no quadrant
            if (units[i].Quadrant == MoranQuadrant.None) Assert.Equal(LisaCluster.Neighbourless, units[i].Cluster);
            else Assert.Equal(quadrants[i], Spdep(units[i].Quadrant));
        }
    }

    [Fact]
    public void With_row_standardised_weights_the_mean_local_I_is_the_global_I()
    {
        var values = ReferenceWeights.Values("ca_mau");
        var weights = ReferenceWeights.Build("ca_mau", "queen_W");
        var local = LocalMoran.Compute(values, weights, AnalyticOnly);
        Approx.Equal(GlobalMoran.Compute(values, weights).I, local.Units.Average(u => u.I), 1e-12);
    }

    [Fact]
    public void Conditional_permutations_converge_to_the_analytic_conditional_moments()
    {
        // Sokal et al.'s conditional moments are exact for the conditional permutation distribution, so with 20,000
        // draws the simulated mean and SD must agree within Monte-Carlo error on every unit.
        const int draws = 20_000;
        var units = LocalMoran.Compute(ReferenceWeights.Values("columbus"), ReferenceWeights.Build("columbus", "queen_W"), new LocalMoranOptions(draws, Seed: 5)).Units;
        foreach (var u in units)
        {
            var sd = Math.Sqrt(u.VarianceConditional);
            var p = u.Permutation!;
            Assert.InRange(p.Mean, u.ExpectedConditional - 5 * sd / Math.Sqrt(draws), u.ExpectedConditional + 5 * sd / Math.Sqrt(draws));
            Assert.InRange(p.StdDev / sd, 0.96, 1.04);
        }
    }

    [Fact]
    public void Folded_pseudo_p_approaches_the_analytic_conditional_p_where_neighbourhoods_are_large()
    {
        // With many neighbours the conditional distribution is close to normal; pick units with ≥ 7 neighbours and
        // a p away from the tails, where the Monte-Carlo SE at R = 20,000 is ≤ 0.0036; allow 0.03 for non-normality.
        var weights = ReferenceWeights.Build("columbus", "queen_W");
        var units = LocalMoran.Compute(ReferenceWeights.Values("columbus"), weights, new LocalMoranOptions(20_000, Seed: 9)).Units;
        var checkedUnits = units.Where(u => weights.Cardinality(u.Index) >= 7 && u.PConditional is > 0.05 and < 0.95).ToArray();
        Assert.True(checkedUnits.Length >= 3, $"only {checkedUnits.Length} units to check");
        foreach (var u in checkedUnits) Assert.InRange(u.Permutation!.PseudoP, u.PConditional - 0.03, u.PConditional + 0.03);
    }

    [Fact]
    public void The_smallest_pseudo_p_is_one_over_R_plus_one()
    {
        var units = LocalMoran.Compute(ReferenceWeights.Values("columbus"), ReferenceWeights.Build("columbus", "queen_W"), new LocalMoranOptions(999, Seed: 1)).Units;
        Assert.Equal(1.0 / 1000, units.Min(u => u.Permutation!.PseudoP));
        Assert.All(units, u => Assert.InRange(u.Permutation!.PseudoP, 1.0 / 1000, 1.0));
    }

    [Fact]
    public void Results_for_a_seed_do_not_depend_on_the_thread_count()
    {
        var values = ReferenceWeights.Values("ca_mau");
        var weights = ReferenceWeights.Build("ca_mau", "queen_W");
        var parallel = LocalMoran.Compute(values, weights, new LocalMoranOptions(499, Seed: 42)).Units;
        var single = LocalMoran.Compute(values, weights, new LocalMoranOptions(499, Seed: 42, MaxDegreeOfParallelism: 1)).Units;
        var otherSeed = LocalMoran.Compute(values, weights, new LocalMoranOptions(499, Seed: 43)).Units;
        Assert.Equal(parallel, single);
        Assert.Contains(parallel.Zip(otherSeed), pair => pair.First.Permutation!.PseudoP != pair.Second.Permutation!.PseudoP);
    }

    [Fact]
    public void The_alternatives_count_the_same_simulations_in_their_own_tails()
    {
        // one seed = one set of simulated values, whatever the alternative; the counts must be consistent with each other
        var values = ReferenceWeights.Values("sids");
        var weights = ReferenceWeights.Build("sids", "queen_W");
        LocalMoranUnit[] Run(PermutationAlternative a) => LocalMoran.Compute(values, weights, new LocalMoranOptions(199, Seed: 8, Alternative: a)).Units.ToArray();
        var greater = Run(PermutationAlternative.Greater);
        var less = Run(PermutationAlternative.Less);
        var directed = Run(PermutationAlternative.Directed);
        var folded = Run(PermutationAlternative.Folded);
        for (var i = 0; i < greater.Length; i++)
        {
            var g = greater[i].Permutation!.ExtremeCount;
            Assert.True(g + less[i].Permutation!.ExtremeCount >= 199, "every simulation is in at least one tail");
            Assert.Equal(Math.Min(g, 199 - g), directed[i].Permutation!.ExtremeCount);
            Assert.Equal(greater[i].Permutation!.Mean, folded[i].Permutation!.Mean);
            Assert.InRange(directed[i].Permutation!.PseudoP, 1.0 / 200, 100.0 / 200);
        }
    }

    [Fact]
    public void Large_neighbourhoods_use_the_partial_shuffle_and_still_match_the_conditional_moments()
    {
        // a distance band wide enough to give some units more than 12 neighbours exercises the Fisher–Yates path
        var points = ReferenceWeights.Points("ca_mau");
        var weights = DistanceBand.Build(points, 15_000).ToRowStandardised();
        Assert.Contains(Enumerable.Range(0, weights.Count), i => weights.Cardinality(i) > 12);
        var units = LocalMoran.Compute(ReferenceWeights.Values("ca_mau"), weights, new LocalMoranOptions(20_000, Seed: 2)).Units;
        foreach (var u in units.Where(u => weights.Cardinality(u.Index) > 12))
        {
            var sd = Math.Sqrt(u.VarianceConditional);
            Assert.InRange(u.Permutation!.Mean, u.ExpectedConditional - 5 * sd / Math.Sqrt(20_000), u.ExpectedConditional + 5 * sd / Math.Sqrt(20_000));
            Assert.InRange(u.Permutation.StdDev / sd, 0.96, 1.04);
        }
    }

    [Fact]
    public void Significant_units_carry_their_quadrant_and_the_rest_are_not_significant()
    {
        var units = LocalMoran.Compute(ReferenceWeights.Values("columbus"), ReferenceWeights.Build("columbus", "queen_W"), new LocalMoranOptions(999, Seed: 4)).Units;
        foreach (var u in units)
        {
            var expected = u.Permutation!.PseudoP < 0.05 ? (LisaCluster)(int)u.Quadrant : LisaCluster.NotSignificant;
            Assert.Equal(expected, u.Cluster);
        }
        Assert.Contains(units, u => u.Cluster == LisaCluster.HighHigh);
        Assert.Contains(units, u => u.Cluster == LisaCluster.LowLow);
    }

    [Fact]
    public void Excluded_islands_are_neighbourless_and_the_rest_equals_the_analysis_without_them()
    {
        var values = ReferenceWeights.Values("columbus");
        var weights = ReferenceWeights.Build("columbus", "band_exclude_W");
        var units = LocalMoran.Compute(values, weights, AnalyticOnly).Units;
        var keep = Enumerable.Range(0, values.Length).Select(i => !weights.Islands.Contains(i)).ToArray();
        var subset = LocalMoran.Compute(values.Where((_, i) => keep[i]).ToArray(), weights.Subset(keep), AnalyticOnly).Units;
        Assert.Equal(49, units.Count);
        Assert.All(weights.Islands, i => Assert.Equal(LisaCluster.Neighbourless, units[i].Cluster));
        Assert.All(weights.Islands, i => Assert.True(double.IsNaN(units[i].I)));
        Assert.Equal(subset.Select(u => u.I), units.Where((_, i) => keep[i]).Select(u => u.I));
    }

    private static string Spdep(MoranQuadrant q) => q switch
    {
        MoranQuadrant.HighHigh => "High-High",
        MoranQuadrant.LowLow => "Low-Low",
        MoranQuadrant.LowHigh => "Low-High",
        _ => "High-Low",
    };
}
