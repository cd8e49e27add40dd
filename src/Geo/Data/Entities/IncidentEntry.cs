using DiaBan.Analytics.Domain;
using DiaBan.Analytics.Records;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>
/// An incident typed on the web (table incident_entry) and its review (<see cref="EntryReview"/>): a draft of the
/// entering officer until submitted; a province officer verifies it (then it is written into <c>incident</c> as
/// <c>web-{Id}</c>, <see cref="IncidentId"/>) or returns it with a reason. Every change is audited per row, so the audit
/// trail of the row is its review history. Written only by <see cref="Services.IncidentEntryStore"/>.
/// </summary>
public class IncidentEntry
{
    public long Id { get; set; }
    public ReviewState State { get; set; } = ReviewState.Draft;

    public DateOnly OccurredOn { get; set; }
    /// <summary>The time of day when known (local time).</summary>
    public TimeOnly? OccurredAt { get; set; }
    public IncidentKind Kind { get; set; }
    public int Persons { get; set; } = 1;
    public int? Plants { get; set; }
    public double? AreaM2 { get; set; }
    /// <summary>How the incident came to police knowledge (stored as the code the risk model reads, e.g. <c>patrol</c>).</summary>
    public IncidentSource? Source { get; set; }
    /// <summary>The unit that recorded the incident (default: the entering officer's unit or area name).</summary>
    public string RecordedBy { get; set; } = "";
    /// <summary>The point in WGS 84, whatever was typed.</summary>
    public Point Geom { get; set; } = null!;
    /// <summary>The coordinates as typed and their CRS (EPSG), so the form shows them back unchanged.</summary>
    public int InputEpsg { get; set; }
    public double InputX { get; set; }
    public double InputY { get; set; }
    /// <summary>The commune valid on OccurredOn that covers the point (the importer's ST_Covers rule); the area checks use it.</summary>
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;

    public string EnteredBy { get; set; } = "";
    /// <summary>The entering user's area when he saved (<c>AreaScope.ToString()</c>: "communes 80001,80002", "province 80").</summary>
    public string EnteredArea { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    public string? VerifiedBy { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
    public string? ReturnedBy { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    /// <summary>Why the verifier returned it (shown to the entering officer).</summary>
    public string? ReturnReason { get; set; }
    /// <summary>The incident written on verification.</summary>
    public long? IncidentId { get; set; }
    /// <summary>PostgreSQL's xmin: two people cannot act on a state they did not see.</summary>
    public uint Version { get; set; }
}
