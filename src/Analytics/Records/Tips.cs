namespace DiaBan.Analytics.Records;

// Tips and denunciations (tin báo, tố giác — DOMAIN.md §3: "resolution rate (tỷ lệ giải quyết tố giác, tin báo về tội
// phạm) > 90 %"; §6 table 6: "received and resolved (%)"). A tip is received, checked, and resolved with an outcome.
// Entering and each change go through EntryReview like every web record; only verified tips count.

/// <summary>Where a tip stands.</summary>
public enum TipState
{
    /// <summary>Tiếp nhận.</summary>
    Received,
    /// <summary>Đang xác minh.</summary>
    Checking,
    /// <summary>Đã giải quyết (with an outcome and a date).</summary>
    Resolved,
}

/// <summary>How a resolved tip ended.</summary>
public enum TipOutcome
{
    /// <summary>Có dấu hiệu tội phạm / vi phạm: confirmed.</summary>
    Confirmed,
    /// <summary>Không có căn cứ: unfounded.</summary>
    Unfounded,
    /// <summary>Chuyển cơ quan khác: transferred to another body.</summary>
    Transferred,
}

/// <summary>How a tip reached the police.</summary>
public enum TipChannel { InPerson, Phone, Letter, Online, Transferred }

/// <summary>A verified tip as the rate reads it.</summary>
public readonly record struct ReceivedTip(string CommuneCode, DateOnly ReceivedOn, DateOnly? ResolvedOn);

/// <summary>Tips of one commune (or area) and period: received in the period, and of those resolved by its end.</summary>
public sealed record TipResolution(int Received, int Resolved)
{
    /// <summary>Resolved ÷ received in %, null when nothing was received.</summary>
    public double? RatePercent => Received == 0 ? null : 100.0 * Resolved / Received;

    public static TipResolution operator +(TipResolution a, TipResolution b) => new(a.Received + b.Received, a.Resolved + b.Resolved);

    /// <summary>
    /// The tips received within [<paramref name="start"/>, <paramref name="endExclusive"/>) and, of those, the ones resolved
    /// before the period ends (a tip resolved after the period's end is still pending for that period's report).
    /// </summary>
    public static TipResolution Of(IEnumerable<ReceivedTip> tips, DateOnly start, DateOnly endExclusive)
    {
        int received = 0, resolved = 0;
        foreach (var t in tips)
        {
            if (t.ReceivedOn < start || t.ReceivedOn >= endExclusive) continue;
            received++;
            if (t.ResolvedOn is { } r && r < endExclusive) resolved++;
        }
        return new TipResolution(received, resolved);
    }

    public static TipResolution Of(IEnumerable<ReceivedTip> tips, Domain.ReportPeriod period) => Of(tips, period.Start, period.EndExclusive);

    /// <summary>The resolution per commune (communes with no tip received in the period are left out).</summary>
    public static IReadOnlyDictionary<string, TipResolution> PerCommune(IEnumerable<ReceivedTip> tips, Domain.ReportPeriod period) =>
        tips.GroupBy(t => t.CommuneCode, StringComparer.Ordinal)
            .Select(g => (g.Key, Of(g, period)))
            .Where(x => x.Item2.Received > 0)
            .ToDictionary(x => x.Key, x => x.Item2, StringComparer.Ordinal);
}

public static class TipRules
{
    /// <summary>Whether a tip may go from <paramref name="from"/> to <paramref name="to"/> (received → checking → resolved;
    /// a tip may be resolved straight from received, e.g. transferred at once).</summary>
    public static bool Allowed(TipState from, TipState to) => (from, to) switch
    {
        (TipState.Received, TipState.Checking or TipState.Resolved) => true,
        (TipState.Checking, TipState.Resolved) => true,
        _ => false,
    };

    /// <summary>Null when the fields agree with the state; otherwise the field that is wrong and why.</summary>
    public static (string Field, string Message)? Check(TipState state, TipOutcome? outcome, DateOnly receivedOn, DateOnly? resolvedOn)
    {
        if (state == TipState.Resolved)
        {
            if (outcome is null) return ("outcome", "Tin đã giải quyết phải có kết quả / a resolved tip needs an outcome");
            if (resolvedOn is null) return ("resolvedOn", "Tin đã giải quyết phải có ngày giải quyết / a resolved tip needs the day it was resolved");
            if (resolvedOn < receivedOn) return ("resolvedOn", "Ngày giải quyết trước ngày tiếp nhận / resolved before it was received");
        }
        else if (outcome is not null || resolvedOn is not null)
            return ("state", "Chỉ tin đã giải quyết mới có kết quả và ngày giải quyết / only a resolved tip has an outcome and a resolution day");
        return null;
    }

    public static string Code(this TipState s) => s switch
    {
        TipState.Received => "received", TipState.Checking => "checking", TipState.Resolved => "resolved",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Code(this TipOutcome o) => o switch
    {
        TipOutcome.Confirmed => "confirmed", TipOutcome.Unfounded => "unfounded", TipOutcome.Transferred => "transferred",
        _ => throw new ArgumentOutOfRangeException(nameof(o)),
    };

    public static string Code(this TipChannel c) => c switch
    {
        TipChannel.InPerson => "in_person", TipChannel.Phone => "phone", TipChannel.Letter => "letter",
        TipChannel.Online => "online", TipChannel.Transferred => "transferred",
        _ => throw new ArgumentOutOfRangeException(nameof(c)),
    };

    public static string Label(this TipState s) => s switch
    {
        TipState.Received => "tiếp nhận", TipState.Checking => "đang xác minh", _ => "đã giải quyết",
    };

    public static string Label(this TipOutcome o) => o switch
    {
        TipOutcome.Confirmed => "có căn cứ", TipOutcome.Unfounded => "không có căn cứ", _ => "chuyển cơ quan khác",
    };

    public static string Label(this TipChannel c) => c switch
    {
        TipChannel.InPerson => "trực tiếp", TipChannel.Phone => "điện thoại", TipChannel.Letter => "đơn thư",
        TipChannel.Online => "trực tuyến", _ => "cơ quan khác chuyển đến",
    };

    public static bool TryParse<T>(string? code, Func<T, string> codeOf, out T value) where T : struct, Enum
    {
        foreach (var v in Enum.GetValues<T>())
            if (string.Equals(codeOf(v), code?.Trim(), StringComparison.OrdinalIgnoreCase)) { value = v; return true; }
        value = default;
        return false;
    }
}
