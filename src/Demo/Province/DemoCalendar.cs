namespace DiaBan.Demo.Province;

/// <summary>
/// The demo's fixed dates and how 2025 is split. Years up to 2024 are reported on the pre-merger units. For 2025 the
/// pre-merger units get a half-year row (1/1–30/6, their last report before the merger) and the post-merger units a
/// full calendar-year row: recognition for "năm 2025" was made on the new units, and incidents are points, so the
/// new units' January–June figures are counted exactly from the incidents inside their polygons. 2026 is on the
/// post-merger units and ends with the data, on 30/9/2026.
/// </summary>
public static class DemoCalendar
{
    public static DateOnly PreMergerValidFrom { get; } = new(2015, 1, 1);
    public static DateOnly MergerDate { get; } = new(2025, 7, 1);
    public static DateOnly FirstIncidentDay { get; } = new(2019, 1, 1);
    public static DateOnly LastIncidentDay { get; } = new(2026, 9, 30);

    /// <summary>The reporting periods [from, to) of pre-merger (true) and post-merger (false) units.</summary>
    public static IReadOnlyList<(int Year, DateOnly From, DateOnly To, bool PreMerger)> Periods { get; } =
    [
        .. Enumerable.Range(2019, 6).Select(y => (y, new DateOnly(y, 1, 1), new DateOnly(y + 1, 1, 1), true)),
        (2025, new DateOnly(2025, 1, 1), MergerDate, true),
        (2025, new DateOnly(2025, 1, 1), new DateOnly(2026, 1, 1), false),
        (2026, new DateOnly(2026, 1, 1), LastIncidentDay.AddDays(1), false),
    ];
}
