namespace DiaBan.Geo.Data;

/// <summary>Patrol effort spent in a commune in a quarter; the risk model reads it to discount what patrols found.</summary>
public class PatrolExposure
{
    public long Id { get; set; }
    public int UnitId { get; set; }
    public AdminUnit Unit { get; set; } = null!;
    /// <summary>Absolute quarter index year*4+q-1.</summary>
    public int Quarter { get; set; }
    public double PatrolDays { get; set; }
    /// <summary>Chosen by risk rank in a patrol plan.</summary>
    public bool Prioritised { get; set; }
    /// <summary>Chosen as an exploration slot in a patrol plan.</summary>
    public bool Exploration { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTimeOffset RecordedAt { get; set; }
}
