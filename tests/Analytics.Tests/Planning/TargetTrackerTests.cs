using DiaBan.Analytics.Planning;

namespace DiaBan.Analytics.Tests.Planning;

public class TargetTrackerTests
{
    private static PlanTarget Target(PlanIndicator indicator, TargetComparison comparison, TargetDirection direction, double value) => new()
    {
        Scope = TargetScope.Province("96"), Year = 2026, Indicator = indicator, Comparison = comparison, Direction = direction,
        Value = value, LegalBasis = "test", DocumentNumber = "1/KH",
    };

    private static readonly PlanTarget ArrestsUp5 = Target(PlanIndicator.Arrests, TargetComparison.PercentChange, TargetDirection.AtLeast, 5);
    private static readonly PlanTarget DrugFree30 = Target(PlanIndicator.DrugFreeCommunes, TargetComparison.Share, TargetDirection.AtLeast, 30);
    private static readonly PlanTarget WithDrugsDown5 = Target(PlanIndicator.CommunesWithDrugs, TargetComparison.PercentChange, TargetDirection.AtMost, -5);
    private static readonly PlanTarget Tips90 = Target(PlanIndicator.TipsResolved, TargetComparison.Share, TargetDirection.AtLeast, 90);

    private static TargetProgress Track(PlanTarget target, double? baseline, double? actual, double elapsed,
        IReadOnlyList<CommuneContribution>? contributions = null) =>
        TargetTracker.Track(new TargetProgressInput
        {
            Target = target, Baseline = baseline, Actual = actual, ElapsedFraction = elapsed, Contributions = contributions ?? [],
        });

    [Theory]
    // arrests (a flow) +5 % on 200 → 210 required; half the year gone, projection = actual × 2
    [InlineData(104, TargetVerdict.AtRisk)]   // projects 208 < 210
    [InlineData(105, TargetVerdict.OnTrack)]  // projects exactly 210
    [InlineData(106, TargetVerdict.OnTrack)]  // projects 212
    [InlineData(210, TargetVerdict.Met)]      // already reached: a flow only grows
    public void Flow_percent_change_projects_from_zero(double actual, TargetVerdict expected)
    {
        var progress = Track(ArrestsUp5, 200, actual, 0.5);

        Assert.Equal(210, progress.Required!.Value, 9);
        Assert.Equal(actual * 2, progress.Projection!.Value, 9);
        Assert.Equal(expected, progress.Verdict);
    }

    [Theory]
    // drug-free share (a stock) from 20 % last year toward ≥ 30 %: projection = 20 + (actual − 20) ÷ 0.5
    [InlineData(24.9, TargetVerdict.AtRisk)]
    [InlineData(25, TargetVerdict.OnTrack)]
    [InlineData(25.1, TargetVerdict.OnTrack)]
    public void Stock_share_projects_the_change_since_last_year(double actual, TargetVerdict expected)
    {
        var progress = Track(DrugFree30, 20, actual, 0.5);

        Assert.Equal(20 + (actual - 20) * 2, progress.Projection!.Value, 9);
        Assert.Equal(expected, progress.Verdict);
    }

    [Theory]
    // communes with drugs ≤ −5 % on 60 → at most 57; three quarters gone: projection = 60 + (actual − 60) ÷ 0.75
    [InlineData(57.75, TargetVerdict.OnTrack)] // projects exactly 57
    [InlineData(57.0, TargetVerdict.OnTrack)]  // projects 56
    [InlineData(58.5, TargetVerdict.AtRisk)]   // projects 58
    public void Stock_at_most_is_on_track_at_or_below_the_required_level(double actual, TargetVerdict expected)
    {
        var progress = Track(WithDrugsDown5, 60, actual, 0.75);

        Assert.Equal(57, progress.Required!.Value, 9);
        Assert.Equal(expected, progress.Verdict);
    }

