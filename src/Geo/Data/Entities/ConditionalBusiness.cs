using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>A business in a conditional line (karaoke, bar, hotel) that risk models use as exposure.</summary>
public class ConditionalBusiness
{
    public int Id { get; set; }
    public string ExternalId { get; set; } = "";
    public BusinessKind Kind { get; set; }
    public string Name { get; set; } = "";
    public DateOnly? OpenedOn { get; set; }
    /// <summary>Exclusive; null = still open.</summary>
    public DateOnly? ClosedOn { get; set; }
    public Point Geom { get; set; } = null!;
    public int? UnitId { get; set; }
    public AdminUnit? Unit { get; set; }
    public string? ImportBatch { get; set; }
}
