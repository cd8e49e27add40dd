using DiaBan.Analytics.Classification;

namespace DiaBan.Analytics.Planning;

/// <summary>How two statuses of one unit compare, by <see cref="CommuneStatusInfo.Severity"/>.</summary>
public enum StatusChange
{
    Unchanged,
    Improved,
    Worsened,
    /// <summary>One side has no assessment or insufficient data: neither better nor worse.</summary>
    NotComparable,
}

/// <summary>
/// The severity order as planning uses it. A status outside the order (no assessment, or insufficient data) is
/// compared with nothing, so it never counts as improved or worsened and keeps its own matrix row and column.
/// </summary>
public static class StatusRank
{
    /// <summary>The code of <see cref="CommuneStatus.InsufficientData"/> (*chưa đủ dữ liệu*): unranked.</summary>
    public const string InsufficientDataCode = "insufficient_data";

    /// <summary>The matrix code of "no assessment for that year" (a null status).</summary>
    public const string NotAssessedCode = "not_assessed";

    public static bool IsRanked(this CommuneStatus? status) => status is { } s && s.IsRanked();

    /// <summary>Stable code for a matrix axis: the status code, or <see cref="NotAssessedCode"/> for null.</summary>
    public static string AxisCode(this CommuneStatus? status) => status?.Code() ?? NotAssessedCode;

    /// <summary>Rows and columns of a transition matrix: every status in display order, then "not assessed".</summary>
    public static IReadOnlyList<CommuneStatus?> Axis { get; } =
        [.. CommuneStatusInfo.All.Select(s => (CommuneStatus?)s), null];

    public static StatusChange Compare(CommuneStatus? from, CommuneStatus? to)
    {
        if (!from.IsRanked() || !to.IsRanked()) return StatusChange.NotComparable;
        var delta = to!.Value.Severity() - from!.Value.Severity();
        return delta < 0 ? StatusChange.Improved : delta > 0 ? StatusChange.Worsened : StatusChange.Unchanged;
    }

    /// <summary>Orders ranked statuses worst first; equal severity falls back to display order (stable, deterministic).</summary>
    public static int WorseFirst(CommuneStatus a, CommuneStatus b)
    {
        var bySeverity = b.Severity().CompareTo(a.Severity());
        return bySeverity != 0 ? bySeverity : IndexOf(a).CompareTo(IndexOf(b));
    }

    /// <summary>The highest severity any ranked status has (a worst-of that reaches it cannot be changed by unknowns).</summary>
    public static int MaxSeverity { get; } = CommuneStatusInfo.All.Where(s => ((CommuneStatus?)s).IsRanked()).Max(s => s.Severity());

    private static int IndexOf(CommuneStatus s)
    {
        for (var i = 0; i < CommuneStatusInfo.All.Count; i++)
        {
            if (CommuneStatusInfo.All[i] == s) return i;
        }
        return int.MaxValue;
    }
}