    [Theory]
    [InlineData(89.9, TargetVerdict.AtRisk)]
    [InlineData(90, TargetVerdict.OnTrack)]
    [InlineData(95, TargetVerdict.OnTrack)]
    public void A_rate_is_projected_as_it_stands(double actual, TargetVerdict expected)
    {
        var progress = Track(Tips90, 85, actual, 0.25);

        Assert.Equal(actual, progress.Projection);
        Assert.Equal(expected, progress.Verdict);
    }

    [Theory]
    [InlineData(209, TargetVerdict.Missed)]
    [InlineData(210, TargetVerdict.Met)]
    [InlineData(211, TargetVerdict.Met)]
    public void At_the_period_end_the_actual_decides_met_or_missed(double actual, TargetVerdict expected)
    {
        Assert.Equal(expected, Track(ArrestsUp5, 200, actual, 1).Verdict);
    }

    [Fact]
    public void A_stock_already_at_its_level_mid_year_is_on_track_not_met_because_it_can_still_fall()
    {
        Assert.Equal(TargetVerdict.OnTrack, Track(DrugFree30, 20, 31, 0.5).Verdict);
    }

    [Fact]
    public void A_flow_already_past_an_at_most_level_is_missed_before_the_period_ends()
    {
        var usersCap = Target(PlanIndicator.PlantAreaDestroyed, TargetComparison.Absolute, TargetDirection.AtMost, 100);

        Assert.Equal(TargetVerdict.Missed, Track(usersCap, null, 101, 0.5).Verdict);
        Assert.Equal(TargetVerdict.OnTrack, Track(usersCap, null, 50, 0.5).Verdict);
        Assert.Equal(TargetVerdict.AtRisk, Track(usersCap, null, 51, 0.5).Verdict);
    }

    [Fact]
    public void Missing_actual_or_baseline_gives_unknown_not_a_guess()
    {
        Assert.Equal(TargetVerdict.Unknown, Track(ArrestsUp5, null, 120, 0.5).Verdict);
        Assert.Equal(TargetVerdict.Unknown, Track(ArrestsUp5, 0, 120, 0.5).Verdict);
        Assert.Equal(TargetVerdict.Unknown, Track(DrugFree30, 20, null, 0.5).Verdict);
        Assert.Equal(TargetVerdict.Unknown, Track(DrugFree30, 20, 20, 0).Verdict);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Elapsed_fraction_outside_zero_to_one_is_an_error(double elapsed)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Track(DrugFree30, 20, 25, elapsed));
    }

    [Fact]
    public void Drivers_list_the_communes_that_help_and_hinder_largest_first()
    {
        var contributions = new CommuneContribution[]
        {
            new("c1", 1, 0), new("c2", 0, 1), new("c3", 0, 0), new("c4", 3, 0), new("c5", 0, 2),
        };

        var atLeast = Track(DrugFree30, 20, 25, 0.5, contributions);
        var atMost = Track(WithDrugsDown5, 60, 57, 0.5, contributions);

        Assert.Equal(["c5", "c2"], atLeast.Helping.Select(c => c.UnitCode));
        Assert.Equal(["c4", "c1"], atLeast.Hindering.Select(c => c.UnitCode));
        Assert.Equal(["c4", "c1"], atMost.Helping.Select(c => c.UnitCode));
        Assert.Equal(["c5", "c2"], atMost.Hindering.Select(c => c.UnitCode));
    }

    [Fact]
    public void Elapsed_fraction_counts_days_including_the_as_of_day()
    {
        var start = new DateOnly(2026, 1, 1);
        var end = new DateOnly(2026, 12, 31);

        Assert.Equal(0, TargetTracker.ElapsedFraction(start, end, new DateOnly(2025, 12, 31)));
        Assert.Equal(181.0 / 365, TargetTracker.ElapsedFraction(start, end, new DateOnly(2026, 6, 30)), 12);
        Assert.Equal(1, TargetTracker.ElapsedFraction(start, end, new DateOnly(2027, 3, 1)));
    }
}
