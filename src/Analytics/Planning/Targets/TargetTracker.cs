namespace DiaBan.Analytics.Planning;

public enum TargetVerdict
{
    /// <summary>Đạt: satisfied and can no longer be lost (period over, or a flow already past an at-least level).</summary>
    Met,
    /// <summary>Đúng tiến độ: the linear projection to the period end satisfies the target.</summary>
    OnTrack,
    /// <summary>Có nguy cơ không đạt: the projection falls short.</summary>
    AtRisk,
    /// <summary>Không đạt: not satisfied and can no longer be reached (period over, or a flow already past an at-most level).</summary>
    Missed,
    /// <summary>Chưa đủ dữ liệu: no actual figure, or a percent-change target without a positive baseline.</summary>
    Unknown,
}

/// <summary>One commune's part in an indicator: its previous-year and current value (e.g. 1/0 drug-free, arrests).</summary>
public sealed record CommuneContribution(string UnitCode, double Baseline, double Actual)
{
    public double Delta => Actual - Baseline;
}

/// <summary>What a target is tracked against: all in the indicator's units (percent for a share).</summary>
public sealed record TargetProgressInput
{
    public required PlanTarget Target { get; init; }
    /// <summary>The previous year's actual (needed for percent-change targets and for stock projections).</summary>
    public double? Baseline { get; init; }
    /// <summary>The actual so far in the target's year; null when nothing was reported.</summary>
    public double? Actual { get; init; }
    /// <summary>Fraction of the period elapsed, in [0, 1] (see <see cref="TargetTracker.ElapsedFraction"/>).</summary>
    public required double ElapsedFraction { get; init; }
    public IReadOnlyList<CommuneContribution> Contributions { get; init; } = [];
    /// <summary>How many communes to list on each side.</summary>
    public int DriverCount { get; init; } = 5;
}

/// <param name="Required">The level the projection is compared with: the value (absolute, share) or
/// baseline × (1 + value ÷ 100) (percent change).</param>
/// <param name="Helping">Communes moving the indicator toward the target, largest change first.</param>
/// <param name="Hindering">Communes moving it away, largest change first.</param>
public sealed record TargetProgress(
    PlanTarget Target,
    double? Baseline,
    double? Actual,
    double ElapsedFraction,
    double? Projection,
    double? Required,
    TargetVerdict Verdict,
    string? Reason,
    IReadOnlyList<CommuneContribution> Helping,
    IReadOnlyList<CommuneContribution> Hindering);

/// <summary>Progress of a plan target: linear projection to the period end and a verdict (issue 8 §3, DOMAIN.md §3).</summary>
public static class TargetTracker
{
    // thresholds: over (elapsed ≥ 1) → met/missed by the actual; flow already past an at-least level → met, past an at-most
    // level → missed; otherwise projection at or beyond the required level → on track, short of it → at risk
    private const double Tolerance = 1e-9;

    public static TargetProgress Track(TargetProgressInput input)
    {
        var elapsed = input.ElapsedFraction;
        if (double.IsNaN(elapsed) || elapsed < 0 || elapsed > 1)
            throw new ArgumentOutOfRangeException(nameof(input), elapsed, "Tỷ lệ thời gian đã qua phải trong [0, 1] / elapsed fraction must be in [0, 1].");
        var target = input.Target;
        var (helping, hindering) = Drivers(input);
        TargetProgress Result(double? projection, double? required, TargetVerdict verdict, string? reason) =>
            new(target, input.Baseline, input.Actual, elapsed, projection, required, verdict, reason, helping, hindering);

        var required = Required(target, input.Baseline);
        if (required is null) return Result(null, null, TargetVerdict.Unknown, "Chưa có số liệu năm trước / no positive baseline for a percent change");
        if (input.Actual is not { } actual) return Result(null, required, TargetVerdict.Unknown, "Chưa có số liệu thực hiện / no actual figure");
        if (elapsed == 0) return Result(null, required, TargetVerdict.Unknown, "Kỳ chưa bắt đầu / the period has not started");

        var kind = target.Indicator.Projection(target.Comparison);
        var projection = elapsed >= 1 ? actual : Project(kind, input.Baseline, actual, elapsed);
        var satisfiedNow = Satisfies(target.Direction, actual, required.Value);
        if (elapsed >= 1) return Result(projection, required, satisfiedNow ? TargetVerdict.Met : TargetVerdict.Missed, null);
        if (kind == ProjectionKind.Flow && target.Direction == TargetDirection.AtLeast && satisfiedNow)
            return Result(projection, required, TargetVerdict.Met, "Đã đạt trước hạn / already reached");
        if (kind == ProjectionKind.Flow && target.Direction == TargetDirection.AtMost && !satisfiedNow)
            return Result(projection, required, TargetVerdict.Missed, "Đã vượt mức tối đa / already over the limit");
        return Result(projection, required,
            Satisfies(target.Direction, projection, required.Value) ? TargetVerdict.OnTrack : TargetVerdict.AtRisk, null);
    }

