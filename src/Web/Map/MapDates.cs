namespace DiaBan.Web.Map;

/// <summary>The two 2025 breaks a time series must mark (DOMAIN.md §2, §4).</summary>
public static class MapDates
{
    /// <summary>Communes merged and districts abolished: boundaries change on this day (DOMAIN.md §4).</summary>
    public static readonly DateOnly Merger = new(2025, 7, 1);

    /// <summary>Decision 28/2025/QĐ-TTg replaced Decision 3122/2010 as the criteria (effective on signing).</summary>
    public static readonly DateOnly Decision28 = new(2025, 8, 24);

    /// <summary>A year whose map is drawn with the merged communes and the new criteria (the year-end state).</summary>
    public static bool IsAfterBreak(int year) => year >= Merger.Year;
}
