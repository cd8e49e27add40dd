using System.Globalization;
using System.Text.RegularExpressions;

namespace DiaBan.Analytics.Domain;

/// <summary>
/// A calendar quarter (2024Q1 = January–March 2024), written "2024Q1" or "2024-Q1" (either case). Its
/// <see cref="Ordinal"/> (year * 4 + quarter - 1) is the integer the risk panel and the database store.
/// </summary>
public readonly partial record struct CalendarQuarter : IComparable<CalendarQuarter>
{
    /// <summary>Years outside this range are typing mistakes, not data (Vietnam's records start in the 1990s).</summary>
    public const int MinYear = 1990, MaxYear = 2100;

    public CalendarQuarter(int year, int number)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"năm {year} ngoài khoảng {MinYear}–{MaxYear} / year outside {MinYear}–{MaxYear}");
        if (number is < 1 or > 4)
            throw new ArgumentOutOfRangeException(nameof(number), number, "quý phải là 1–4 / quarter must be 1–4");
        Year = year;
        Number = number;
    }

    public int Year { get; }

    /// <summary>1–4.</summary>
    public int Number { get; }

    /// <summary>Quarters since 0000Q1, so a span's length is a subtraction.</summary>
    public int Ordinal => Year * 4 + Number - 1;

    /// <summary>First day of the quarter.</summary>
    public DateOnly Start => new(Year, 3 * Number - 2, 1);

    /// <summary>First day after the quarter (the exclusive end of its date range).</summary>
    public DateOnly EndExclusive => Start.AddMonths(3);

    /// <summary>Last day of the quarter.</summary>
    public DateOnly End => EndExclusive.AddDays(-1);

    /// <summary>"2024-Q1", the form shown in reports and model windows (<see cref="ToString"/> gives "2024Q1").</summary>
    public string Label => FormattableString.Invariant($"{Year}-Q{Number}");

    public static CalendarQuarter FromOrdinal(int ordinal) => new(ordinal / 4, ordinal % 4 + 1);

    public static CalendarQuarter Of(DateOnly day) => new(day.Year, (day.Month - 1) / 3 + 1);

    public CalendarQuarter Plus(int quarters) => FromOrdinal(Ordinal + quarters);

    public CalendarQuarter Next() => Plus(1);

    public CalendarQuarter Previous() => Plus(-1);

    /// <summary>Quarters from <paramref name="first"/> to <paramref name="last"/> inclusive (empty when last is before first).</summary>
    public static IReadOnlyList<CalendarQuarter> Range(CalendarQuarter first, CalendarQuarter last) =>
        Enumerable.Range(first.Ordinal, Math.Max(0, last.Ordinal - first.Ordinal + 1)).Select(FromOrdinal).ToArray();

    public static CalendarQuarter operator +(CalendarQuarter q, int quarters) => q.Plus(quarters);

    public static CalendarQuarter operator -(CalendarQuarter q, int quarters) => q.Plus(-quarters);

    /// <summary>Quarters from <paramref name="b"/> to <paramref name="a"/> (2025Q1 - 2024Q3 = 2).</summary>
    public static int operator -(CalendarQuarter a, CalendarQuarter b) => a.Ordinal - b.Ordinal;

    public static bool operator <(CalendarQuarter a, CalendarQuarter b) => a.Ordinal < b.Ordinal;

    public static bool operator >(CalendarQuarter a, CalendarQuarter b) => a.Ordinal > b.Ordinal;

    public static bool operator <=(CalendarQuarter a, CalendarQuarter b) => a.Ordinal <= b.Ordinal;

    public static bool operator >=(CalendarQuarter a, CalendarQuarter b) => a.Ordinal >= b.Ordinal;

    /// <summary>Parses "2026Q4", "2026-Q4" or "2026-q4"; the message says which part is wrong.</summary>
    public static CalendarQuarter Parse(string? text)
    {
        var m = text is null ? null : Pattern().Match(text.Trim());
        if (m is null || !m.Success)
            throw new FormatException($"'{text}' không phải là quý dạng 2026Q4 hoặc 2026-Q4 / is not a quarter like 2026Q4 or 2026-Q4");
        int year = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
            throw new FormatException($"'{text}': năm {year} ngoài khoảng {MinYear}–{MaxYear} / year outside {MinYear}–{MaxYear}");
        return new CalendarQuarter(year, m.Groups[2].Value[0] - '0');
    }

    public static bool TryParse(string? text, out CalendarQuarter quarter)
    {
        try
        {
            quarter = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            quarter = default;
            return false;
        }
    }

    public int CompareTo(CalendarQuarter other) => Ordinal.CompareTo(other.Ordinal);

    public override string ToString() => FormattableString.Invariant($"{Year}Q{Number}");

    [GeneratedRegex(@"^(\d{4})-?[Qq]([1-4])$")]
    private static partial Regex Pattern();
}
