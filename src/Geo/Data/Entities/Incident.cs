using DiaBan.Analytics.Domain;
using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>A geocoded drug incident (no personal data: counts only).</summary>
public class Incident
{
    public long Id { get; set; }
    /// <summary>The source system's id; unique so a re-import cannot double count.</summary>
    public string ExternalId { get; set; } = "";
    public DateOnly OccurredOn { get; set; }
    public IncidentKind Kind { get; set; }
    public int Persons { get; set; } = 1;
    public int? Plants { get; set; }
    public double? AreaM2 { get; set; }
    public string? Source { get; set; }
    public Point Geom { get; set; } = null!;
    /// <summary>The commune valid on OccurredOn that covers the point (assigned on import).</summary>
    public int? UnitId { get; set; }
    public AdminUnit? Unit { get; set; }
    public string? ImportBatch { get; set; }
    /// <summary>
    /// The unit that recorded it ("Công an xã …", "Phòng PC04 Công an tỉnh …"): commune police must know arrests made
    /// in their area by higher-level units (issue 9). Null when the source did not say.
    /// </summary>
    public string? RecordedBy { get; set; }
    /// <summary>Time of day it happened, when known (local time, no date: the date is <see cref="OccurredOn"/>).</summary>
    public TimeOnly? OccurredAt { get; set; }
}
