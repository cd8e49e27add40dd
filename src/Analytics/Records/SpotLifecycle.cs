namespace DiaBan.Analytics.Records;

// A drug spot (điểm, tụ điểm — DOMAIN.md §6 table 2: "at the start of the period, newly found, eliminated (triệt xóa),
// remaining") is a place, not an incident: it is found once, watched, eliminated, and may re-emerge. Each step is entered
// and reviewed like every web record (EntryReview); only verified steps count.

/// <summary>A point (điểm) or a gathering place (tụ điểm) of illegal drug use or dealing.</summary>
public enum SpotKind
{
    /// <summary>Điểm: one place (a house, a room) where drugs are used, kept or sold.</summary>
    Point,
    /// <summary>Tụ điểm: a place where users gather (the 3122/2010 "tụ điểm tệ nạn ma túy").</summary>
    Hotspot,
}

/// <summary>Where a spot stands after a step.</summary>
public enum SpotState
{
    /// <summary>Phát hiện: found (the first step of every spot).</summary>
    Detected,
    /// <summary>Đang theo dõi: under watch, still active.</summary>
    UnderWatch,
    /// <summary>Đã triệt xóa: eliminated, no longer active.</summary>
    Eliminated,
    /// <summary>Tái hoạt động: active again after elimination.</summary>
    ReEmerged,
}

/// <summary>One verified step of a spot's history: the state it led to and the day it happened.</summary>
public readonly record struct SpotStep(SpotState State, DateOnly On);

/// <summary>A spot and its verified steps (any order), as the counts read it.</summary>
public sealed record SpotHistory(string Code, SpotKind Kind, IReadOnlyList<SpotStep> Steps);

public static class SpotLifecycle
{
    /// <summary>Whether a step to <paramref name="to"/> may follow <paramref name="from"/> (null: the spot has no step yet).</summary>
    public static bool Allowed(SpotState? from, SpotState to) => (from, to) switch
    {
        (null, SpotState.Detected) => true,
        (SpotState.Detected or SpotState.ReEmerged, SpotState.UnderWatch or SpotState.Eliminated) => true,
        (SpotState.UnderWatch, SpotState.Eliminated) => true,
        (SpotState.Eliminated, SpotState.ReEmerged) => true,
        _ => false,
    };

    /// <summary>The states a next step may lead to.</summary>
    public static IReadOnlyList<SpotState> NextStates(SpotState? from) =>
        Enum.GetValues<SpotState>().Where(s => Allowed(from, s)).ToArray();

    /// <summary>Whether a spot in this state is active (counted as existing, "còn hoạt động").</summary>
    public static bool IsActive(this SpotState state) => state != SpotState.Eliminated;

    /// <summary>
    /// Null when <paramref name="steps"/> (in the order they were taken) form a valid history: starts with detection, each
    /// step allowed after the one before, dates never going back. Otherwise a message naming the first bad step.
    /// </summary>
    public static string? Check(IReadOnlyList<SpotStep> steps)
    {
        SpotState? state = null;
        DateOnly? last = null;
        for (int i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (!Allowed(state, s.State))
                return $"bước {i + 1}: không thể chuyển từ {Label(state)} sang {Label(s.State)} / step {i + 1}: {state?.ToString() ?? "nothing"} → {s.State} is not allowed";
            if (last is { } d && s.On < d)
                return $"bước {i + 1}: ngày {s.On:dd/MM/yyyy} trước bước trước ({d:dd/MM/yyyy}) / step {i + 1} is dated before the previous step";
            state = s.State;
            last = s.On;
        }
        return null;
    }

    /// <summary>The state of a spot at the end of <paramref name="day"/>; null when not yet detected then.</summary>
    public static SpotState? StateOn(IEnumerable<SpotStep> steps, DateOnly day)
    {
        SpotState? state = null;
        foreach (var s in Ordered(steps))
        {
            if (s.On > day) break;
            state = s.State;
        }
        return state;
    }

    /// <summary>
    /// The spans [From, To) over which the spot was active (To null: still active after its last step): each opens on a
    /// detection or re-emergence and closes on the elimination after it, so a day lies in a span exactly when
    /// <see cref="StateOn"/> is active on it (a spot detected and eliminated on one day has an empty span).
    /// </summary>
    public static IReadOnlyList<(DateOnly From, DateOnly? To)> ActiveSpans(IEnumerable<SpotStep> steps)
    {
        var spans = new List<(DateOnly, DateOnly?)>();
        DateOnly? open = null;
        foreach (var s in Ordered(steps))
        {
            if (s.State.IsActive()) open ??= s.On;
            else if (open is { } from)
            {
                if (from < s.On) spans.Add((from, s.On));
                open = null;
            }
        }
        if (open is { } still) spans.Add((still, null));
        return spans;
    }

