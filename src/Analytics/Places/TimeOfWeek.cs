using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Risk;

namespace DiaBan.Analytics.Places;

/// <summary>
/// Incidents counted by day of week × hour of day (7 × 24, Monday first), in Vietnamese local time
/// (<see cref="VietnamTime"/>), with the incidents that carry no time counted apart: the time of day is optional in
/// imports and entry forms, so <see cref="Untimed"/> says how much of the picture is missing.
/// </summary>
public sealed class TimeOfWeekTable
{
    public const int Days = 7, Hours = 24;

    private readonly int[] counts = new int[Days * Hours];

    /// <summary>Incidents with a time of day (they are in the cells).</summary>
    public int Timed { get; private set; }

    /// <summary>Incidents with a date only.</summary>
    public int Untimed { get; private set; }

    public int Total => Timed + Untimed;

    /// <summary>Share of the incidents that carry a time (0 when there are none).</summary>
    public double TimedShare => Total == 0 ? 0 : Timed / (double)Total;

    /// <summary>Row of a weekday: Monday 0 … Sunday 6.</summary>
    public static int DayIndex(DayOfWeek day) => ((int)day + 6) % 7;

    /// <summary>The weekday of a row (0 = Monday).</summary>
    public static DayOfWeek DayAt(int index) => (DayOfWeek)((index + 1) % 7);

    /// <summary>Timed incidents on row <paramref name="day"/> (0 = Monday) at hour <paramref name="hour"/> (0–23).</summary>
    public int this[int day, int hour] => counts[Index(day, hour)];

    public int Count(DayOfWeek day, int hour) => this[DayIndex(day), hour];

    /// <summary>An incident of a local date and (optional) local time of day.</summary>
    public TimeOfWeekTable Add(DateOnly date, TimeOnly? time, int count = 1)
    {
        if (time is { } t) return AddTimed(DayIndex(date.DayOfWeek), t.Hour, count);
        return AddUntimed(count);
    }

    /// <summary>An incident known as an instant (a timestamp with zone): counted at its Vietnamese wall-clock time.</summary>
    public TimeOfWeekTable Add(DateTimeOffset instant)
    {
        var (date, time) = VietnamTime.LocalParts(instant);
        return Add(date, time);
    }

    /// <summary>Adds <paramref name="count"/> timed incidents to a cell (counts aggregated elsewhere, e.g. in SQL).</summary>
    public TimeOfWeekTable AddTimed(int day, int hour, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        counts[Index(day, hour)] += count;
        Timed += count;
        return this;
    }

    public TimeOfWeekTable AddUntimed(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Untimed += count;
        return this;
    }

    /// <summary>Adds another table's counts (e.g. the cells of a set).</summary>
    public TimeOfWeekTable Add(TimeOfWeekTable other)
    {
        for (int k = 0; k < counts.Length; k++) counts[k] += other.counts[k];
        Timed += other.Timed;
        Untimed += other.Untimed;
        return this;
    }

    /// <summary>Share of the timed incidents in a cell (0 when none is timed).</summary>
    public double Share(int day, int hour) => Timed == 0 ? 0 : this[day, hour] / (double)Timed;

    public int DayTotal(int day) => Enumerable.Range(0, Hours).Sum(h => this[day, h]);

    public int HourTotal(int hour) => Enumerable.Range(0, Days).Sum(d => this[d, hour]);

    /// <summary>The largest cell (for shading).</summary>
    public int Max => counts.Max();

    /// <summary>The counts as 7 rows (Monday first) of 24 hours.</summary>
    public int[][] Rows() => Enumerable.Range(0, Days).Select(d => Enumerable.Range(0, Hours).Select(h => this[d, h]).ToArray()).ToArray();

    public static TimeOfWeekTable Sum(IEnumerable<TimeOfWeekTable> tables)
    {
        var sum = new TimeOfWeekTable();
        foreach (var t in tables) sum.Add(t);
        return sum;
    }

    private static int Index(int day, int hour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(day);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(day, Days);
        ArgumentOutOfRangeException.ThrowIfNegative(hour);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(hour, Hours);
        return day * Hours + hour;
    }
}

/// <summary>
/// A patrol shift of whole hours, local time: [<see cref="StartHour"/>, <see cref="EndHour"/>); an end at or before the
/// start crosses midnight (22–06 is 22:00 to 06:00 the next morning).
/// </summary>
public sealed record Shift
{
    public Shift(int startHour, int endHour)
    {
        if (startHour is < 0 or > 23) throw new ArgumentOutOfRangeException(nameof(startHour), startHour, "a shift starts at hour 0–23 / giờ bắt đầu ca 0–23");
        if (endHour is < 0 or > 24) throw new ArgumentOutOfRangeException(nameof(endHour), endHour, "a shift ends at hour 0–24 / giờ kết thúc ca 0–24");
        StartHour = startHour;
        EndHour = endHour % 24;
    }

