using System.ComponentModel.DataAnnotations;
using DiaBan.Analytics.Places;

namespace DiaBan.Web.Hosting.Options;

/// <summary>
/// Section "Shifts": the patrol shifts of the sheet and when a shift-level forecast is made (issue 10 §5). A shift's
/// forecast is the cell's daily forecast × the share of timed incidents in that shift (of the sheet's cells of the
/// commune when they hold enough timed incidents, else of the commune), smoothed toward the uniform share.
/// </summary>
public sealed class ShiftOptions : IValidatableObject
{
    public const string Section = "Shifts";

    /// <summary>
    /// The shifts as "HH-HH" codes, local time, end exclusive, together covering each hour once (null = 06-14, 14-22,
    /// 22-06). A list, not defaults in a list: configuration binding would append to a pre-filled list.
    /// </summary>
    public string[]? Shifts { get; set; }

    /// <summary>
    /// Fewer timed incidents than this (in the cell set and in the commune) and the sheet stays daily, saying why. At 20 a
    /// share near 1/3 is known to about ±10 points (√(p(1−p)/N)) before the prior's pull.
    /// </summary>
    [Range(1, 100_000)]
    public int MinTimedIncidents { get; set; } = 20;

    /// <summary>Pseudo-incidents of the uniform prior (m in (n + m·hours/24) / (N + m)); 24 = one per hour of the day.</summary>
    [Range(0.0, 10_000.0)]
    public double PriorStrength { get; set; } = 24;

    /// <summary>Days of history before the sheet's first day read for the shift shares and the heat tables (two years: hours of use and dealing change slowly, and a commune logs a few dozen timed incidents a year).</summary>
    [Range(7, 3660)]
    public int HistoryDays { get; set; } = 730;

    /// <summary>The shifts in force (configured or the defaults; a code that is not a shift is refused at start-up by <see cref="Validate"/>).</summary>
    public IReadOnlyList<Shift> Effective => Shifts is { Length: > 0 } codes
        ? codes.Select(Shift.TryParse).OfType<Shift>().ToList()
        : Shift.Defaults;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Shifts is { Length: > 0 } codes)
        {
            var bad = codes.Where(c => Shift.TryParse(c) is null).ToList();
            if (bad.Count > 0)
            {
                yield return new ValidationResult($"'{string.Join("', '", bad)}' is not a shift HH-HH (e.g. 22-06)", [nameof(Shifts)]);
                yield break;
            }
        }
        if (Shift.CheckCover(Effective) is { } problem) yield return new ValidationResult(problem, [nameof(Shifts)]);
    }
}
