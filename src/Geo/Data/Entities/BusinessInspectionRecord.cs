using DiaBan.Analytics.Records;

namespace DiaBan.Geo.Data;

/// <summary>
/// An inspection of a conditional business entered on the web (table business_inspection), reviewed through
/// <see cref="EntryReview"/>: only a verified one is the business's "last inspection" on the map. Written by
/// <see cref="Services.InspectionStore"/>, audited per row.
/// </summary>
public class BusinessInspectionRecord
{
    public long Id { get; set; }
    public int BusinessId { get; set; }
    public ConditionalBusiness Business { get; set; } = null!;
    public DateOnly InspectedOn { get; set; }
    public InspectionKind Kind { get; set; }
    public string Findings { get; set; } = "";
    /// <summary><see cref="BusinessViolation"/> codes (snake_case), sorted; empty = no violation found.</summary>
    public List<string> Violations { get; set; } = [];
    /// <summary>Who inspected ("Công an xã …", "Đoàn kiểm tra liên ngành huyện …").</summary>
    public string InspectingUnit { get; set; } = "";
    public ReviewState State { get; set; } = ReviewState.Draft;
    /// <summary>Why a verifier returned it (shown to the officer who entered it); null unless returned.</summary>
    public string? ReturnedReason { get; set; }
    public string EnteredBy { get; set; } = "";
    public DateTimeOffset EnteredAt { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>PostgreSQL's xmin: two people cannot act on the same state unknowingly.</summary>
    public uint Version { get; set; }
}
