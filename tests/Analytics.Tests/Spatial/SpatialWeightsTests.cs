using DiaBan.Analytics.Spatial;

namespace DiaBan.Analytics.Tests.Spatial;

public class SpatialWeightsTests
{
    // path 0-1-2 plus a one-way link 3→0 (as k-nearest produces)
    private static SpatialWeights Asymmetric() => SpatialWeights.FromNeighbours([[1], [0, 2], [1], [0]]);

    [Fact]
    public void S0_S1_S2_of_a_small_asymmetric_binary_matrix_match_the_hand_computation()
    {
        var c = Asymmetric().Constants;
        // S0 = 5 links; S1 = ½Σ(w_ij+w_ji)²: pairs 0-1, 1-2 give 4 each twice, 0-3 gives 1 twice → ½(16+2) = 9
        // row sums 1,2,1,1; column sums 2,2,1,0 → S2 = 9 + 16 + 4 + 1 = 30
        Assert.Equal(new WeightsConstants(4, 5, 9, 30), c);
    }

    [Fact]
    public void Row_standardised_rows_sum_to_one_and_S0_equals_n()
    {
        var w = ContiguityBuilder.Queen(Reference.Geometries("columbus")).ToRowStandardised();
        for (var i = 0; i < w.Count; i++) Approx.Equal(1.0, w.RowSum(i), 1e-15);
        Approx.Equal(49, w.Constants.S0, 1e-13);
        Assert.Equal(WeightsStyle.RowStandardised, w.Style);
    }

    [Fact]
    public void Adding_self_gives_w_ii_one_for_binary_and_one_over_k_plus_one_for_row_standardised()
    {
        var binary = Asymmetric().WithSelf();
        Assert.True(binary.IncludesSelf);
        Assert.Equal([0, 1, 2], binary.Neighbours(1).ToArray());
        Assert.Equal(1.0, binary.Weight(1, 1));
        var row = Asymmetric().ToRowStandardised().WithSelf();
        Assert.Equal(1.0 / 3, row.Weight(1, 1), 15);
        Assert.Equal(1.0 / 3, row.Weight(1, 2), 15);
        Assert.Equal(Asymmetric().NeighbourLists(), binary.WithoutSelf().NeighbourLists());
        Assert.Empty(binary.Islands);
    }

    [Fact]
    public void Subset_drops_units_and_their_links_and_reindexes()
    {
        var sub = Asymmetric().Subset([true, false, true, true]);
        Assert.Equal(3, sub.Count);
        Assert.Empty(sub.Neighbours(0).ToArray());
        Assert.Equal([0], sub.Neighbours(2).ToArray());
    }

    [Fact]
    public void Invalid_neighbour_lists_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => SpatialWeights.FromNeighbours([[0]]));
        Assert.Throws<ArgumentException>(() => SpatialWeights.FromNeighbours([[1, 1], [0]]));
        Assert.Throws<ArgumentException>(() => SpatialWeights.FromNeighbours([[2], [0]]));
        Assert.Throws<ArgumentException>(() => SpatialWeights.FromWeights([[1], [0]], [[-1.0], [1.0]]));
    }

    [Fact]
    public void General_weights_keep_their_values_and_standardise_by_row_sum()
    {
        var w = SpatialWeights.FromWeights([[2, 1], [0], [0]], [[3.0, 1.0], [2.0], [0.5]]);
        Assert.Equal([1, 2], w.Neighbours(0).ToArray());
        Assert.Equal([1.0, 3.0], w.Weights(0).ToArray());
        Assert.Equal([0.25, 0.75], w.ToRowStandardised().Weights(0).ToArray());
        Assert.Equal([1.0 * 2.0 + 3.0 * 1.0, 2.0 * 1.0, 0.5 * 1.0], w.Lag([1.0, 2.0, 1.0]));
    }
}
