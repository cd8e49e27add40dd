using NetTopologySuite.Geometries;

namespace DiaBan.Geo.Data;

/// <summary>A province or commune as it was during [ValidFrom, ValidTo); a merger creates new rows, never edits old ones.</summary>
public class AdminUnit
{
    public int Id { get; set; }
    /// <summary>Official GSO code (5 digits for communes, 2 for provinces).</summary>
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public UnitLevel Level { get; set; }
    public UnitKind Kind { get; set; }
    public int? ParentId { get; set; }
    public AdminUnit? Parent { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive end of validity; null = still valid.</summary>
    public DateOnly? ValidTo { get; set; }
    public int? Population { get; set; }
    /// <summary>Area computed from the geometry on the spheroid (source files' own areas are unreliable).</summary>
    public double? AreaKm2 { get; set; }
    public MultiPolygon Geom { get; set; } = null!;

    public bool IsValidOn(DateOnly day) => ValidFrom <= day && (ValidTo is null || day < ValidTo);
}