    /// <summary>Steps in the order they were taken: by date, and on one date by the lifecycle's order (a step's date ties
    /// are resolved so the sequence stays allowed, e.g. detected then eliminated on the same day).</summary>
    public static IEnumerable<SpotStep> Ordered(IEnumerable<SpotStep> steps) => steps.Select((s, i) => (s, i))
        .OrderBy(x => x.s.On).ThenBy(x => x.i).Select(x => x.s);

    /// <summary>"phát hiện", "đang theo dõi", "đã triệt xóa", "tái hoạt động" (null: "chưa có").</summary>
    public static string Label(SpotState? state) => state switch
    {
        SpotState.Detected => "phát hiện",
        SpotState.UnderWatch => "đang theo dõi",
        SpotState.Eliminated => "đã triệt xóa",
        SpotState.ReEmerged => "tái hoạt động",
        _ => "chưa có",
    };

    /// <summary>"detected", "under_watch", "eliminated", "re_emerged": the stored and URL form.</summary>
    public static string Code(this SpotState state) => state switch
    {
        SpotState.Detected => "detected",
        SpotState.UnderWatch => "under_watch",
        SpotState.Eliminated => "eliminated",
        SpotState.ReEmerged => "re_emerged",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static bool TryParseState(string? code, out SpotState state)
    {
        foreach (var s in Enum.GetValues<SpotState>())
            if (string.Equals(s.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { state = s; return true; }
        state = default;
        return false;
    }

    public static string Code(this SpotKind kind) => kind == SpotKind.Point ? "point" : "hotspot";

    public static string Label(this SpotKind kind) => kind == SpotKind.Point ? "điểm" : "tụ điểm";

    public static bool TryParseKind(string? code, out SpotKind kind)
    {
        switch (code?.Trim().ToLowerInvariant())
        {
            case "point" or "điểm" or "diem": kind = SpotKind.Point; return true;
            case "hotspot" or "tụ điểm" or "tu diem" or "tu_diem": kind = SpotKind.Hotspot; return true;
            default: kind = default; return false;
        }
    }
}

/// <summary>
/// Spots over a period (DOMAIN.md §6, table 2): active at the start, newly detected, eliminated, re-emerged, and active at
/// the end. Eliminations and re-emergences are counted as steps (a spot eliminated, re-emerging and eliminated again in
/// one period counts two eliminations), so <c>AtStart + New + ReEmerged − Eliminated = Remaining</c> always holds.
/// </summary>
public sealed record SpotCounts(int AtStart, int New, int Eliminated, int ReEmerged, int Remaining)
{
    public static readonly SpotCounts Zero = new(0, 0, 0, 0, 0);

    /// <summary>New and re-emerged: places found active during the period (criterion b's "detected in period").</summary>
    public int Found => New + ReEmerged;

    /// <summary>Eliminated as a share of the spots open at the start (the plan's "eliminate 5–10 % per year"), in %;
    /// null when none was open.</summary>
    public double? EliminatedPercentOfStart => AtStart == 0 ? null : 100.0 * Eliminated / AtStart;

    public static SpotCounts operator +(SpotCounts a, SpotCounts b) =>
        new(a.AtStart + b.AtStart, a.New + b.New, a.Eliminated + b.Eliminated, a.ReEmerged + b.ReEmerged, a.Remaining + b.Remaining);

    /// <summary>The counts of one spot's verified steps over [<paramref name="start"/>, <paramref name="endExclusive"/>).</summary>
    public static SpotCounts Of(IReadOnlyList<SpotStep> steps, DateOnly start, DateOnly endExclusive)
    {
        var ordered = SpotLifecycle.Ordered(steps).ToList();
        var before = SpotLifecycle.StateOn(ordered, start.AddDays(-1));
        var after = SpotLifecycle.StateOn(ordered, endExclusive.AddDays(-1));
        var inside = ordered.Where(s => s.On >= start && s.On < endExclusive).ToList();
        return new SpotCounts(
            before is { } b && b.IsActive() ? 1 : 0,
            inside.Count(s => s.State == SpotState.Detected),
            inside.Count(s => s.State == SpotState.Eliminated),
            inside.Count(s => s.State == SpotState.ReEmerged),
            after is { } a && a.IsActive() ? 1 : 0);
    }

    /// <summary>The counts of many spots over a reporting period.</summary>
    public static SpotCounts For(IEnumerable<SpotHistory> spots, Domain.ReportPeriod period) =>
        For(spots, period.Start, period.EndExclusive);

    public static SpotCounts For(IEnumerable<SpotHistory> spots, DateOnly start, DateOnly endExclusive) =>
        spots.Aggregate(Zero, (acc, s) => acc + Of(s.Steps, start, endExclusive));
}
