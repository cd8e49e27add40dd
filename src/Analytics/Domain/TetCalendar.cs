namespace DiaBan.Analytics.Domain;

/// <summary>
/// Tết Nguyên Đán (the first day of the lunar year in Vietnam, UTC+7) for 2015–2035, the calendar feature of the place
/// forecasts (incidents and crackdowns cluster around it: DOMAIN.md). Dates from the Vietnamese lunar calendar tables
/// (Hồ Ngọc Đức's almanac; they agree with the Chinese dates in this span).
/// </summary>
public static class TetCalendar
{
    private static readonly DateOnly[] Dates =
    [
        new(2015, 2, 19), new(2016, 2, 8), new(2017, 1, 28), new(2018, 2, 16), new(2019, 2, 5), new(2020, 1, 25),
        new(2021, 2, 12), new(2022, 2, 1), new(2023, 1, 22), new(2024, 2, 10), new(2025, 1, 29), new(2026, 2, 17),
        new(2027, 2, 6), new(2028, 1, 26), new(2029, 2, 13), new(2030, 2, 3), new(2031, 1, 23), new(2032, 2, 11),
        new(2033, 1, 31), new(2034, 2, 19), new(2035, 2, 8),
    ];

    /// <summary>Tết of the given Gregorian year (late January or February); throws outside 2015–2035.</summary>
    public static DateOnly Of(int year) => year is >= 2015 and <= 2035
        ? Dates[year - 2015]
        : throw new ArgumentOutOfRangeException(nameof(year), year, "Tết dates are tabulated for 2015–2035 only");

    /// <summary>Signed days from <paramref name="date"/> to the nearest Tết (negative: Tết is past), or null outside the table.</summary>
    public static int? DaysToNearest(DateOnly date)
    {
        int? best = null;
        foreach (var t in Dates)
        {
            int d = t.DayNumber - date.DayNumber;
            if (best is null || Math.Abs(d) < Math.Abs(best.Value)) best = d;
        }
        return best is int b && Math.Abs(b) <= 366 ? b : null;
    }
}
