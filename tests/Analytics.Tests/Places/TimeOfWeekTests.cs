using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Places;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Tests.Places;

/// <summary>Day-of-week × hour counts in Vietnamese local time, shifts that cross midnight, and smoothed shift shares.</summary>
public class TimeOfWeekTests
{
    private static readonly Shift Morning = new(6, 14), Afternoon = new(14, 22), Night = new(22, 6);

    [Fact]
    public void A_Sunday_23_30_incident_lands_in_Sunday_23_and_in_the_night_shift_that_crosses_midnight()
    {
        var sunday = new DateOnly(2026, 3, 1);
        Assert.Equal(DayOfWeek.Sunday, sunday.DayOfWeek);
        var table = new TimeOfWeekTable().Add(sunday, new TimeOnly(23, 30));

        Assert.Equal(1, table[6, 23]); // Monday first: Sunday is row 6
        Assert.Equal(1, table.Count(DayOfWeek.Sunday, 23));
        Assert.Equal(0, table.Count(DayOfWeek.Monday, 23));
        Assert.Equal(0, table[0, 0]);
        Assert.Equal((1, 0), (table.Timed, table.Untimed));
        Assert.True(Night.Contains(new TimeOnly(23, 30)));
        Assert.False(Afternoon.Contains(new TimeOnly(23, 30)));
        var shares = ShiftShares.Of(table, Shift.Defaults, priorStrength: 0);
        Assert.Equal([0, 0, 1], shares.Select(s => s.Timed));
        Assert.Equal([0.0, 0.0, 1.0], shares.Select(s => s.Share));
    }

    [Fact]
    public void An_instant_is_counted_at_Vietnamese_wall_clock_time_the_same_in_every_season()
    {
        // 16:30 UTC on Sunday 1 March and on Sunday 2 August is 23:30 in Hà Nội: UTC+7 all year, no daylight saving
        var table = new TimeOfWeekTable()
            .Add(new DateTimeOffset(2026, 3, 1, 16, 30, 0, TimeSpan.Zero))
            .Add(new DateTimeOffset(2026, 8, 2, 16, 30, 0, TimeSpan.Zero))
            // 17:10 UTC on Sunday is already Monday 00:10 locally
            .Add(new DateTimeOffset(2026, 3, 1, 17, 10, 0, TimeSpan.Zero));
        Assert.Equal(2, table.Count(DayOfWeek.Sunday, 23));
        Assert.Equal(1, table.Count(DayOfWeek.Monday, 0));
        Assert.Equal(0, table.Count(DayOfWeek.Sunday, 16));
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Zone.GetUtcOffset(new DateTime(2026, 7, 1)));
        Assert.Equal(TimeSpan.FromHours(7), VietnamTime.Zone.GetUtcOffset(new DateTime(2026, 1, 1)));
    }

    [Fact]
    public void Untimed_incidents_are_counted_apart_and_shares_use_timed_ones_only()
    {
        var monday = new DateOnly(2026, 3, 2);
        var table = new TimeOfWeekTable()
            .Add(monday, new TimeOnly(8, 0))
            .Add(monday, new TimeOnly(9, 59))
            .Add(monday.AddDays(4), new TimeOnly(20, 0))
            .Add(monday, null)
            .Add(monday.AddDays(1), null);
        Assert.Equal((3, 2, 5), (table.Timed, table.Untimed, table.Total));
        Assert.Equal(0.6, table.TimedShare, 12);
        Assert.Equal(1.0 / 3, table.Share(0, 8), 12);
        Assert.Equal(1, table.Count(DayOfWeek.Friday, 20));
        Assert.Equal(2, table.DayTotal(0));
        Assert.Equal(1, table.HourTotal(9));
        Assert.Equal([1, 0, 0, 0, 1, 0, 0], table.Rows().Select(r => r[8] + r[20]));
    }

    [Fact]
    public void Shift_shares_are_pulled_toward_uniform_by_the_prior_and_follow_the_data_when_it_is_plenty()
    {
        var friday = new DateOnly(2026, 3, 6);
        var few = new TimeOfWeekTable().AddTimed(TimeOfWeekTable.DayIndex(friday.DayOfWeek), 23, 2);
        // 2 night incidents, prior 24 pseudo-incidents (8 per 8-hour shift): night = (2 + 8) / 26, others 8 / 26
        var shares = ShiftShares.Of(few, Shift.Defaults, priorStrength: 24);
        Assert.Equal(8.0 / 26, shares[0].Share, 12);
        Assert.Equal(10.0 / 26, shares[2].Share, 12);
        Assert.Equal(1.0, shares[2].RawShare, 12);
        Assert.Equal(1.0, shares.Sum(s => s.Share), 12);

        var many = new TimeOfWeekTable().AddTimed(4, 23, 600).AddTimed(4, 10, 200).AddTimed(5, 15, 200);
        shares = ShiftShares.Of(many, Shift.Defaults, priorStrength: 24);
        Assert.Equal((200 + 8) / 1024.0, shares[0].Share, 12);
        Assert.Equal((600 + 8) / 1024.0, shares[2].Share, 12);

        // nothing timed: the uniform share by length
        var none = ShiftShares.Of(new TimeOfWeekTable().AddUntimed(5), [new Shift(6, 18), new Shift(18, 6)], 24);
        Assert.Equal([0.5, 0.5], none.Select(s => s.Share));
    }

    [Fact]
    public void Shifts_read_their_codes_and_must_cover_every_hour_once()
    {
        Assert.Equal(8, Night.Hours);
        Assert.True(Night.CrossesMidnight);
        Assert.False(Afternoon.CrossesMidnight);
        Assert.Equal("22-06", Night.Code);
        Assert.Equal(Night, Shift.TryParse("22-06"));
        Assert.Equal(new Shift(14, 0), Shift.TryParse("14-24"));
        Assert.Null(Shift.TryParse("25-06"));
        Assert.Null(Shift.TryParse("night"));
        Assert.True(Night.Contains(5));
        Assert.False(Night.Contains(6));
        Assert.True(Morning.Contains(6));
        Assert.Null(Shift.CheckCover(Shift.Defaults));
        Assert.Contains("hour 00:00 is in 0 shifts", Shift.CheckCover([Morning, Afternoon]));
        Assert.Contains("hour 13:00 is in 2 shifts", Shift.CheckCover([Morning, new Shift(13, 6)]));
    }

    [Fact]
    public void The_basis_falls_back_from_the_cell_set_to_the_commune_to_daily_and_the_shift_forecast_scales_the_day()
    {
        Assert.Equal(ShiftBasis.CellSet, ShiftShares.Choose(30, 100, 30));
        Assert.Equal(ShiftBasis.Commune, ShiftShares.Choose(29, 30, 30));
        Assert.Equal(ShiftBasis.Daily, ShiftShares.Choose(3, 29, 30));

        var day = new CellForecast(7, 0.9, 0.3, 1.5, [new RiskReason("recent", 1, 1)]);
        var night = ShiftShares.Scale(day, 0.5);
        Assert.Equal((0.45, 0.15, 0.75), (night.Score, night.Low, night.High));
        Assert.Same(day.Reasons, night.Reasons);
        // the shift's sentence is worded in the web layer (PatrolAssignmentText.Shift, tests/Web.Tests/Risk/ReasonTextTests)
    }
}
