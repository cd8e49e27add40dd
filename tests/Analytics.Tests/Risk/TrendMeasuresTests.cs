using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Risk;

public class TrendMeasuresTests
{
    [Fact]
    public void Ols_slope_of_a_straight_line_is_its_step()
    {
        Assert.Equal(2, TrendMeasures.OlsSlope([1, 3, 5, 7]), 12);
        Assert.Equal(0, TrendMeasures.OlsSlope([5, 5, 5]), 12);
        Assert.Equal(0, TrendMeasures.OlsSlope([4]), 12);
    }

    [Fact]
    public void Ols_slope_matches_the_hand_sums()
    {
        // x̄ = 2, ȳ = 4: Σ(x−x̄)(y−ȳ) = 4 + 0 + 0 + 0 + 2 = 6, Σ(x−x̄)² = 10.
        Assert.Equal(0.6, TrendMeasures.OlsSlope([2, 4, 5, 4, 5]), 12);
    }

    [Fact]
    public void Rising_streak_counts_increases_back_from_the_end()
    {
        Assert.Equal(4, TrendMeasures.RisingStreak([1, 2, 3, 4, 5]));
        Assert.Equal(2, TrendMeasures.RisingStreak([3, 1, 2, 3]));
        Assert.Equal(0, TrendMeasures.RisingStreak([3, 3]));
        Assert.Equal(0, TrendMeasures.RisingStreak([4, 2]));
    }
}