    /// <summary>Share of the period [start, end] (inclusive days) covered by figures up to and including asOf, in [0, 1].</summary>
    public static double ElapsedFraction(DateOnly start, DateOnly end, DateOnly asOf)
    {
        if (end < start) throw new ArgumentException("Kỳ kết thúc trước khi bắt đầu / period ends before it starts.", nameof(end));
        var total = end.DayNumber - start.DayNumber + 1;
        var done = Math.Clamp(asOf.DayNumber - start.DayNumber + 1, 0, total);
        return (double)done / total;
    }

    // the level in the indicator's units: the value itself, or the previous year's actual moved by the percent change
    private static double? Required(PlanTarget target, double? baseline) => target.Comparison switch
    {
        TargetComparison.PercentChange => baseline is > 0 ? baseline.Value * (1 + target.Value / 100) : null,
        _ => target.Value,
    };

    // linear projection: a flow extrapolates from zero, a stock from last year's level (or stays put without one), a rate stays
    private static double Project(ProjectionKind kind, double? baseline, double actual, double elapsed) => kind switch
    {
        ProjectionKind.Flow => actual / elapsed,
        ProjectionKind.Stock => baseline is { } b ? b + (actual - b) / elapsed : actual,
        _ => actual,
    };

    private static bool Satisfies(TargetDirection direction, double value, double required)
    {
        var slack = Tolerance * Math.Max(1, Math.Abs(required));
        return direction == TargetDirection.AtLeast ? value >= required - slack : value <= required + slack;
    }

    private static (IReadOnlyList<CommuneContribution> Helping, IReadOnlyList<CommuneContribution> Hindering) Drivers(TargetProgressInput input)
    {
        var sign = input.Target.Direction == TargetDirection.AtLeast ? 1 : -1;
        var helping = input.Contributions.Where(c => sign * c.Delta > 0)
            .OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.UnitCode, StringComparer.Ordinal).Take(input.DriverCount).ToList();
        var hindering = input.Contributions.Where(c => sign * c.Delta < 0)
            .OrderByDescending(c => Math.Abs(c.Delta)).ThenBy(c => c.UnitCode, StringComparer.Ordinal).Take(input.DriverCount).ToList();
        return (helping, hindering);
    }
}

/// <summary>Codes and Vietnamese words of a verdict (API, targets page and report alike).</summary>
public static class TargetVerdictInfo
{
    public static string Code(this TargetVerdict v) => v switch
    {
        TargetVerdict.Met => "met",
        TargetVerdict.OnTrack => "on_track",
        TargetVerdict.AtRisk => "at_risk",
        TargetVerdict.Missed => "missed",
        _ => "unknown",
    };

    public static string VietnameseLabel(this TargetVerdict v) => v switch
    {
        TargetVerdict.Met => "Đạt",
        TargetVerdict.OnTrack => "Đúng tiến độ",
        TargetVerdict.AtRisk => "Có nguy cơ không đạt",
        TargetVerdict.Missed => "Không đạt",
        _ => "Chưa đủ dữ liệu",
    };
}