    public int StartHour { get; }

    /// <summary>Hour the shift ends (exclusive), 0–23.</summary>
    public int EndHour { get; }

    /// <summary>Length in hours (1–24; equal start and end is a whole day).</summary>
    public int Hours => EndHour > StartHour ? EndHour - StartHour : EndHour + 24 - StartHour;

    public bool CrossesMidnight => EndHour <= StartHour && EndHour != 0;

    public bool Contains(int hour) => (hour - StartHour + 24) % 24 < Hours;

    public bool Contains(TimeOnly time) => Contains(time.Hour);

    /// <summary>The code in URLs and forms: "22-06".</summary>
    public string Code => $"{StartHour:00}-{EndHour:00}";

    /// <summary>The label on pages: "22:00–06:00".</summary>
    public string Label => $"{StartHour:00}:00–{EndHour:00}:00";

    /// <summary>Reads a code "HH-HH" (as <see cref="Code"/> writes it); null when it is not one.</summary>
    public static Shift? TryParse(string? code)
    {
        if (code is not { Length: 5 } || code[2] != '-'
            || !int.TryParse(code.AsSpan(0, 2), System.Globalization.NumberStyles.None, null, out var start)
            || !int.TryParse(code.AsSpan(3, 2), System.Globalization.NumberStyles.None, null, out var end)
            || start > 23 || end > 24)
            return null;
        return new Shift(start, end);
    }

    /// <summary>The default three eight-hour shifts of a commune police post: 06–14, 14–22, 22–06.</summary>
    public static IReadOnlyList<Shift> Defaults { get; } = [new(6, 14), new(14, 22), new(22, 6)];

    /// <summary>Null when the shifts cover every hour of the day exactly once, else why not.</summary>
    public static string? CheckCover(IReadOnlyList<Shift> shifts)
    {
        if (shifts.Count == 0) return "no shift / chưa có ca nào";
        for (int h = 0; h < 24; h++)
        {
            int n = shifts.Count(s => s.Contains(h));
            if (n != 1) return $"hour {h:00}:00 is in {n} shifts; shifts must cover each hour once / giờ {h:00}:00 thuộc {n} ca, mỗi giờ phải thuộc đúng một ca";
        }
        return null;
    }
}

/// <summary>Where a shift share was read: the sheet's cells of the commune, the whole commune, or nowhere (the forecast stays daily).</summary>
public enum ShiftBasis { Daily, Commune, CellSet }

/// <summary>A shift's share of the timed incidents: <see cref="Timed"/> of <see cref="Of"/> fell in it; <see cref="Share"/> is smoothed.</summary>
public sealed record ShiftShare(Shift Shift, int Timed, int Of, double RawShare, double Share);

/// <summary>
/// The share of timed incidents per shift, smoothed toward the uniform share (hours ÷ 24) when few incidents carry a time,
/// and the shift-level forecast built from it: a cell's daily forecast × its shift share.
/// </summary>
public static class ShiftShares
{
    /// <summary>
    /// Per shift, in the order given. Prior: a Dirichlet with <paramref name="priorStrength"/> pseudo-incidents spread
    /// evenly over the 24 hours, i.e. share = (n_shift + m·hours/24) / (N + m).
    /// </summary>
    public static IReadOnlyList<ShiftShare> Of(TimeOfWeekTable table, IReadOnlyList<Shift> shifts, double priorStrength)
    {
        if (!(priorStrength >= 0) || double.IsInfinity(priorStrength)) throw new ArgumentOutOfRangeException(nameof(priorStrength), priorStrength, "prior strength ≥ 0");
        int total = table.Timed;
        return shifts.Select(s =>
        {
            int n = Enumerable.Range(0, TimeOfWeekTable.Hours).Where(s.Contains).Sum(table.HourTotal);
            double uniform = s.Hours / 24.0;
            double raw = total == 0 ? uniform : n / (double)total;
            double smoothed = total + priorStrength == 0 ? uniform : (n + priorStrength * uniform) / (total + priorStrength);
            return new ShiftShare(s, n, total, raw, smoothed);
        }).ToList();
    }

    /// <summary>
    /// The basis of a commune's shift forecast: its sheet cells when they hold at least <paramref name="minTimed"/> timed
    /// incidents, else the commune when it does, else none (the forecast stays daily).
    /// </summary>
    public static ShiftBasis Choose(int cellSetTimed, int communeTimed, int minTimed) =>
        cellSetTimed >= minTimed ? ShiftBasis.CellSet : communeTimed >= minTimed ? ShiftBasis.Commune : ShiftBasis.Daily;

    /// <summary>A daily cell forecast turned into the shift's: score and interval × the share.</summary>
    public static CellForecast Scale(CellForecast daily, double share) =>
        daily with { Score = daily.Score * share, Low = daily.Low * share, High = daily.High * share };
}
