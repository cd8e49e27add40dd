using System.Globalization;
using System.Text.RegularExpressions;

namespace DiaBan.Geo.Queries;

/// <summary>A calendar quarter, written YYYYQn (2024Q1 = January–March 2024).</summary>
public readonly partial record struct CalendarQuarter(int Year, int Number) : IComparable<CalendarQuarter>
{
    /// <summary>First day of the quarter.</summary>
    public DateOnly Start => new(Year, 3 * Number - 2, 1);

    /// <summary>First day after the quarter (exclusive end).</summary>
    public DateOnly Next => Start.AddMonths(3);

    /// <summary>Last day of the quarter.</summary>
    public DateOnly End => Next.AddDays(-1);

    /// <summary>Quarters since 0000Q1, so a span's length is a subtraction.</summary>
    public int Ordinal => Year * 4 + Number - 1;

    public static CalendarQuarter FromOrdinal(int ordinal) => new(ordinal / 4, ordinal % 4 + 1);

    public static CalendarQuarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public CalendarQuarter Plus(int quarters) => FromOrdinal(Ordinal + quarters);

    /// <summary>Quarters from <paramref name="first"/> to <paramref name="last"/> inclusive.</summary>
    public static IReadOnlyList<CalendarQuarter> Span(CalendarQuarter first, CalendarQuarter last) =>
        Enumerable.Range(first.Ordinal, Math.Max(0, last.Ordinal - first.Ordinal + 1)).Select(FromOrdinal).ToArray();

    public static bool TryParse(string? text, out CalendarQuarter quarter)
    {
        quarter = default;
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is null || !m.Success) return false;
        quarter = new CalendarQuarter(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m.Groups[2].Value[0] - '0');
        return true;
    }

    public int CompareTo(CalendarQuarter other) => Ordinal.CompareTo(other.Ordinal);

    public override string ToString() => FormattableString.Invariant($"{Year}Q{Number}");

    [GeneratedRegex(@"^(\d{4})[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
