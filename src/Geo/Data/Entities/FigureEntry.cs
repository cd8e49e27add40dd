using DiaBan.Analytics.Records;

namespace DiaBan.Geo.Data;

/// <summary>
/// A commune's figures for one reporting period entered on the web (table figure_entry, the DHIS2-like data set form):
/// the values by <c>unit_indicator</c> column name in <see cref="Figures"/> (jsonb), the period as a
/// <c>ReportPeriod</c> code (2026, 2026H1, 2026Q3, 2026-03) and its dates, and the review of
/// <see cref="EntryReview"/>. Only a verified (approved) entry counts: a year's approved entry is copied into
/// <see cref="UnitIndicator"/> (which classification reads); entries below a year stay here and feed completeness.
/// </summary>
public class FigureEntry
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary>ReportPeriod code.</summary>
    public string Period { get; set; } = "";
    /// <summary>The period's calendar year (the status year it belongs to).</summary>
    public int Year { get; set; }
    public DateOnly PeriodStart { get; set; }
    /// <summary>First day after the period.</summary>
    public DateOnly PeriodEnd { get; set; }
    /// <summary>Column name → number, or on_key_route → none / intra / inter, as JSON.</summary>
    public string Figures { get; set; } = "{}";
    public ReviewState State { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public string? SubmittedBy { get; set; }
    /// <summary>When the figures were submitted: the received time judged against the period's deadline.</summary>
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? ApprovedBy { get; set; }
    public DateTimeOffset? ApprovedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public string? ReturnedReason { get; set; }
    /// <summary>PostgreSQL's xmin: two reviewers cannot both decide the same submission.</summary>
    public uint Version { get; set; }
}
