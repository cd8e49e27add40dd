using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;

namespace DiaBan.Analytics.Tests.Records;

public class SpotLifecycleTests
{
    private static SpotStep S(SpotState state, int month, int day, int year = 2026) => new(state, new DateOnly(year, month, day));

    [Theory]
    [InlineData(null, SpotState.Detected, true)]
    [InlineData(null, SpotState.Eliminated, false)]
    [InlineData(SpotState.Detected, SpotState.UnderWatch, true)]
    [InlineData(SpotState.Detected, SpotState.Eliminated, true)]
    [InlineData(SpotState.Detected, SpotState.ReEmerged, false)]
    [InlineData(SpotState.Detected, SpotState.Detected, false)]
    [InlineData(SpotState.UnderWatch, SpotState.Eliminated, true)]
    [InlineData(SpotState.UnderWatch, SpotState.UnderWatch, false)]
    [InlineData(SpotState.Eliminated, SpotState.ReEmerged, true)]
    [InlineData(SpotState.Eliminated, SpotState.UnderWatch, false)]
    [InlineData(SpotState.Eliminated, SpotState.Eliminated, false)]
    [InlineData(SpotState.ReEmerged, SpotState.UnderWatch, true)]
    [InlineData(SpotState.ReEmerged, SpotState.Eliminated, true)]
    public void Transitions(SpotState? from, SpotState to, bool allowed) => Assert.Equal(allowed, SpotLifecycle.Allowed(from, to));

    [Fact]
    public void Check_names_the_first_bad_step()
    {
        Assert.Null(SpotLifecycle.Check([S(SpotState.Detected, 1, 5), S(SpotState.UnderWatch, 2, 1), S(SpotState.Eliminated, 3, 1)]));
        Assert.StartsWith("bước 2", SpotLifecycle.Check([S(SpotState.Detected, 1, 5), S(SpotState.ReEmerged, 2, 1)]));
        Assert.StartsWith("bước 3", SpotLifecycle.Check([S(SpotState.Detected, 1, 5), S(SpotState.Eliminated, 2, 1), S(SpotState.ReEmerged, 1, 31)]));
    }

    [Fact]
    public void Counts_of_one_spot_over_a_year()
    {
        // found in 2025, eliminated in March 2026, re-emerged in June, eliminated again in October
        SpotStep[] steps = [S(SpotState.Detected, 11, 2, 2025), S(SpotState.UnderWatch, 12, 1, 2025), S(SpotState.Eliminated, 3, 10),
            S(SpotState.ReEmerged, 6, 1), S(SpotState.UnderWatch, 6, 20), S(SpotState.Eliminated, 10, 5)];
        Assert.Equal(new SpotCounts(1, 0, 2, 1, 0), SpotCounts.Of(steps, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));
        // first half: open at start, eliminated once, re-emerged, still active on 30 June
        Assert.Equal(new SpotCounts(1, 0, 1, 1, 1), SpotCounts.For([new SpotHistory("A", SpotKind.Point, steps)], ReportPeriod.Half(2026, 1)));
        // 2025: new and still active
        Assert.Equal(new SpotCounts(0, 1, 0, 0, 1), SpotCounts.For([new SpotHistory("A", SpotKind.Point, steps)], ReportPeriod.Year(2025)));
        // 2027: nothing open, nothing happened
        Assert.Equal(SpotCounts.Zero, SpotCounts.For([new SpotHistory("A", SpotKind.Point, steps)], ReportPeriod.Year(2027)));
    }

    [Fact]
    public void A_spot_detected_and_eliminated_on_the_same_day_is_new_and_eliminated()
    {
        SpotStep[] steps = [S(SpotState.Detected, 4, 1), S(SpotState.Eliminated, 4, 1)];
        Assert.Equal(new SpotCounts(0, 1, 1, 0, 0), SpotCounts.Of(steps, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));
        Assert.Equal(SpotState.Eliminated, SpotLifecycle.StateOn(steps, new DateOnly(2026, 4, 1)));
        Assert.Null(SpotLifecycle.StateOn(steps, new DateOnly(2026, 3, 31)));
    }

    [Fact]
    public void Eliminated_share_of_the_spots_open_at_the_start()
    {
        Assert.Equal(25.0, new SpotCounts(8, 3, 2, 0, 9).EliminatedPercentOfStart);
        Assert.Null(new SpotCounts(0, 3, 2, 0, 1).EliminatedPercentOfStart);
    }

