using DiaBan.Analytics.Planning.Completeness;

namespace DiaBan.Demo.Province;

/// <summary>
/// When the demo's communes sent each year's figures: most in the fortnight before the deadline
/// (<see cref="ReportingDeadline"/>), about one full-year row in twelve late by one to six weeks; a period cut short
/// (the old communes' half of 2025, the year in progress) within ten days of its end. Drawn from a hash of code and
/// year, so it adds no draw to the generator's random streams and the province's figures stay as they were.
/// </summary>
public static class DemoReporting
{
    public const int LatePerHundred = 8;
    /// <summary>Full-year rows from 2023 on whose managed-user count was never sent (the commune's drug-user register
    /// was being rebuilt): the figure is stored as missing, and the status comes out "insufficient data" where it matters.</summary>
    public const int UsersMissingPerHundred = 4;

    public static bool UsersMissing(DemoIndicator row) =>
        row.Year >= 2023 && row.PeriodTo == new DateOnly(row.Year + 1, 1, 1)
        && Fnv($"{row.UnitCode}/{row.Year}/{row.PreMergerUnit}/users") % 100 < UsersMissingPerHundred;

    public static DateOnly ReceivedOn(DemoIndicator row)
    {
        var h = Fnv($"{row.UnitCode}/{row.Year}/{row.PreMergerUnit}");
        var deadline = ReportingDeadline.For(row.Year);
        var drawn = h % 100 < LatePerHundred ? deadline.AddDays(7 + (int)(h / 100 % 36)) : deadline.AddDays(-(int)(h / 100 % 14));
        // a period cut short (old communes at the merger, the year in progress) is sent within ten days of its end
        var cutShort = row.PeriodTo < new DateOnly(row.Year + 1, 1, 1);
        return cutShort ? row.PeriodTo.AddDays((int)(h / 100 % 10)) : drawn;
    }

    private static uint Fnv(string text)
    {
        var h = 2166136261u;
        foreach (var c in text) h = (h ^ c) * 16777619u;
        return h;
    }
}
