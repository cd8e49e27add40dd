using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class ForecastMetricsTests
{
    [Fact]
    public void Auc_of_the_textbook_four_point_example_is_three_quarters()
    {
        // Positives 0.35 and 0.8 against negatives 0.1 and 0.4: 3 of 4 pairs ordered correctly.
        Assert.Equal(0.75, ForecastMetrics.Auc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])!.Value, 12);
    }

    [Fact]
    public void Auc_counts_ties_as_half_and_is_undefined_for_one_class()
    {
        Assert.Equal(0.5, ForecastMetrics.Auc([0.3, 0.3], [true, false])!.Value, 12);
        Assert.Equal(1, ForecastMetrics.Auc([0.1, 0.9], [false, true])!.Value, 12);
        Assert.Equal(0, ForecastMetrics.Auc([0.9, 0.1], [false, true])!.Value, 12);
        Assert.Null(ForecastMetrics.Auc([0.2, 0.4], [true, true]));
    }

    [Fact]
    public void Brier_is_the_mean_squared_error_of_the_probability()
    {
        Assert.Equal((0.01 + 0.01 + 0.64) / 3, ForecastMetrics.Brier([0.1, 0.9, 0.8], [false, true, false])!.Value, 12);
        Assert.Null(ForecastMetrics.Brier([], []));
    }

    // Areas 1, 1, 2, 6 (A = 10); incidents 5, 0, 4, 1 (N = 10); ranked in list order.
    private static readonly double[] Score = [4, 3, 2, 1], Area = [1, 1, 2, 6], Actual = [5, 0, 4, 1];

    [Fact]
    public void Whole_units_are_flagged_until_the_share_is_reached()
    {
        Assert.Equal(5, ForecastMetrics.Captured(Score, Area, Actual, 0.2), 12); // units 0 and 1 fill 2 of 10 km²
    }

    [Fact]
    public void The_boundary_unit_counts_by_the_fraction_of_its_area_that_fits()
    {
        // 30 % = 3 km²: units 0 and 1 (2 km²) plus half of unit 2's 2 km², so half of its 4 incidents.
        Assert.Equal(7, ForecastMetrics.Captured(Score, Area, Actual, 0.3), 12);
        var at30 = ForecastMetrics.AtArea(Score, Area, Actual, 0.3)!.Value;
        Assert.Equal(0.7, at30.HitRate, 12);
        Assert.Equal(0.7 / 0.3, at30.Pai, 12);
        // Hindsight by density (5/1, 4/2, 1/6, 0/1): unit 0 then all of unit 2 fill 3 km² with 9 incidents.
        Assert.Equal(7.0 / 9, at30.PeiStar, 12);
    }

    [Fact]
    public void Tied_units_are_flagged_together_pro_rata()
    {
        // Two tied units of 1 km² each, budget 1 km²: half the block, so half of its 2 incidents.
        Assert.Equal(1, ForecastMetrics.Captured([1, 1, 0], [1, 1, 2], [2, 0, 0], 0.25), 12);
        Assert.Equal(1, ForecastMetrics.Captured([1, 1, 0], [1, 1, 2], [0, 2, 0], 0.25), 12);
    }

    [Fact]
    public void Hindsight_ranking_has_pei_star_one_and_no_incidents_gives_no_score()
    {
        var density = Actual.Select((c, i) => c / Area[i]).ToArray();
        foreach (double share in ForecastMetrics.AreaShares)
            Assert.Equal(1, ForecastMetrics.AtArea(density, Area, Actual, share)!.Value.PeiStar, 12);
        Assert.Null(ForecastMetrics.AtArea(Score, Area, [0, 0, 0, 0], 0.1));
    }
}
