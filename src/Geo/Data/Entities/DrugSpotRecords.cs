using DiaBan.Analytics.Records;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>
/// A drug spot (table drug_spot; điểm / tụ điểm, DOMAIN.md §6 table 2): where it is and what kind, with the commune that
/// covered the point on the day it was detected. No personal names: the description says what the place is, not who.
/// Its history is the steps; only verified steps count (<see cref="EntryReview"/>).
/// </summary>
public class DrugSpot
{
    public long Id { get; set; }
    /// <summary>Unique code (the entering page generates one, an import gives its own).</summary>
    public string Code { get; set; } = "";
    public SpotKind Kind { get; set; }
    public Point Geom { get; set; } = null!;
    /// <summary>The commune valid on the detection day that covers the point (set when the spot is recorded).</summary>
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    public string? Description { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<DrugSpotStep> Steps { get; set; } = [];
}

/// <summary>
/// One step of a spot's lifecycle (table drug_spot_step). Never deleted; its content may change only while it is a draft
/// or returned, and a verified step is final (trigger drug_spot_step_guard).
/// </summary>
public class DrugSpotStep : IReviewedRecord
{
    public long Id { get; set; }
    public long SpotId { get; set; }
    /// <summary>1, 2, … within the spot.</summary>
    public int Seq { get; set; }
    public SpotState State { get; set; }
    public DateOnly OccurredOn { get; set; }
    /// <summary>The police unit that recorded it (đơn vị ghi nhận), e.g. "Công an xã Tân Lập".</summary>
    public string RecordingUnit { get; set; } = "";
    public string? Note { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public ReviewState Review { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>Why a reviewer returned it (shown to the officer who entered it).</summary>
    public string? ReturnedReason { get; set; }
}

/// <summary>
/// A tip or denunciation (table tip; tin báo, tố giác). The entered fields go through review as one record; the
/// <c>Verified…</c> columns keep what the last verification accepted, so a tip being moved on (checking → resolved) still
/// counts as received, with its last verified state, while the change is reviewed.
/// </summary>
public class TipRecord : IReviewedRecord
{
    public long Id { get; set; }
    public DateOnly ReceivedOn { get; set; }
    public TipChannel Channel { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary>What it is about, without personal names.</summary>
    public string Summary { get; set; } = "";
    public TipState State { get; set; }
    public TipOutcome? Outcome { get; set; }
    public DateOnly? ResolvedOn { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public ReviewState Review { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReturnedReason { get; set; }
    /// <summary>The state last verified; null = never verified (the tip does not count yet).</summary>
    public TipState? VerifiedState { get; set; }
    public TipOutcome? VerifiedOutcome { get; set; }
    public DateOnly? VerifiedResolvedOn { get; set; }
}

/// <summary>An entered record that goes through <see cref="EntryReview"/> as one row: a spot's step, a tip.</summary>
public interface IReviewedRecord
{
    ReviewState Review { get; set; }
    string? ReviewedBy { get; set; }
    DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>Why a reviewer returned it (shown to the officer who entered it).</summary>
    string? ReturnedReason { get; set; }
}