    // property-style: random valid histories, random periods, the balance and consistency of counts hold for every one
    [Fact]
    public void Start_plus_new_plus_re_emerged_minus_eliminated_is_remaining_for_random_histories()
    {
        var random = new Random(20261130);
        int checkedPeriods = 0, nonTrivial = 0;
        for (int trial = 0; trial < 500; trial++)
        {
            var spots = Enumerable.Range(0, random.Next(1, 12)).Select(i => new SpotHistory($"S{i}", (SpotKind)random.Next(2), RandomHistory(random))).ToList();
            foreach (var s in spots) Assert.Null(SpotLifecycle.Check(s.Steps));
            var start = new DateOnly(2023, 1, 1).AddDays(random.Next(0, 1200));
            var end = start.AddDays(random.Next(1, 500));
            var c = SpotCounts.For(spots, start, end);
            Assert.Equal(c.Remaining, c.AtStart + c.New + c.ReEmerged - c.Eliminated);
            // remaining at the end of one period is what is open at the start of the next
            var next = SpotCounts.For(spots, end, end.AddDays(random.Next(1, 300)));
            Assert.Equal(c.Remaining, next.AtStart);
            // additivity over two adjacent periods
            var whole = SpotCounts.For(spots, start, end.AddDays(90));
            var second = SpotCounts.For(spots, end, end.AddDays(90));
            Assert.Equal(whole.New, c.New + second.New);
            Assert.Equal(whole.Eliminated, c.Eliminated + second.Eliminated);
            Assert.Equal(whole.ReEmerged, c.ReEmerged + second.ReEmerged);
            Assert.True(c.Remaining <= spots.Count && c.AtStart <= spots.Count);
            checkedPeriods++;
            if (c.Eliminated > 0 && c.ReEmerged > 0) nonTrivial++;
        }
        Assert.Equal(500, checkedPeriods);
        Assert.True(nonTrivial > 20, $"only {nonTrivial} periods had both eliminations and re-emergences");
    }

    private static List<SpotStep> RandomHistory(Random random)
    {
        var day = new DateOnly(2022, 6, 1).AddDays(random.Next(0, 1500));
        var steps = new List<SpotStep> { new(SpotState.Detected, day) };
        for (int n = random.Next(0, 7); n > 0; n--)
        {
            var options = SpotLifecycle.NextStates(steps[^1].State);
            day = day.AddDays(random.Next(0, 120));
            steps.Add(new SpotStep(options[random.Next(options.Count)], day));
        }
        return steps;
    }
}

public class TipResolutionTests
{
    private static ReceivedTip T(string commune, int receivedMonth, int? resolvedMonth, int year = 2026) =>
        new(commune, new DateOnly(year, receivedMonth, 10), resolvedMonth is { } m ? new DateOnly(year, m, 20) : null);

    [Fact]
    public void Rate_counts_tips_received_in_the_period_resolved_before_its_end()
    {
        ReceivedTip[] tips = [T("A", 1, 2), T("A", 3, null), T("A", 5, 8), T("B", 2, 2), T("A", 11, 12, 2025)];
        var h1 = TipResolution.Of(tips, ReportPeriod.Half(2026, 1));
        Assert.Equal(new TipResolution(4, 2), h1); // A's May tip resolved in August is pending at 30 June
        Assert.Equal(50.0, h1.RatePercent);
        Assert.Equal(new TipResolution(4, 3), TipResolution.Of(tips, ReportPeriod.Year(2026)));
        var per = TipResolution.PerCommune(tips, ReportPeriod.Year(2026));
        Assert.Equal(new TipResolution(3, 2), per["A"]);
        Assert.Equal(100.0, per["B"].RatePercent);
        Assert.Null(TipResolution.Of(tips, ReportPeriod.Year(2024)).RatePercent);
    }

    [Fact]
    public void Resolved_needs_outcome_and_day_not_before_receipt()
    {
        var d = new DateOnly(2026, 3, 1);
        Assert.Null(TipRules.Check(TipState.Resolved, TipOutcome.Confirmed, d, d));
        Assert.Equal("outcome", TipRules.Check(TipState.Resolved, null, d, d)?.Field);
        Assert.Equal("resolvedOn", TipRules.Check(TipState.Resolved, TipOutcome.Unfounded, d, d.AddDays(-1))?.Field);
        Assert.Equal("state", TipRules.Check(TipState.Checking, TipOutcome.Unfounded, d, null)?.Field);
        Assert.True(TipRules.Allowed(TipState.Received, TipState.Resolved));
        Assert.False(TipRules.Allowed(TipState.Resolved, TipState.Checking));
    }
}
